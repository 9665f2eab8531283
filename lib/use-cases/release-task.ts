import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { applyTaskOperation } from './apply-task-operation';

/** Back to the group queue; the group is reminded in its turn (the reset_reminder effect). */
export function releaseTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; expectedVersion?: number },
  now = new Date(),
) {
  return applyTaskOperation(
    db,
    actor,
    {
      ...input,
      command: { op: 'release' },
      summary: () => `Released to the queue by ${actor.name}`,
    },
    now,
  );
}
