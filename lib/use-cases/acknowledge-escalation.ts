import type { DbOrTx } from '../../db/client';
import type { TaskRow } from '../data/tasks';
import { acknowledgementHolds } from '../domain/escalation-digest';
import type { UserActor } from '../domain/permissions';
import { applyEscalationNote } from './acknowledge-or-snooze';

/**
 * A supervisor acknowledges a task's escalation: further levels still climb and are audited but
 * notify no one, and digests no longer list it. Idempotent: acknowledging again changes nothing
 * and records nothing. Acknowledging ends a snooze (it is no longer needed).
 */
export async function acknowledgeEscalation(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string },
  now: Date,
) {
  return applyEscalationNote(
    db,
    actor,
    input.taskId,
    (t) => acknowledgeDecision(actor, t, now),
    now,
  );
}

export function acknowledgeDecision(actor: UserActor, t: TaskRow, now: Date) {
  if (acknowledgementHolds(t.escalationAcknowledgedAt, t.ladderStartedAt)) return null;
  return {
    changes: {
      escalationAcknowledgedAt: now,
      escalationAcknowledgedById: actor.id,
      escalationSnoozedUntil: null,
    },
    action: 'task.escalation_acknowledged',
    summary: `Escalation (level ${t.escalationLevel}) acknowledged by ${actor.name}`,
    metadata: { level: t.escalationLevel },
  };
}

export type AcknowledgeResult = { task: TaskRow; changed: boolean };
