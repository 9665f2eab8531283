import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { saveAuthorityLimitInput } from '@/lib/schemas/thresholds';
import { saveAuthorityLimit } from '@/lib/use-cases/save-authority-limit';

/**
 * PUT /api/admin/thresholds/limits — sets the limit of `groupId` or `userId` (`maxAmount`,
 * null = without limit): 201 when it creates the limit, 200 for a new version (or no change).
 * `expectedVersion` (0 for "none yet") makes a stale edit a 409.
 */
export const PUT = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, saveAuthorityLimitInput);
  const saved = await saveAuthorityLimit(db, actor, body, now);
  return json(saved, saved.changed && saved.version === 1 ? 201 : 200);
});

/** POST does the same as PUT, for clients that only post. */
export const POST = PUT;
