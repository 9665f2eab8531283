import type { NextRequest } from 'next/server';
import { tokenRoute, userRoute } from '@/lib/http/handlers';
import type { EvidenceBundle } from '@/lib/evidence/bundle-format';
import { exportEvidenceBundle } from '@/lib/use-cases/export-evidence-bundle';

export const dynamic = 'force-dynamic';

type Params = { id: string };

/** The bundle as a file: pretty-printed (a person may open it), named after the case. */
function download(bundle: EvidenceBundle): Response {
  const name = `evidence-${bundle.case.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
  return new Response(`${JSON.stringify(bundle, null, 2)}\n`, {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

const viaSession = userRoute<Params>(async ({ db, actor, params, now }) =>
  download(await exportEvidenceBundle(db, actor, params.id, now)),
);

// Tokens need audit:read here; the use-case also asks for cases:read (the case it reads).
const viaToken = tokenRoute<Params>('audit.read', async ({ db, actor, params, now }) =>
  download(await exportEvidenceBundle(db, actor, params.id, now)),
);

/**
 * GET /api/v1/cases/:id/evidence — the case's evidence bundle (case data, tasks and decisions,
 * routing rule and SLA policy versions, the hash-chained timeline and the checkpoints covering
 * it) as a JSON download. The case page's export button calls it with the session cookie; an
 * external system with a bearer token (an Authorization header selects that path). Supervisors
 * and admins only; scripts/verify-bundle.ts checks the file offline.
 */
export const GET = (req: NextRequest, ctx: { params: Promise<Params> }) =>
  req.headers.has('authorization') ? viaToken(req, ctx) : viaSession(req, ctx);
