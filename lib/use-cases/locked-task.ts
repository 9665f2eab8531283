import type { DbOrTx } from '../../db/client';
import { getTask, getTaskForUpdate, type TaskRow } from '../data/tasks';
import { lockActiveUsers } from '../data/users';
import { authorize, type Action, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';

/**
 * Decides `action` again on a task row the caller has locked: a reassignment or escalation
 * between the first read and the lock may have taken the task out of the actor's reach.
 */
export function authorizeLockedTask(actor: UserActor, action: Action, task: TaskRow): void {
  const allowed = authorize(actor, action, {
    type: 'task',
    candidateGroupId: task.candidateGroupId,
    assigneeId: task.assigneeId,
  });
  if (!allowed.allowed)
    throw allowed.code === 'not_found'
      ? new DomainError('not_found', 'Task was not found.')
      : new DomainError('forbidden', allowed.reason);
}

/**
 * A person's operation on one task: authorized on the task as read (refusals audited, 404 for a
 * task the actor may not see), then in one transaction the actor checked still active and the
 * task row locked; `work` runs on the locked row (and re-authorizes it with authorizeLockedTask).
 */
export async function withLockedTask<T>(
  db: DbOrTx,
  actor: UserActor,
  action: Action,
  taskId: string,
  work: (tx: DbOrTx, task: TaskRow) => Promise<T>,
): Promise<T> {
  const seen = await getTask(db, taskId);
  if (!seen) throw new DomainError('not_found', 'Task was not found.');
  await guard(
    db,
    actor,
    action,
    { type: 'task', candidateGroupId: seen.candidateGroupId, assigneeId: seen.assigneeId },
    { type: 'task', id: seen.id, caseId: seen.caseId, taskId: seen.id },
  );
  return db.transaction(async (tx) => {
    if (!(await lockActiveUsers(tx, [actor.id])))
      throw new DomainError('unauthenticated', 'Your account is deactivated.');
    const task = await getTaskForUpdate(tx, taskId);
    if (!task) throw new DomainError('not_found', 'Task was not found.');
    return work(tx, task);
  });
}
