import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { listQueueGroups } from '../data/groups';
import { isDueToday, isOverdue, taskVisibility } from '../data/inbox';
import { isOpenTask } from '../data/tasks';
import { endOfLocalDay } from '../domain/business-calendar';
import type { UserActor } from '../domain/permissions';

/**
 * Live counts for the queue rail. Each count is its own small query served by a partial index
 * (run together), rather than one pass over every visible open task.
 */
export async function inboxCounts(db: DbOrTx, actor: UserActor, now: Date) {
  const tz = actor.timeZone ?? 'UTC';
  const vis = taskVisibility(actor);
  const groupList = await listQueueGroups(db, actor);
  const n = sql<number>`count(*)::int`;
  const [mine, dueToday, overdue, escalated, perGroup] = await Promise.all([
    db
      .select({ n })
      .from(tasks)
      .where(and(isOpenTask, eq(tasks.assigneeId, actor.id))),
    db
      .select({ n })
      .from(tasks)
      .where(and(isOpenTask, vis, isDueToday(now, endOfLocalDay(now, tz)))),
    db
      .select({ n })
      .from(tasks)
      .where(and(isOpenTask, vis, isOverdue(now))),
    actor.role === 'adjuster'
      ? Promise.resolve(null)
      : db
          .select({ n })
          .from(tasks)
          .where(and(isOpenTask, vis, gt(tasks.escalationLevel, 0))),
    groupList.length
      ? db
          .select({ groupId: tasks.candidateGroupId, n })
          .from(tasks)
          .where(
            and(
              eq(tasks.status, 'ready'),
              inArray(
                tasks.candidateGroupId,
                groupList.map((g) => g.id),
              ),
            ),
          )
          .groupBy(tasks.candidateGroupId)
      : Promise.resolve([]),
  ]);
  return {
    mine: mine[0]?.n ?? 0,
    dueToday: dueToday[0]?.n ?? 0,
    overdue: overdue[0]?.n ?? 0,
    escalated: escalated ? (escalated[0]?.n ?? 0) : null,
    groups: groupList.map((g) => ({
      ...g,
      ready: perGroup.find((p) => p.groupId === g.id)?.n ?? 0,
    })),
  };
}
