import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { removeAuthorityLimitInput } from '@/lib/schemas/thresholds';
import { removeAuthorityLimit } from '@/lib/use-cases/remove-authority-limit';

/** POST /api/admin/thresholds/limits/remove — removes the limit of `groupId` or `userId` (a new, inactive version). */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, removeAuthorityLimitInput);
  return json(await removeAuthorityLimit(db, actor, body, now));
});
