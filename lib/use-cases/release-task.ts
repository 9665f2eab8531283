import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { applyTaskOperation } from './apply-task-operation';

/**
 * Back to the group queue; the group is reminded in its turn (the reset_reminder effect). A
 * supervisor releasing someone else's task says why: the reason is audited and sent to them.
 */
export function releaseTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; expectedVersion?: number; reason?: string | null },
  now = new Date(),
) {
  const reason = input.reason?.trim() || undefined;
  return applyTaskOperation(
    db,
    actor,
    {
      taskId: input.taskId,
      expectedVersion: input.expectedVersion,
      command: { op: 'release', reason },
      reason,
      summary: (task, _next, h) =>
        task.assigneeId === actor.id || !h.fromName
          ? `Released to the queue by ${actor.name}${reason ? `: ${reason}` : ''}`
          : `Released from ${h.fromName} to the queue by ${actor.name}: ${reason}`,
    },
    now,
  );
}
