import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { atRiskApplyBody } from '@/lib/schemas/at-risk';
import { applyAtRiskRebalance } from '@/lib/use-cases/apply-at-risk-rebalance';

/** POST — applies a rebalancing (through the bulk reassignment) and recomputes the group's predictions. */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, atRiskApplyBody);
  return json(await applyAtRiskRebalance(db, actor, body, now));
});
