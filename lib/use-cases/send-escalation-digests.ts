import type { Db, DbOrTx } from '../../db/client';
import { appendSweepAudit } from './sweep';
import {
  digestCalendar,
  digestExists,
  digestRecipients,
  insertDigest,
  lastDigestEnd,
  lastSwitchToDigest,
  listDigestGroups,
  type DigestGroup,
} from '../data/digests';
import { digestContent } from '../data/digest-content';
import { notifyAll, type Recipient } from '../data/recipients';
import {
  closedPeriodEnd,
  digestIsEmpty,
  digestMessage,
  digestPeriod,
  sendsAt,
  type DigestPeriod,
} from '../domain/escalation-digest';
import type { BusinessCalendar } from '../domain/business-calendar';

/**
 * The escalation-digests job: for each group in digest mode, one digest per recipient per period
 * (the last whole period closed before `now`, five minutes' grace: lib/domain/escalation-digest.ts;
 * the first digest after a switch to digests starts at the switch). The recipient is the
 * group's supervisor; a group whose supervisor is missing or deactivated sends it to every active
 * admin instead (the last resort of escalations, as in escalationReach) — admins are not sent the
 * digests of groups that have a supervisor, or an incident would reach them once per group.
 *
 * Each digest is one transaction: the escalation_digests row, its notification (kind 'digest')
 * and its e-mail in email_outbox. Duplicate-run protection: the row's unique (group, supervisor,
 * period_end) key and the notification's de-duplication key; a second scheduler copy waits on
 * the first's insert and then inserts nothing, a rerun after a kill finds the row or redoes it
 * all. Empty digests are not sent. Returns how many digests this call sent.
 */
export async function sendEscalationDigests(db: Db, now: Date): Promise<number> {
  const groups = await listDigestGroups(db);
  if (!groups.length) return 0;
  let calendar: Promise<BusinessCalendar | null> | null = null;
  let sent = 0;
  for (const g of groups) {
    if (g.workingHoursOnly) {
      calendar ??= digestCalendar(db);
      const periodEnd = closedPeriodEnd(now, g.intervalMinutes);
      if (!sendsAt(periodEnd, g.intervalMinutes, true, await calendar)) continue;
    }
    const since = await lastSwitchToDigest(db, g.id);
    for (const r of await digestRecipients(db, g.supervisorId)) {
      if (await sendOne(db, g, r, since, now)) sent++;
    }
  }
  return sent;
}

async function sendOne(
  db: Db,
  g: DigestGroup,
  r: Recipient,
  since: Date | null,
  now: Date,
): Promise<boolean> {
  const previous = await lastDigestEnd(db, g.id, r.id);
  const period = digestPeriod(now, g.intervalMinutes, previous, since);
  if (!period || (await digestExists(db, g.id, r.id, period.periodEnd))) return false;
  return db.transaction((tx) => sendDigest(tx, g, r, period, now));
}

/**
 * Builds and sends one digest in the caller's transaction: the row, its notification and e-mail,
 * its audit event. False when it is empty or this period was already sent.
 */
export async function sendDigest(
  tx: DbOrTx,
  g: Pick<DigestGroup, 'id' | 'name'>,
  r: Recipient,
  { periodStart, periodEnd }: DigestPeriod,
  now: Date,
): Promise<boolean> {
  const content = await digestContent(tx, g.id, periodStart, periodEnd, now);
  if (digestIsEmpty(content)) return false;
  const id = await insertDigest(
    tx,
    { groupId: g.id, supervisorId: r.id, periodStart, periodEnd, content },
    now,
  );
  if (!id) return false; // another scheduler copy sent this period
  const { title, body } = digestMessage(g.name, content);
  await notifyAll(
    tx,
    [
      {
        recipient: r,
        kind: 'digest',
        caseId: null,
        taskId: null,
        title,
        body,
        link: `/team/digests/${id}`,
        dedupeKey: `digest:${g.id}:${r.id}:${periodEnd.toISOString()}`,
      },
    ],
    now,
  );
  await appendSweepAudit(tx, [
    {
      action: 'group.escalation_digest_sent',
      entityType: 'group',
      entityId: g.id,
      summary: `Escalation digest sent to ${r.name}: ${title}`,
      metadata: {
        digestId: id,
        recipientId: r.id,
        periodStart: periodStart.toISOString(),
        periodEnd: periodEnd.toISOString(),
        escalations: content.escalations.total,
        atRisk: content.atRisk.total,
        unassignedDueSoon: content.unassignedDueSoon.total,
        absentHolders: content.absentHolders.total,
      },
      occurredAt: now,
    },
  ]);
  return true;
}
