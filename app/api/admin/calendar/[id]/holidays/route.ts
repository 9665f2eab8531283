import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { addHoliday, holidayInput } from '@/lib/use-cases/admin-sla';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, holidayInput);
  return json({ holiday: await addHoliday(db, actor, params.id, body, now) }, 201);
});
