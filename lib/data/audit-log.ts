import { and, desc, eq, getTableColumns, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, cases, tasks } from '../../db/schema';

/**
 * Reading the audit log: one page newest first, and the actions it holds. Both are shaped for
 * a table of millions of rows: a page walks the occurred_at index backwards from its cursor
 * (keyset on (occurred_at, id), never OFFSET) and joins each of its rows to its task and case by
 * primary key; the list of actions skips through the (action, occurred_at) index one distinct
 * value at a time instead of reading every row.
 */

/** A person signing in or out: routine, and most of the log on a busy day. Hidden unless asked for. */
export const SIGN_IN_ACTIONS = ['auth.signed_in', 'auth.signed_out'] as const;

export type AuditPageQuery = {
  /** Events whose action starts with this text, literally ("_" and "%" are no wildcards). */
  actionPrefix?: string;
  /** Events whose actor label contains this text, case-insensitively. */
  actorContains?: string;
  entityType?: string;
  includeSignIns: boolean;
  /** Only events after this one in the log's order (the previous page's `nextBefore`, an id). */
  before?: number;
  limit: number;
};

/** `text` as a LIKE pattern that matches only itself (backslash is the escape character). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of events, each with the case it concerns (directly or through its task), newest
 * first by when they happened (the id breaks ties and orders events of one moment as written).
 */
export async function auditEventPage(db: DbOrTx, q: AuditPageQuery) {
  const where: SQL[] = [];
  if (q.actionPrefix)
    where.push(sql`${auditEvents.action} like ${`${escapeLike(q.actionPrefix)}%`} escape '\\'`);
  if (q.actorContains)
    where.push(
      sql`lower(${auditEvents.actorLabel}) like ${`%${escapeLike(q.actorContains.toLowerCase())}%`} escape '\\'`,
    );
  if (q.entityType) where.push(eq(auditEvents.entityType, q.entityType));
  if (!q.includeSignIns) where.push(notInArray(auditEvents.action, [...SIGN_IN_ACTIONS]));
  if (q.before) {
    // The cursor is an event id; its time is read here, so the API's `before` stays an id. The
    // plain `occurred_at <=` bound is the part the index can range over.
    const at = sql`(select c.occurred_at from audit_events c where c.id = ${q.before})`;
    where.push(sql`${auditEvents.occurredAt} <= ${at}`);
    where.push(sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${at}, ${q.before}::bigint)`);
  }
  const rows = await db
    .select({
      ...getTableColumns(auditEvents),
      caseRef: { id: cases.id, reference: cases.reference },
      taskName: tasks.name,
    })
    .from(auditEvents)
    .leftJoin(tasks, eq(tasks.id, auditEvents.taskId))
    .leftJoin(cases, eq(cases.id, sql`coalesce(${auditEvents.caseId}, ${tasks.caseId})`))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit).map(({ caseRef, ...e }) => ({
    ...e,
    caseRef: caseRef?.id ? { id: caseRef.id, reference: caseRef.reference } : null,
  }));
  return { events: page, nextBefore: rows.length > q.limit ? page.at(-1)!.id : null };
}

/**
 * Every action the log holds, each once, sorted: a loose index scan (one probe of the
 * (action, occurred_at) index per distinct action), so it costs the same on a million rows as
 * on a hundred.
 */
export async function distinctAuditActions(db: DbOrTx): Promise<string[]> {
  const rows = await db.execute<{ action: string }>(sql`
    with recursive a(action) as (
      (select action from audit_events order by action limit 1)
      union all
      select (select e.action from audit_events e where e.action > a.action order by e.action limit 1)
      from a where a.action is not null
    )
    select action from a where action is not null`);
  return rowsOf<{ action: string }>(rows).map((r) => r.action);
}

/** postgres.js answers an array, PGlite `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
