import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { removeHolidayRule } from '@/lib/use-cases/remove-holiday-rule';

export const DELETE = userRoute<{ id: string; ruleId: string }>(
  async ({ db, actor, params, now }) =>
    json(await removeHolidayRule(db, actor, params.id, params.ruleId, now)),
);
