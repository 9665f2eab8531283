import { tokenRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { verifyCaseTrail } from '@/lib/use-cases/verify-audit-trail';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/cases/:id/evidence/verify — recomputes the case's audit hash chain in the database
 * and answers whether every link holds, and if not, the first broken one (scope cases:read).
 */
export const GET = tokenRoute<{ id: string }>('case.read', async ({ db, actor, params, now }) =>
  json(await verifyCaseTrail(db, actor, params.id, now)),
);
