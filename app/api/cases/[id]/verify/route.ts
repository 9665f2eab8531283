import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { verifyCaseTrail } from '@/lib/use-cases/verify-audit-trail';

export const dynamic = 'force-dynamic';

/**
 * GET /api/cases/:id/verify — the case page's "Verified ✓ / Broken at event N" badge: recomputes
 * the case's audit hash chain and its checkpoints (the session twin of
 * /api/v1/cases/:id/evidence/verify). A case the person may not read is a 404.
 */
export const GET = userRoute<{ id: string }>(async ({ db, actor, params, now }) =>
  json(await verifyCaseTrail(db, actor, params.id, now)),
);
