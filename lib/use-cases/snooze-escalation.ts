import type { DbOrTx } from '../../db/client';
import type { UserActor } from '../domain/permissions';
import { acknowledgementHolds, snoozeEnd, type SnoozeInput } from '../domain/escalation-digest';
import { DomainError } from '../errors';
import { applyEscalationNote } from './acknowledge-or-snooze';

/**
 * A supervisor snoozes a task's escalation until a time (at least 5 minutes, at most 7 days
 * ahead): no escalation notification or digest line for it until then; the ladder still climbs.
 * Snoozing to the same time again changes nothing; an acknowledged escalation cannot be snoozed.
 */
export async function snoozeEscalation(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string } & SnoozeInput,
  now: Date,
) {
  const end = snoozeEnd(input, now);
  if (!end.ok)
    throw new DomainError('validation', `${end.field} ${end.message}.`, {
      [end.field]: end.message,
    });
  const until = end.until;
  return applyEscalationNote(
    db,
    actor,
    input.taskId,
    (t) => {
      if (acknowledgementHolds(t.escalationAcknowledgedAt, t.ladderStartedAt))
        throw new DomainError('invalid_transition', 'The escalation is already acknowledged.');
      if (t.escalationSnoozedUntil?.getTime() === until.getTime()) return null;
      return {
        changes: { escalationSnoozedUntil: until },
        action: 'task.escalation_snoozed',
        summary: `Escalation (level ${t.escalationLevel}) snoozed until ${until.toISOString()} by ${actor.name}`,
        metadata: { level: t.escalationLevel, until: until.toISOString() },
      };
    },
    now,
  );
}
