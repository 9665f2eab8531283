import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { atRiskQuerySchema } from '@/lib/schemas/at-risk';
import { listAtRisk } from '@/lib/use-cases/list-at-risk';

export const dynamic = 'force-dynamic';

/**
 * GET /api/team/at-risk?group=&limit= — a group's predicted breaches and a rebalancing suggestion
 * (kept per group while its predictions are unchanged, for up to a minute: list-at-risk.ts).
 */
export const GET = userRoute(async ({ req, db, actor, now }) => {
  const query = atRiskQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return json(await listAtRisk(db, actor, query, now));
});
