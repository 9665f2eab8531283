import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { calendarInput } from '@/lib/schemas/sla';
import { updateCalendar } from '@/lib/use-cases/update-calendar';

export const PATCH = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, calendarInput);
  return json({ calendar: await updateCalendar(db, actor, params.id, body, now) });
});
