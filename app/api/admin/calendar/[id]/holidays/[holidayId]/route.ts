import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { removeHoliday } from '@/lib/use-cases/remove-holiday';

/** Like every state change here, DELETE must be sent as JSON (Content-Type: application/json), e.g. with the body `{}`. */
export const DELETE = userRoute<{ id: string; holidayId: string }>(
  async ({ db, actor, params, now }) =>
    json({ holiday: await removeHoliday(db, actor, params.id, params.holidayId, now) }),
);
