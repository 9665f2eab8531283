import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { AsOfEvent } from '../domain/case-as-of';

/**
 * The most events one case's history is rebuilt from. A case gathers tens to a few hundred;
 * beyond this the view says so instead of reading without bound.
 */
export const MAX_CASE_EVENTS = 20_000;

/**
 * Every audit event of the case in its chain order (chain_seq: the committed order), at most
 * `limit` + 1 of them so the caller can tell that the history is longer than it reads.
 */
export async function listCaseEventsInChainOrder(
  db: DbOrTx,
  caseId: string,
  limit = MAX_CASE_EVENTS,
): Promise<AsOfEvent[]> {
  const rows = await db
    .select({
      id: auditEvents.id,
      seq: auditEvents.chainSeq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      taskId: auditEvents.taskId,
      entityId: auditEvents.entityId,
      summary: auditEvents.summary,
      before: auditEvents.before,
      after: auditEvents.after,
      metadata: auditEvents.metadata,
    })
    .from(auditEvents)
    .where(eq(auditEvents.caseId, caseId))
    .orderBy(asc(auditEvents.chainSeq), asc(auditEvents.id))
    .limit(limit + 1);
  // chain_seq is NOT NULL in the database (the chain trigger sets it); the id keeps the order
  // for a row written before the chain existed.
  return rows.map((r) => ({ ...r, seq: r.seq ?? r.id, metadata: r.metadata ?? {} }));
}
