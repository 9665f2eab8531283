import { userRoute } from '@/lib/http/handlers';
import { json } from '@/lib/http/respond';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { listAuditEvents } from '@/lib/use-cases/list-audit-events';
import { parseOrThrow } from '@/lib/validation';

export const dynamic = 'force-dynamic';

/**
 * GET /api/audit?action=&actor=&entityType=&signIns=&before=&limit= — newest first; sign-ins
 * and sign-outs only with `signIns=1` (or an action filter naming them); a bad parameter is a
 * 400 naming it.
 */
export const GET = userRoute(async ({ req, db, actor }) => {
  const query = Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== ''));
  return json(await listAuditEvents(db, actor, parseOrThrow(auditQuerySchema, query)));
});
