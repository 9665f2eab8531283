import type { DbOrTx } from '../../db/client';
import type { AuditActor } from '../data/audit';
import type { LoadedSla } from '../data/definitions';
import type { TaskRow } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { resumeClock } from '../domain/task-clock';
import { applyClockOperation, clockState, type ClockDecision } from './task-clock-operation';

/** Restarts a paused task's clock by hand; every pending time moves by the paused working time. */
export function resumeTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; expectedVersion?: number },
  now = new Date(),
) {
  return applyClockOperation(
    db,
    actor,
    { taskId: input.taskId, expectedVersion: input.expectedVersion, action: 'task.pause' },
    (task, sla) => decideResume(task, sla, now, actor, null),
    now,
  );
}

/** The resume decision, shared with a case event that resumes the clock (`event`). */
export function decideResume(
  task: TaskRow,
  sla: LoadedSla | null,
  now: Date,
  actor: AuditActor,
  event: string | null,
): ClockDecision {
  const d = resumeClock(task, now, sla?.calendar ?? null);
  if (!d.ok) return d;
  const by = actor.kind === 'user' ? actor.name : actor.kind === 'token' ? actor.name : 'system';
  const why = event ? `“${event}” arrived (reported by ${by})` : `resumed by ${by}`;
  return {
    ok: true,
    changes: d.changes,
    action: 'task.resumed',
    summary: `Clock resumed: ${why}; ${d.minutes} working minutes paused`,
    before: {
      ...clockState(task),
      pauseReason: task.pauseReason,
      pausedForEvent: task.pausedForEvent,
    },
    after: clockState({ ...task, ...d.changes }),
    metadata: {
      pausedMinutes: d.minutes,
      pausedAt: task.pausedAt?.toISOString() ?? null,
      pauseReason: task.pauseReason,
      ...(event ? { event } : {}),
    },
    notice: event ? `“${event}” arrived; the clock runs again` : `${by} resumed the clock`,
  };
}
