import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { pauseClock } from '../domain/task-clock';
import { applyClockOperation, clockState } from './task-clock-operation';

/**
 * "Wait for claimant": the task's SLA clock stops (no reminder, no escalation) until it is
 * resumed by hand or, with `resumeOnEvent`, when that case event arrives (receive-case-event).
 */
export function pauseTask(
  db: DbOrTx,
  actor: UserActor,
  input: {
    taskId: string;
    reason: unknown;
    resumeOnEvent?: string | null;
    expectedVersion?: number;
  },
  now = new Date(),
) {
  return applyClockOperation(
    db,
    actor,
    { taskId: input.taskId, expectedVersion: input.expectedVersion, action: 'task.pause' },
    (task) => {
      const d = pauseClock(task, input, now);
      if (!d.ok) return d;
      const c = d.changes;
      const until = c.pausedForEvent ? ` until “${c.pausedForEvent}” arrives` : '';
      return {
        ok: true,
        changes: c,
        action: 'task.paused',
        summary: `Clock paused${until} by ${actor.name}: ${c.pauseReason}`,
        before: clockState(task),
        after: { ...clockState({ ...task, ...c }), pausedClock: c.pausedClock },
        metadata: { reason: c.pauseReason, resumeOnEvent: c.pausedForEvent },
        notice: `${actor.name} paused the clock`,
      };
    },
    now,
  );
}
