import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { holidayRuleInput } from '@/lib/schemas/holiday-rules';
import { addHolidayRule } from '@/lib/use-cases/add-holiday-rule';
import { listCalendars } from '@/lib/use-cases/list-calendars';
import { DomainError } from '@/lib/errors';

export const GET = userRoute<{ id: string }>(async ({ db, actor, params }) => {
  const calendar = (await listCalendars(db, actor)).find((c) => c.id === params.id);
  if (!calendar) throw new DomainError('not_found', 'Business calendar was not found.');
  return json({ rules: calendar.holidayRules });
});

export const POST = userRoute<{ id: string }>(async ({ req, db, actor, params, now }) => {
  const body = await parseJson(req, holidayRuleInput);
  return json(await addHolidayRule(db, actor, params.id, body, now), 201);
});
