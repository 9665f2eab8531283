import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, caseTypes, groups, tasks, users } from '../../db/schema';
import { earlierDecidersByCase } from '../data/authority';
import { listQueueGroups, queueGroupsOf, type GroupRef } from '../data/groups';
import {
  cachedCount,
  isTransaction,
  snapshotColumn,
  storeCount,
  visibilityKey,
} from '../data/inbox-count-cache';
import {
  cappedCountSql,
  dueKey,
  FILTERED_COUNT_CAP,
  FILTER_SCAN_LIMIT,
  hasStatus,
  INBOX_COUNT_CAP,
  isOpen,
  isDueSoon,
  isOnTime,
  isOverdue,
  matchesCaseField,
  matchesSearch,
  preparedRows,
  serialPlan,
  type CappedCount,
} from '../data/inbox';
import { caseFieldConditions } from './case-field-conditions';
import { queueWhere, slicesFor } from './inbox-slices';
import { cursorAfter, encodeCursor } from './inbox-cursor';
import { inboxWindow, readWindowEdge, unpackWindowCount } from './inbox-window';
import { inboxEndOfDay } from './inbox-day';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import type { InboxFilters } from '../schemas/inbox';

/** Urgent first: the rank sorts ascending. */
const PRIORITY_RANK = sql<number>`(case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;

export type ListInboxOptions = {
  /** Where the total stops being exact (default INBOX_COUNT_CAP; FILTERED_COUNT_CAP with a search or filter). */
  cap?: number;
  /**
   * false: leave the total to the caller (null), e.g. when the queue counts read in the same
   * request already hold it (inbox-counts.ts queueTotal).
   */
  withTotal?: boolean;
  /** Every group (lib/data/groups.ts listGroupRefs), when the caller has read them already. */
  groups?: GroupRef[];
  /** Tasks a filtered page or count looks at, at most (default FILTER_SCAN_LIMIT; tests set less). */
  scanLimit?: number;
};

/**
 * The inbox list: one queue, filtered, sorted, keyset-paginated (no OFFSET, so page 500 costs
 * what page 1 costs). Group queues show unclaimed work: a task claimed by a colleague leaves it.
 * A queue spanning several groups is read as a union of per-group index ranges, each limited to
 * the page; the total is counted up to a cap ("1,000+"), so neither grows with the table.
 */
/** listInbox, with the database snapshot its page was read at (for inbox-load.ts). */
export async function readInboxPage(
  db: DbOrTx,
  actor: UserActor,
  f: InboxFilters,
  now: Date,
  options: ListInboxOptions = {},
) {
  const fieldConditions = await caseFieldConditions(db, f);
  const filtered = Boolean(f.q || f.type || f.priority || f.due || fieldConditions.length);
  const cap = options.cap ?? (filtered ? FILTERED_COUNT_CAP : INBOX_COUNT_CAP);
  const scanLimit = options.scanLimit ?? FILTER_SCAN_LIMIT;
  if (!Number.isInteger(scanLimit) || scanLimit < 1) throw new Error(`bad scan limit ${scanLimit}`);
  const tz = actor.timeZone ?? 'UTC';
  const queueGroups = async () =>
    options.groups ? queueGroupsOf(options.groups, actor) : listQueueGroups(db, actor);
  if (f.queue.startsWith('group:')) {
    const id = f.queue.slice(6);
    const ok = (await queueGroups()).some((g) => g.id === id);
    if (!ok) throw new DomainError('not_found', 'Queue was not found.');
  }
  if (f.queue === 'escalated' && actor.role === 'adjuster')
    throw new DomainError('forbidden', 'The Escalated queue is for supervisors.');
  const status = f.status ?? (f.queue.startsWith('group:') ? 'ready' : 'open');
  const slices = await slicesFor(queueGroups, actor, f.queue);
  const where: (SQL | undefined)[] = [
    status === 'open' ? isOpen : hasStatus(status),
    queueWhere(actor, f.queue, now, tz),
  ];
  if (f.priority) where.push(eq(tasks.priority, f.priority));
  // The chips' definition (lib/domain/sla.ts dueState), in SQL.
  if (f.due === 'overdue') where.push(isOverdue(now));
  if (f.due === 'due_soon') where.push(isDueSoon(now));
  if (f.due === 'on_time') where.push(isOnTime(now));
  // Checked task by task on its case (no index answers them): read from a bounded window. A
  // search alone is not: its trigram index (cases.search_text) answers a rare word directly.
  const bounded = Boolean(f.type || fieldConditions.length);
  const checks: SQL[] = [];
  if (f.type) checks.push(eq(caseTypes.key, f.type));
  if (f.q) (bounded ? checks : where).push(matchesSearch(f.q));
  for (const c of fieldConditions) checks.push(matchesCaseField(c));
  const keys: SQL[] =
    f.sort === 'priority'
      ? [PRIORITY_RANK, dueKey]
      : f.sort === 'age'
        ? [sql`${tasks.createdAt}`]
        : [dueKey];
  const base = and(...where);
  const pageWhere = f.cursor ? cursorAfter(f.cursor, f.sort, keys) : undefined;

  const order = [...keys.map((k) => asc(k)), asc(tasks.id)];
  const needsCase = Boolean(f.q || bounded);
  /** `select <what> from tasks` with the joins the filters need (the case type only for `type`). */
  const from = (what: SQL) =>
    sql`select ${what} from ${tasks}${
      needsCase ? sql` inner join ${cases} on ${cases.id} = ${tasks.caseId}` : sql``
    }${f.type ? sql` inner join ${caseTypes} on ${caseTypes.id} = ${cases.caseTypeId}` : sql``}`;
  // Per slice: the first page of that slice (an index range); the union holds at most
  // slices × (limit + 1) ids, of which the outer query keeps the first page.
  // The union's page is picked by its sort keys before the joins, which then read one page.
  const limit = sql.raw(String(f.limit + 1));
  const keyNames = keys.map((_, i) => sql.identifier(`k${i}`));
  const unboundedIds = () =>
    slices
      ? inArray(
          tasks.id,
          sql`(select u.id from (${sql.join(
            slices.map(
              (slice) =>
                sql`(${from(
                  sql`${tasks.id}, ${sql.join(
                    keys.map((k, i) => sql`${k} as ${keyNames[i]}`),
                    sql`, `,
                  )}`,
                )} where ${and(slice, base, pageWhere) ?? sql`true`} order by ${sql.join(
                  order,
                  sql`, `,
                )} limit ${limit})`,
            ),
            sql` union all `,
          )}) u order by ${sql.join([...keyNames, sql`u.id`], sql`, `)} limit ${limit})`,
        )
      : and(base, pageWhere);

  const scanWindow = inboxWindow({
    keys,
    keyNames,
    order,
    base,
    slices,
    checks,
    withType: Boolean(f.type),
    scanLimit,
  });
  const pageIds = bounded
    ? inArray(tasks.id, sql`(${scanWindow.matching(pageWhere, sql`w.id`, f.limit + 1)})`)
    : unboundedIds();

  const rows = await db
    .select({
      id: tasks.id,
      name: tasks.name,
      status: tasks.status,
      priority: tasks.priority,
      dueAt: tasks.dueAt,
      createdAt: tasks.createdAt,
      dueSoonAt: tasks.dueSoonAt,
      escalationLevel: tasks.escalationLevel,
      version: tasks.version,
      caseId: cases.id,
      reference: cases.reference,
      claimant: cases.title,
      amountCents: cases.amountCents,
      caseType: caseTypes.key,
      groupId: tasks.candidateGroupId,
      groupName: groups.name,
      assigneeId: tasks.assigneeId,
      assigneeName: users.name,
      rank: PRIORITY_RANK,
      isApproval: sql<boolean>`(${tasks.context} -> 'approval') is not null`,
      snapshot: sql<string>`${snapshotColumn}`,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(caseTypes, eq(caseTypes.id, cases.caseTypeId))
    .leftJoin(groups, eq(groups.id, tasks.candidateGroupId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(pageIds, serialPlan))
    .orderBy(...order)
    .limit(f.limit + 1)
    // Planned once per connection and query text (see preparedRows).
    .prepare('inbox_page')
    .execute();

  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const keyOf = (r: (typeof rows)[number]): (string | number)[] =>
    f.sort === 'priority'
      ? [r.rank, r.dueAt ? r.dueAt.toISOString() : 'infinity']
      : f.sort === 'age'
        ? [r.createdAt.toISOString()]
        : [r.dueAt ? r.dueAt.toISOString() : 'infinity'];
  // A short page of a bounded read may have stopped at the window's bound: then the next page
  // looks further, from the window's last task.
  const edge =
    bounded && rows.length <= f.limit
      ? await readWindowEdge(db, scanWindow, {
          after: pageWhere,
          keyNames,
          byPriority: f.sort === 'priority',
          scanLimit,
        })
      : { limited: false, cursor: null };
  const pageScanLimited = edge.limited;
  // Capped, slice by slice; cases are joined only when a filter needs them, so without one the
  // count reads just the partial index. A first page that is not full is its own total.
  // Kept per snapshot (lib/data/inbox-count-cache.ts): later pages of a list count nothing.
  const snapshot = rows[0]?.snapshot ?? null;
  const timedTotal = f.queue === 'due_today' || f.queue === 'overdue' || Boolean(f.due);
  const totalKey = `total/${visibilityKey(actor)}/${JSON.stringify([
    f.queue,
    status,
    f.priority ?? null,
    f.type ?? null,
    f.q ?? null,
    f.due ?? null,
    fieldConditions,
    f.queue === 'due_today' ? inboxEndOfDay(now, tz).toISOString() : null,
  ])}/${cap}/${bounded ? scanLimit : 0}`;
  const countTotal = async (): Promise<CappedCount & { scanLimited: boolean }> => {
    const cached =
      snapshot !== null && !isTransaction(db)
        ? cachedCount(db, totalKey, snapshot, now, timedTotal)
        : undefined;
    if (cached !== undefined) return unpackWindowCount(cached, cap);
    const [read] = await preparedRows<{ n: number; snapshot: string }>(
      db,
      sql`select ${snapshotColumn} as snapshot, ${
        bounded
          ? scanWindow.count(cap)
          : cappedCountSql(
              (slices ?? [undefined]).map(
                (slice) => sql`${from(sql`1`)} where ${and(slice, base) ?? sql`true`}`,
              ),
              cap,
              filtered ? order : undefined,
            )
      } as n`,
    );
    const n = Number(read?.n ?? 0);
    if (read && !isTransaction(db)) storeCount(db, totalKey, read.snapshot, now, n);
    return unpackWindowCount(n, cap);
  };
  // Four eyes: approval steps of cases this person decided are not theirs to claim.
  const approvalCases = page.filter((r) => r.isApproval).map((r) => r.caseId);
  const [total, deciders] = await Promise.all([
    options.withTotal === false
      ? null
      : !f.cursor && rows.length <= f.limit
        ? // The count's window is this page's: what the page found is all it would find.
          { n: rows.length, capped: pageScanLimited, scanLimited: pageScanLimited }
        : countTotal(),
    earlierDecidersByCase(db, approvalCases),
  ]);
  return {
    tasks: page.map(({ rank: _r, snapshot: _s, isApproval, ...r }) => ({
      ...r,
      fourEyes: isApproval && (deciders.get(r.caseId) ?? []).includes(actor.id),
    })),
    /** Exact when totalCapped is false; otherwise at least this many match ("1,000+"). */
    total: total?.n ?? null,
    totalCapped: total?.capped ?? false,
    /**
     * The search or filter stopped after looking at `scanLimit` tasks of the queue: the page may
     * hold fewer rows than match (nextCursor looks further) and the total counts only the
     * matches among them (at least that many). False when the answer is complete.
     */
    scanLimited: pageScanLimited || (total?.scanLimited ?? false),
    /** Tasks a filtered page or count looks at, at most; null without such a filter. */
    scanLimit: bounded ? scanLimit : null,
    nextCursor:
      rows.length > f.limit && last ? encodeCursor({ k: keyOf(last), id: last.id }) : edge.cursor,
    /** The database snapshot the page was read at (pg_current_snapshot); null without rows. */
    snapshot,
  };
}

/** The inbox list (readInboxPage without the snapshot). */
export async function listInbox(
  db: DbOrTx,
  actor: UserActor,
  f: InboxFilters,
  now: Date,
  options: ListInboxOptions = {},
) {
  const { snapshot: _snapshot, ...list } = await readInboxPage(db, actor, f, now, options);
  return list;
}
