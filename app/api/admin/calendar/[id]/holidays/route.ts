import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { holidayInput } from '@/lib/schemas/sla';
import { addHoliday } from '@/lib/use-cases/add-holiday';

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, holidayInput);
  return json({ holiday: await addHoliday(db, actor, params.id, body, now) }, 201);
});
