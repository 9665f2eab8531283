import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { applyTaskOperation } from './apply-task-operation';

/** Claim: atomic; of two people clicking at once one gets it, the other is told who has it. */
export function claimTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; expectedVersion?: number },
  now = new Date(),
) {
  return applyTaskOperation(
    db,
    actor,
    { ...input, command: { op: 'claim' }, summary: () => `Claimed by ${actor.name}` },
    now,
  );
}
