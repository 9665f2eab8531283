import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import type { TaskRow } from './tasks';

/** What the next-task search needs of a ready task: its place in the order, and four eyes. */
export type NextCandidate = Pick<
  TaskRow,
  'id' | 'caseId' | 'candidateGroupId' | 'priority' | 'dueAt' | 'context'
>;

/** Where a group's walk stopped: the last candidate read (keyset, never an offset). */
export type NextCursor = Pick<NextCandidate, 'id' | 'priority' | 'dueAt'>;

const PRIORITY_RANK: Record<TaskRow['priority'], number> = {
  low: 0,
  normal: 1,
  high: 2,
  urgent: 3,
};

/** The "next task" order: higher priority first, then earlier due (no due time last), then id. */
export function compareNext(a: NextCursor, b: NextCursor): number {
  const byPriority = PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority];
  if (byPriority) return byPriority;
  const ad = a.dueAt?.getTime() ?? Infinity;
  const bd = b.dueAt?.getTime() ?? Infinity;
  if (ad !== bd) return ad < bd ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const dueKey = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;
const waiting = and(eq(tasks.status, 'ready'), isNull(tasks.pausedAt));

/** Rows strictly after `c` in the order of tasks_group_next_idx. */
function after(c: NextCursor): SQL {
  const sameRank = c.dueAt
    ? sql`(${dueKey}, ${tasks.id}) > (${c.dueAt.toISOString()}::timestamptz, ${c.id}::uuid)`
    : sql`(${tasks.dueAt} is null and ${tasks.id} > ${c.id}::uuid)`;
  return sql`(${tasks.priority} < ${c.priority} or (${tasks.priority} = ${c.priority} and ${sameRank}))`;
}

/**
 * The most urgent ready, unpaused tasks of one group, after `cursor`: a walk down
 * tasks_group_next_idx (its column order and predicate), so the cost is `limit` rows at any
 * queue size. Not locked: the caller locks the one it picks with lockWaitingTask.
 */
export async function listNextCandidates(
  db: DbOrTx,
  params: { groupId: string; cursor: NextCursor | null; limit: number },
): Promise<NextCandidate[]> {
  return (
    db
      .select({
        id: tasks.id,
        caseId: tasks.caseId,
        candidateGroupId: tasks.candidateGroupId,
        priority: tasks.priority,
        dueAt: tasks.dueAt,
        context: tasks.context,
      })
      .from(tasks)
      .where(
        and(
          eq(tasks.candidateGroupId, params.groupId),
          waiting,
          params.cursor ? after(params.cursor) : undefined,
        ),
      )
      // `nulls last` as in tasks_group_next_idx: with the default (nulls first for desc) the
      // planner cannot walk the index and sorts the whole queue (1.8 s at 300k ready tasks).
      .orderBy(sql`${tasks.priority} desc nulls last`, dueKey, asc(tasks.id))
      .limit(params.limit)
  );
}

/**
 * Locks a task for the caller's transaction if it is still waiting (ready, unpaused, in the
 * group) and nobody else holds it: `SKIP LOCKED`, so callers racing for the same queue pass
 * over each other's picks instead of queueing behind them. False: take the next candidate.
 */
export async function lockWaitingTask(
  tx: DbOrTx,
  params: { taskId: string; groupId: string },
): Promise<boolean> {
  const rows = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, params.taskId), eq(tasks.candidateGroupId, params.groupId), waiting))
    .for('update', { skipLocked: true });
  return rows.length === 1;
}
