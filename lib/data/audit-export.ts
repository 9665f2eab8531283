import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, cases } from '../../db/schema';
import { escapeLike } from './audit-log';

/**
 * The audit trail as the public API exports it (GET /api/v1/audit-events): newest first by when
 * events happened, keyset-paged on (occurred_at, id) with an event id as the cursor — the admin
 * log's order (lib/data/audit-log.ts), with a case and a time window as filters too. Index use on
 * the partitioned table: a time window prunes partitions and ranges audit_events_occurred_idx; a
 * case reads audit_events_case_idx (case_id, id), bounded by that one case's events; an action
 * prefix can range audit_events_action_idx (action, occurred_at); without those, the page walks
 * audit_events_occurred_idx backwards from the cursor and stops after `limit + 1` rows. An actor
 * filter (a substring: no index) or an action prefix without a case comes only with a window of
 * at most 31 days (lib/schemas/api-v1.ts), so a rare match cannot walk every partition.
 */
export type AuditExportQuery = {
  caseId?: string;
  /** Events whose action starts with this text, literally. */
  actionPrefix?: string;
  /** Events whose actor label contains this text, case-insensitively. */
  actorContains?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
};

export async function auditExportPage(db: DbOrTx, q: AuditExportQuery) {
  const where: SQL[] = [];
  if (q.caseId) where.push(eq(auditEvents.caseId, q.caseId));
  if (q.actionPrefix)
    where.push(sql`${auditEvents.action} like ${`${escapeLike(q.actionPrefix)}%`} escape '\\'`);
  if (q.actorContains)
    where.push(
      sql`lower(${auditEvents.actorLabel}) like ${`%${escapeLike(q.actorContains.toLowerCase())}%`} escape '\\'`,
    );
  if (q.from) where.push(gte(auditEvents.occurredAt, q.from));
  if (q.to) where.push(lt(auditEvents.occurredAt, q.to));
  if (q.before) {
    const at = sql`(select c.occurred_at from audit_events c where c.id = ${q.before})`;
    where.push(sql`${auditEvents.occurredAt} <= ${at}`);
    where.push(sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${at}, ${q.before}::bigint)`);
  }
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      caseId: auditEvents.caseId,
      caseReference: cases.reference,
      taskId: auditEvents.taskId,
      summary: auditEvents.summary,
      before: auditEvents.before,
      after: auditEvents.after,
      metadata: auditEvents.metadata,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .leftJoin(cases, eq(cases.id, auditEvents.caseId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { events: page, nextBefore: rows.length > q.limit ? page.at(-1)!.id : null };
}
