import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { applyTaskOperation } from './apply-task-operation';

/** To a member of the task's group, or back to its queue; the new person is notified and reminded. */
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
      metadata: { reason: input.reason },
      summary: () =>
        input.toUserId
          ? `Reassigned by ${actor.name}: ${input.reason}`
          : `Returned to the queue by ${actor.name}: ${input.reason}`,
    },
    now,
  );
}
