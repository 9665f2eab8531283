import type { DbOrTx } from '../../db/client';
import { auditExportPage } from '../data/audit-export';
import type { Actor } from '../domain/permissions';
import { v1AuditQuerySchema } from '../schemas/api-v1';
import { parseOrThrow } from '../validation';
import { guard } from './guard';

/**
 * GET /api/v1/audit-events: the audit trail for export (scope audit:read), newest first, a
 * bounded page (at most 500) with the next page's cursor; each event with its hash (the chain
 * `npm run audit:verify` checks), so an exported copy can be compared with the live one.
 */
export async function exportAuditEvents(db: DbOrTx, actor: Actor, query: Record<string, string>) {
  await guard(db, actor, 'audit.read', undefined, { type: 'audit_log' });
  const q = parseOrThrow(v1AuditQuerySchema, query, { lead: 'Invalid parameters' });
  const page = await auditExportPage(db, {
    caseId: q.caseId,
    actionPrefix: q.action || undefined,
    actorContains: q.actor || undefined,
    from: q.from,
    to: q.to,
    before: q.before,
    limit: q.limit,
  });
  return {
    events: page.events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    nextBefore: page.nextBefore,
  };
}
