import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { applyTaskOperation } from './apply-task-operation';

/**
 * To a member of the task's group, or back to its queue; the new person is notified and
 * reminded, and the person it is taken from is told by whom and why.
 */
export function reassignTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; toUserId: string | null; reason: string; expectedVersion?: number },
  now = new Date(),
) {
  return applyTaskOperation(
    db,
    actor,
    {
      taskId: input.taskId,
      expectedVersion: input.expectedVersion,
      command: { op: 'reassign', toUserId: input.toUserId },
      reason: input.reason,
      summary: (_task, _next, h) => {
        const from = h.fromName ? ` from ${h.fromName}` : '';
        return input.toUserId
          ? `Reassigned${from} to ${h.toName ?? 'another person'} by ${actor.name}: ${input.reason}`
          : `Returned${from} to the queue by ${actor.name}: ${input.reason}`;
      },
    },
    now,
  );
}
