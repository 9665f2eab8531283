import { userRoute } from '@/lib/http/handlers';
import { json, parseJson } from '@/lib/http/respond';
import { atRiskRefreshBody } from '@/lib/schemas/at-risk';
import { recomputeAtRisk } from '@/lib/use-cases/recompute-at-risk';

/** POST — recomputes a group's predictions now; 429 with Retry-After if the same person did within 30 s. */
export const POST = userRoute(async ({ req, db, actor, now }) => {
  const body = await parseJson(req, atRiskRefreshBody);
  return json(await recomputeAtRisk(db, actor, body, now));
});
