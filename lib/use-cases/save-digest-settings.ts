import type { DbOrTx } from '../../db/client';
import type { EscalationDelivery } from '../../db/schema/enum-values';
import { recordAudit } from '../data/audit';
import {
  digestRecipients,
  getGroupDeliverySettings,
  lastDigestEnd,
  lastSwitchToDigest,
  latestOpenEscalation,
  updateGroupDeliverySettings,
} from '../data/digests';
import { DIGEST_LOOKBACK_MAX_MS } from '../domain/escalation-digest';
import { lockActiveUsers } from '../data/users';
import { authorize, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard } from './guard';
import { sendDigest } from './send-escalation-digests';

export type DigestSettings = {
  delivery: EscalationDelivery;
  intervalMinutes: number;
  workingHoursOnly: boolean;
};

/**
 * The group's supervisor or an admin chooses how escalations reach the supervisor: one
 * notification each ('immediate') or a digest every `intervalMinutes` (15 min … 24 h), only in
 * working hours when asked. The group row is locked; the change and its audit event are one
 * transaction; saving the same settings again changes and records nothing. Switching from digests
 * back to immediate sends, in the same transaction, a last digest of the open period (from the
 * previous digest, or the switch to digests, up to now): its escalations were held back for a
 * digest the job will no longer send.
 */
export async function saveDigestSettings(
  db: DbOrTx,
  actor: UserActor,
  groupId: string,
  input: DigestSettings,
  now: Date,
) {
  const seen = isUuid(groupId) ? await getGroupDeliverySettings(db, groupId) : null;
  if (!seen) throw new DomainError('not_found', 'Group was not found.');
  await guard(
    db,
    actor,
    'group.edit_escalation_delivery',
    { type: 'group', groupId },
    { type: 'group', id: groupId },
  );
  return db.transaction(async (tx) => {
    if (!(await lockActiveUsers(tx, [actor.id])))
      throw new DomainError('unauthenticated', 'Your account is deactivated.');
    const g = await getGroupDeliverySettings(tx, groupId, true);
    if (!g) throw new DomainError('not_found', 'Group was not found.');
    if (!authorize(actor, 'group.edit_escalation_delivery', { type: 'group', groupId }).allowed)
      throw new DomainError('forbidden', 'You do not supervise this group.');
    const before = {
      delivery: g.delivery,
      intervalMinutes: g.intervalMinutes,
      workingHoursOnly: g.workingHoursOnly,
    };
    const same =
      before.delivery === input.delivery &&
      before.intervalMinutes === input.intervalMinutes &&
      before.workingHoursOnly === input.workingHoursOnly;
    if (!same) {
      if (g.delivery === 'digest' && input.delivery !== 'digest') {
        const since = await lastSwitchToDigest(tx, groupId);
        // The last digest reaches past `now` to every escalation held back so far: a sweep batch
        // this switch waited for (FOR SHARE on the group, heldForDigest) may have started, and
        // stamped its escalations, after this request's clock was read.
        const latest = await latestOpenEscalation(tx, groupId);
        const end = latest && latest >= now ? new Date(latest.getTime() + 1) : now;
        for (const r of await digestRecipients(tx, g.supervisorId)) {
          const previous = await lastDigestEnd(tx, groupId, r.id);
          const start = Math.max(
            previous?.getTime() ?? 0,
            since?.getTime() ?? 0,
            now.getTime() - DIGEST_LOOKBACK_MAX_MS,
          );
          if (start < now.getTime())
            await sendDigest(tx, g, r, { periodStart: new Date(start), periodEnd: end }, now);
        }
      }
      await updateGroupDeliverySettings(tx, groupId, input, now);
      const how =
        input.delivery === 'digest'
          ? `a digest every ${input.intervalMinutes} minutes${input.workingHoursOnly ? ' in working hours' : ''}`
          : 'one notification per escalation';
      await recordAudit(tx, actor, {
        action: 'group.escalation_delivery_changed',
        entityType: 'group',
        entityId: groupId,
        summary: `Escalations of ${g.name} now reach the supervisor as ${how} (set by ${actor.name})`,
        before,
        after: { ...input },
        occurredAt: now,
      });
    }
    return { groupId, groupName: g.name, ...input, changed: !same };
  });
}

/** The group's settings, for its supervisors and admins (others: 404). */
export async function getDigestSettings(db: DbOrTx, actor: UserActor, groupId: string) {
  const g = isUuid(groupId) ? await getGroupDeliverySettings(db, groupId) : null;
  if (!g || !authorize(actor, 'group.edit_escalation_delivery', { type: 'group', groupId }).allowed)
    throw new DomainError('not_found', 'Group was not found.');
  return {
    groupId: g.id,
    groupName: g.name,
    delivery: g.delivery,
    intervalMinutes: g.intervalMinutes,
    workingHoursOnly: g.workingHoursOnly,
  };
}
