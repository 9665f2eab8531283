import type { DbOrTx } from '../../db/client';
import { escalationStates, getDigest, lockTasksByIds } from '../data/digests';
import { supervises, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { acknowledgementHolds } from '../domain/escalation-digest';
import { acknowledgeDecision } from './acknowledge-escalation';
import { noteLocked } from './acknowledge-or-snooze';
import { recordRefusal } from './guard';

/**
 * A digest is seen by its recipient, the group's supervisors and admins; to anyone else it does
 * not exist (404, audited).
 */
async function readableDigest(db: DbOrTx, actor: UserActor, id: string) {
  const d = isUuid(id) ? await getDigest(db, id) : null;
  if (!d) throw new DomainError('not_found', 'Digest was not found.');
  if (d.supervisorId !== actor.id && !supervises(actor, d.groupId)) {
    await recordRefusal(
      db,
      actor,
      'digest.read',
      { type: 'digest', id },
      'Not the digest’s recipient or a supervisor of its group.',
    );
    throw new DomainError('not_found', 'Digest was not found.');
  }
  return d;
}

/** The digest as sent, with each listed escalation's state now (acknowledged, snoozed, closed). */
export async function getEscalationDigest(db: DbOrTx, actor: UserActor, id: string, now: Date) {
  const d = await readableDigest(db, actor, id);
  const ids = d.content.escalations.items.map((t) => t.taskId);
  const states = new Map((await escalationStates(db, ids)).map((s) => [s.id, s]));
  return {
    id: d.id,
    groupId: d.groupId,
    groupName: d.groupName,
    supervisorName: d.supervisorName,
    periodStart: d.periodStart.toISOString(),
    periodEnd: d.periodEnd.toISOString(),
    createdAt: d.createdAt.toISOString(),
    content: d.content,
    canAct: supervises(actor, d.groupId),
    escalationStates: Object.fromEntries(
      ids.map((tid) => {
        const s = states.get(tid);
        const snoozed = s?.escalation_snoozed_until ? new Date(s.escalation_snoozed_until) : null;
        return [
          tid,
          {
            open: s ? s.status === 'ready' || s.status === 'claimed' : false,
            acknowledged: acknowledgementHolds(
              s?.escalation_acknowledged_at ? new Date(s.escalation_acknowledged_at) : null,
              s?.ladder_started_at ? new Date(s.ladder_started_at) : null,
            ),
            snoozedUntil: snoozed && snoozed > now ? snoozed.toISOString() : null,
          },
        ];
      }),
    ),
  };
}

/**
 * "Acknowledge all" on a digest: every escalation it lists that is still open, escalated, not yet
 * acknowledged and still in a group the actor supervises, in one transaction, each audited. Rows
 * are locked in id order (two supervisors acknowledging overlapping digests cannot deadlock);
 * rows another transaction holds are waited for, so none is skipped. Returns how many changed.
 */
export async function acknowledgeDigest(db: DbOrTx, actor: UserActor, id: string, now: Date) {
  const d = await readableDigest(db, actor, id);
  if (!supervises(actor, d.groupId))
    throw new DomainError(
      'forbidden',
      'Only a supervisor of the group may acknowledge its escalations.',
    );
  const ids = [...new Set(d.content.escalations.items.map((t) => t.taskId))].filter(isUuid);
  return db.transaction(async (tx) => {
    const rows = await lockTasksByIds(tx, ids);
    let acknowledged = 0;
    for (const t of rows) {
      if (t.status !== 'ready' && t.status !== 'claimed') continue;
      if (
        t.escalationLevel < 1 ||
        acknowledgementHolds(t.escalationAcknowledgedAt, t.ladderStartedAt)
      )
        continue;
      if (!supervises(actor, t.candidateGroupId)) continue;
      const r = await noteLocked(
        tx,
        actor,
        t,
        (task) => acknowledgeDecision(actor, task, now),
        now,
      );
      if (r.changed) acknowledged++;
    }
    return { acknowledged };
  });
}
