import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { previewAuthorityLimitInput } from '@/lib/schemas/thresholds';
import { previewAuthorityLimit } from '@/lib/use-cases/preview-authority-limit';

/**
 * POST /api/admin/thresholds/limits/preview — the open tasks whose payout decision a new
 * `maxAmount` (or `remove: true`) would flip: a count (bounded) and the first 20.
 */
export const POST = userRoute(async ({ req, db, actor }) => {
  const body = await parseJson(req, previewAuthorityLimitInput);
  return json(await previewAuthorityLimit(db, actor, body));
});
