import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { extendDeadline } from '../domain/task-clock';
import { applyClockOperation, clockState } from './task-clock-operation';

/**
 * A supervisor gives the task a later deadline, with a reason. The SLA deadline stays where it
 * was (tasks.sla_due_at), so the SLA figures still judge the task against it.
 */
export function extendTaskDeadline(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; dueAt: Date; reason: unknown; expectedVersion?: number },
  now = new Date(),
) {
  return applyClockOperation(
    db,
    actor,
    {
      taskId: input.taskId,
      expectedVersion: input.expectedVersion,
      action: 'task.extend_deadline',
    },
    (task, sla) => {
      const d = extendDeadline(task, input, now, sla);
      if (!d.ok) return d;
      const after = clockState({ ...task, ...d.changes });
      return {
        ok: true,
        changes: d.changes,
        action: 'task.deadline_extended',
        summary: `Deadline extended to ${d.changes.dueAt.toISOString()} by ${actor.name}: ${d.reason}`,
        before: clockState(task),
        after,
        metadata: {
          reason: d.reason,
          slaDueAt: after.slaDueAt,
          previousDueAt: task.dueAt?.toISOString() ?? null,
        },
        notice: `${actor.name} extended the deadline`,
      };
    },
    now,
  );
}
