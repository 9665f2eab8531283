import { and, asc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, groups, tasks, users } from '../../db/schema';
import type { TeamTaskFilters } from '../schemas/team';
import { dueKey, isDueSoon, isOnTime, isOverdue, matchesSearch } from './inbox';
import { isOpenTask } from './tasks';

/** Where a page starts: after this due time (ISO, or "infinity" for no deadline) and task id. */
export type TeamTaskCursor = { due: string; id: string };

/** The count stops here: past it the page says "1,000+" instead of reading every open task. */
export const TEAM_COUNT_CAP = 1000;

/**
 * Open tasks of the given groups (null: every group), filtered, in due order (no deadline
 * last), one keyset page after `cursor`: the order of tasks_open_page_idx (and, by person,
 * tasks_assignee_open_page_idx), so a page reads its rows from the index whatever the size.
 */
export async function listOpenTasksOfGroups(
  db: DbOrTx,
  groupIds: readonly string[] | null,
  f: Omit<TeamTaskFilters, 'cursor'>,
  cursor: TeamTaskCursor | null,
  now: Date,
) {
  const where: (SQL | undefined)[] = [
    isOpenTask,
    groupIds === null
      ? isNotNull(tasks.candidateGroupId)
      : inArray(tasks.candidateGroupId, [...groupIds]),
    f.group ? eq(tasks.candidateGroupId, f.group) : undefined,
    f.assignee === 'none'
      ? isNull(tasks.assigneeId)
      : f.assignee
        ? eq(tasks.assigneeId, f.assignee)
        : undefined,
    f.due === 'overdue' ? isOverdue(now) : f.due === 'due_soon' ? isDueSoon(now) : undefined,
    f.due === 'on_time' ? isOnTime(now) : undefined,
    f.escalated ? gt(tasks.escalationLevel, 0) : undefined,
    // The inbox's search: each word typed starts a word of the reference, claimant or policy number.
    f.q ? matchesSearch(f.q) : undefined,
  ];
  const base = and(...where);
  const after = cursor
    ? sql`(${dueKey}, ${tasks.id}) > (${cursor.due}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select({
      id: tasks.id,
      name: tasks.name,
      status: tasks.status,
      priority: tasks.priority,
      dueAt: tasks.dueAt,
      dueSoonAt: tasks.dueSoonAt,
      escalationLevel: tasks.escalationLevel,
      version: tasks.version,
      caseId: cases.id,
      reference: cases.reference,
      claimant: cases.title,
      amountCents: cases.amountCents,
      groupId: tasks.candidateGroupId,
      groupName: groups.name,
      assigneeId: tasks.assigneeId,
      assigneeName: users.name,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(groups, eq(groups.id, tasks.candidateGroupId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(base, after))
    .orderBy(asc(dueKey), asc(tasks.id))
    .limit(f.limit + 1);
  // Capped: a supervisor of a million open tasks is told "1,000+", not kept waiting for the number.
  const capped = db
    .select({ one: sql<number>`1`.as('one') })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .where(base)
    .limit(TEAM_COUNT_CAP + 1)
    .as('capped');
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return { rows, count: Number(count?.n ?? 0) };
}
