import type { DbOrTx } from '../../db/client';
import { getTasksByIds } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';
import { reassignTask } from './reassign-task';

/**
 * Reassigns many tasks: every task is authorized first, and the batch is refused as a whole
 * when any one is not allowed, so a supervisor never ends up with half a reassignment.
 */
export async function bulkReassignTasks(
  db: DbOrTx,
  actor: UserActor,
  input: { taskIds: string[]; toUserId: string | null; reason: string },
  now = new Date(),
) {
  await guard(db, actor, 'task.bulk_reassign', undefined, { type: 'task' });
  // Sorted, so two overlapping bulk reassignments lock rows in the same order (no deadlock).
  const ids = [...new Set(input.taskIds)].sort();
  const found = await getTasksByIds(db, ids);
  for (const id of ids) {
    const t = found.find((x) => x.id === id);
    if (!t) throw new DomainError('not_found', 'Task was not found.', undefined, { taskId: id });
    await guard(
      db,
      actor,
      'task.reassign',
      { type: 'task', candidateGroupId: t.candidateGroupId, assigneeId: t.assigneeId },
      { type: 'task', id: t.id, caseId: t.caseId, taskId: t.id },
    );
  }
  // One transaction: any conflict (a task completed meanwhile, …) leaves every task as it was.
  return db.transaction(async (tx) => {
    const done = [];
    for (const id of ids)
      done.push(
        await reassignTask(
          tx,
          actor,
          { taskId: id, toUserId: input.toUserId, reason: input.reason },
          now,
        ),
      );
    return done;
  });
}
