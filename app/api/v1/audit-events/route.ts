import { tokenRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { exportAuditEvents } from '@/lib/use-cases/v1-audit-events';

export const dynamic = 'force-dynamic';

/** GET /api/v1/audit-events — the audit trail, newest first, keyset-paged (scope audit:read). */
export const GET = tokenRoute('audit.read', async ({ req, db, actor }) =>
  json(await exportAuditEvents(db, actor, Object.fromEntries(req.nextUrl.searchParams))),
);
