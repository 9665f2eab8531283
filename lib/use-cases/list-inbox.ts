import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, caseTypes, groups, tasks, users } from '../../db/schema';
import { earlierDecidersByCase } from '../data/authority';
import { listQueueGroups } from '../data/groups';
import {
  dueKey,
  isDueSoon,
  isDueToday,
  isOnTime,
  isOverdue,
  matchesSearch,
  taskVisibility,
} from '../data/inbox';
import { isOpenTask } from '../data/tasks';
import { endOfLocalDay } from '../domain/business-calendar';
import type { UserActor } from '../domain/permissions';
import { isIsoInstant } from '../domain/input-limits';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import type { InboxFilters } from '../schemas/inbox';

/** Urgent first: the rank sorts ascending. */
const PRIORITY_RANK = sql<number>`(case ${tasks.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;

function queueWhere(actor: UserActor, queue: string, now: Date, tz: string): SQL | undefined {
  if (queue === 'mine') return eq(tasks.assigneeId, actor.id);
  if (queue === 'due_today') return isDueToday(now, endOfLocalDay(now, tz));
  if (queue === 'overdue') return isOverdue(now);
  if (queue === 'escalated') return gt(tasks.escalationLevel, 0);
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

/**
 * The inbox list: one queue, filtered, sorted, keyset-paginated (no OFFSET, so page 500 costs
 * what page 1 costs). Group queues show unclaimed work: a task claimed by a colleague leaves it.
 */
export async function listInbox(db: DbOrTx, actor: UserActor, f: InboxFilters, now: Date) {
  const tz = actor.timeZone ?? 'UTC';
  if (f.queue.startsWith('group:')) {
    const id = f.queue.slice(6);
    const ok = (await listQueueGroups(db, actor)).some((g) => g.id === id);
    if (!ok) throw new DomainError('not_found', 'Queue was not found.');
  }
  if (f.queue === 'escalated' && actor.role === 'adjuster')
    throw new DomainError('forbidden', 'The Escalated queue is for supervisors.');
  const status = f.status ?? (f.queue.startsWith('group:') ? 'ready' : 'open');
  const where: (SQL | undefined)[] = [
    status === 'open' ? isOpenTask : eq(tasks.status, status),
    taskVisibility(actor),
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
    .where(and(base, pageWhere))
    .orderBy(...keys.map((k) => asc(k)), asc(tasks.id))
    .limit(f.limit + 1);

  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const keyOf = (r: (typeof rows)[number]): (string | number)[] =>
    f.sort === 'priority'
      ? [r.rank, r.dueAt ? r.dueAt.toISOString() : 'infinity']
      : f.sort === 'age'
        ? [r.createdAt.toISOString()]
        : [r.dueAt ? r.dueAt.toISOString() : 'infinity'];
  // The count joins cases only when a filter needs them, so it reads just the partial index.
  const needsCase = Boolean(f.type || f.q);
  const countQuery = db.select({ n: sql<number>`count(*)::int` }).from(tasks);
  const [total] = needsCase
    ? await countQuery
        .innerJoin(cases, eq(cases.id, tasks.caseId))
        .innerJoin(caseTypes, eq(caseTypes.id, cases.caseTypeId))
        .where(base)
    : await countQuery.where(base);
  // Four eyes: approval steps of cases this person decided are not theirs to claim.
  const approvalCases = page.filter((r) => r.isApproval).map((r) => r.caseId);
  const deciders = await earlierDecidersByCase(db, approvalCases);
  return {
    tasks: page.map(({ rank: _r, isApproval, ...r }) => ({
      ...r,
      fourEyes: isApproval && (deciders.get(r.caseId) ?? []).includes(actor.id),
    })),
    total: total?.n ?? null,
    nextCursor:
      rows.length > f.limit && last ? encodeCursor({ k: keyOf(last), id: last.id }) : null,
  };
}
