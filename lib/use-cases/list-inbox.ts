import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, caseTypes, groups, tasks, users } from '../../db/schema';
import { earlierDecidersByCase } from '../data/authority';
import { listQueueGroups } from '../data/groups';
import {
  cappedCountSql,
  dueKey,
  everyGroupSlices,
  FILTERED_COUNT_CAP,
  hasStatus,
  INBOX_COUNT_CAP,
  isEscalated,
  isOpen,
  isDueSoon,
  isDueToday,
  isOnTime,
  isOverdue,
  matchesSearch,
  preparedRows,
  serialPlan,
  toCappedCount,
  visibilitySlices,
} from '../data/inbox';
import { endOfLocalDay } from '../domain/business-calendar';
import type { UserActor } from '../domain/permissions';
import { isIsoInstant } from '../domain/input-limits';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import type { InboxFilters } from '../schemas/inbox';
import { inboxCounts, queueTotal, railCountsTotal } from './inbox-counts';

/** Urgent first: the rank sorts ascending. */
const PRIORITY_RANK = sql<number>`(case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;

function queueWhere(actor: UserActor, queue: string, now: Date, tz: string): SQL | undefined {
  if (queue === 'mine') return eq(tasks.assigneeId, actor.id);
  if (queue === 'due_today') return isDueToday(now, endOfLocalDay(now, tz));
  if (queue === 'overdue') return isOverdue(now);
  if (queue === 'escalated') return isEscalated;
  if (queue.startsWith('group:')) return eq(tasks.candidateGroupId, queue.slice(6));
  return undefined;
}

type Cursor = { k: (string | number)[]; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
/** A cursor this inbox handed out: keys and id are checked here, so SQL never sees one it would refuse. */
function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (!c || !Array.isArray(c.k) || typeof c.id !== 'string' || !isUuid(c.id)) throw new Error();
    return c;
  } catch {
    throw new DomainError('validation', 'The cursor is not one this inbox returned.', {
      cursor: 'is invalid',
    });
  }
}

export type ListInboxOptions = {
  /** Where the total stops being exact (default INBOX_COUNT_CAP; FILTERED_COUNT_CAP with a search or filter). */
  cap?: number;
  /**
   * false: leave the total to the caller (null), e.g. when the queue counts read in the same
   * request already hold it (inbox-counts.ts queueTotal).
   */
  withTotal?: boolean;
};

/**
 * The slices (lib/data/inbox.ts visibilitySlices) a queue's tasks are read from; null: one
 * query, when the queue's own condition already keeps to what the actor may see (their tasks,
 * a group queue they were checked for) or nothing restricts it (admins).
 */
async function slicesFor(db: DbOrTx, actor: UserActor, queue: string): Promise<SQL[] | null> {
  if (queue === 'mine' || queue.startsWith('group:')) return null;
  const slices = visibilitySlices(actor);
  // The escalated index leads with the group: an admin's Escalated is read group by group too.
  if (slices === null && queue === 'escalated')
    return everyGroupSlices((await listQueueGroups(db, actor)).map((g) => g.id));
  return slices;
}

/**
 * The inbox list: one queue, filtered, sorted, keyset-paginated (no OFFSET, so page 500 costs
 * what page 1 costs). Group queues show unclaimed work: a task claimed by a colleague leaves it.
 * A queue spanning several groups is read as a union of per-group index ranges, each limited to
 * the page; the total is counted up to a cap ("1,000+"), so neither grows with the table.
 */
export async function listInbox(
  db: DbOrTx,
  actor: UserActor,
  f: InboxFilters,
  now: Date,
  options: ListInboxOptions = {},
) {
  const filtered = Boolean(f.q || f.type || f.priority || f.due);
  const cap = options.cap ?? (filtered ? FILTERED_COUNT_CAP : INBOX_COUNT_CAP);
  const tz = actor.timeZone ?? 'UTC';
  if (f.queue.startsWith('group:')) {
    const id = f.queue.slice(6);
    const ok = (await listQueueGroups(db, actor)).some((g) => g.id === id);
    if (!ok) throw new DomainError('not_found', 'Queue was not found.');
  }
  if (f.queue === 'escalated' && actor.role === 'adjuster')
    throw new DomainError('forbidden', 'The Escalated queue is for supervisors.');
  const status = f.status ?? (f.queue.startsWith('group:') ? 'ready' : 'open');
  const slices = await slicesFor(db, actor, f.queue);
  const where: (SQL | undefined)[] = [
    status === 'open' ? isOpen : hasStatus(status),
    queueWhere(actor, f.queue, now, tz),
  ];
  if (f.priority) where.push(eq(tasks.priority, f.priority));
  if (f.type) where.push(eq(caseTypes.key, f.type));
  // The chips' definition (lib/domain/sla.ts dueState), in SQL.
  if (f.due === 'overdue') where.push(isOverdue(now));
  if (f.due === 'due_soon') where.push(isDueSoon(now));
  if (f.due === 'on_time') where.push(isOnTime(now));
  if (f.q) where.push(matchesSearch(f.q));
  const keys: SQL[] =
    f.sort === 'priority'
      ? [PRIORITY_RANK, dueKey]
      : f.sort === 'age'
        ? [sql`${tasks.createdAt}`]
        : [dueKey];
  const base = and(...where);
  const pageWhere = f.cursor
    ? (() => {
        const c = decodeCursor(f.cursor);
        // Exactly the forms keyOf writes: PostgreSQL refuses much of what Date.parse accepts.
        const isTime = (v: unknown) =>
          v === 'infinity' || (typeof v === 'string' && isIsoInstant(v));
        const shapeOk =
          f.sort === 'priority'
            ? c.k.length === 2 &&
              Number.isInteger(c.k[0]) &&
              (c.k[0] as number) >= 0 &&
              (c.k[0] as number) <= 3 &&
              isTime(c.k[1])
            : c.k.length === 1 && isTime(c.k[0]);
        if (!shapeOk)
          throw new DomainError(
            'validation',
            'The cursor does not belong to this sort order; start from the first page.',
            { cursor: 'does not match the sort order' },
          );
        const vals = c.k.map((v, i) =>
          f.sort === 'priority' && i === 0 ? sql`${Number(v)}` : sql`${String(v)}::timestamptz`,
        );
        return sql`(${sql.join([...keys, sql`${tasks.id}`], sql`, `)}) > (${sql.join([...vals, sql`${c.id}::uuid`], sql`, `)})`;
      })()
    : undefined;

  const order = [...keys.map((k) => asc(k)), asc(tasks.id)];
  const needsCase = Boolean(f.type || f.q);
  /** `select <what> from tasks` with the joins the filters need (the case type only for `type`). */
  const from = (what: SQL) =>
    sql`select ${what} from ${tasks}${
      needsCase ? sql` inner join ${cases} on ${cases.id} = ${tasks.caseId}` : sql``
    }${f.type ? sql` inner join ${caseTypes} on ${caseTypes.id} = ${cases.caseTypeId}` : sql``}`;
  // Per slice: the first page of that slice (an index range); the union holds at most
  // slices × (limit + 1) ids, of which the outer query keeps the first page.
  const pageIds = slices
    ? inArray(
        tasks.id,
        sql`(select u.id from (${sql.join(
          slices.map(
            (slice) =>
              sql`(${from(sql`${tasks.id}`)} where ${and(slice, base, pageWhere) ?? sql`true`} order by ${sql.join(
                order,
                sql`, `,
              )} limit ${sql.raw(String(f.limit + 1))})`,
          ),
          sql` union all `,
        )}) u)`,
      )
    : and(base, pageWhere);

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
  // Capped, slice by slice; cases are joined only when a filter needs them, so without one the
  // count reads just the partial index. A first page that is not full is its own total.
  const countTotal = async () =>
    toCappedCount(
      (
        await preparedRows<{ n: number }>(
          db,
          sql`select ${cappedCountSql(
            (slices ?? [undefined]).map(
              (slice) => sql`${from(sql`1`)} where ${and(slice, base) ?? sql`true`}`,
            ),
            cap,
            filtered ? order : undefined,
          )} as n`,
        )
      )[0]?.n,
      cap,
    );
  // Four eyes: approval steps of cases this person decided are not theirs to claim.
  const approvalCases = page.filter((r) => r.isApproval).map((r) => r.caseId);
  const [total, deciders] = await Promise.all([
    options.withTotal === false
      ? null
      : !f.cursor && rows.length <= f.limit
        ? { n: rows.length, capped: false }
        : countTotal(),
    earlierDecidersByCase(db, approvalCases),
  ]);
  return {
    tasks: page.map(({ rank: _r, isApproval, ...r }) => ({
      ...r,
      fourEyes: isApproval && (deciders.get(r.caseId) ?? []).includes(actor.id),
    })),
    /** Exact when totalCapped is false; otherwise more than this many match ("1,000+"). */
    total: total?.n ?? null,
    totalCapped: total?.capped ?? false,
    nextCursor:
      rows.length > f.limit && last ? encodeCursor({ k: keyOf(last), id: last.id }) : null,
  };
}

/**
 * What GET /api/inbox answers: one page of a queue plus the rail's counts, read in parallel. A
 * rail queue without filters takes its total from the rail's count (the same number, one count
 * less per request).
 */
export async function loadInbox(db: DbOrTx, actor: UserActor, f: InboxFilters, now: Date) {
  const fromRail = railCountsTotal(f);
  const [list, counts] = await Promise.all([
    listInbox(db, actor, f, now, { withTotal: !fromRail }),
    inboxCounts(db, actor, now),
  ]);
  const total = fromRail ? queueTotal(f, counts) : null;
  return {
    ...list,
    ...(total ? { total: total.n, totalCapped: total.capped } : {}),
    counts,
  };
}
