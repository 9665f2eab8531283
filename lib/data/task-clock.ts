import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { OPEN_TASK_STATUSES } from '../domain/task-lifecycle';

/**
 * The open tasks of a case whose clock waits for case event `event`, locked for the resume
 * (found through tasks_paused_case_idx: a case has a handful of tasks).
 */
export async function lockTasksPausedFor(tx: DbOrTx, caseId: string, event: string) {
  return tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.caseId, caseId),
        isNotNull(tasks.pausedAt),
        eq(tasks.pausedForEvent, event),
        inArray(tasks.status, [...OPEN_TASK_STATUSES]),
      ),
    )
    .orderBy(asc(tasks.createdAt), asc(tasks.id))
    .for('update');
}
