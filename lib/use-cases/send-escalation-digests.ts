import type { Db } from '../../db/client';
import { appendSweepAudit } from './sweep';
import {
  digestCalendar,
  digestExists,
  insertDigest,
  lastDigestEnd,
  listDigestGroups,
  type DigestGroup,
} from '../data/digests';
import { digestContent } from '../data/digest-content';
import { getRecipient, listActiveAdmins, notifyAll, type Recipient } from '../data/recipients';
import { digestIsEmpty, digestMessage, digestPeriod, sendsAt } from '../domain/escalation-digest';
import type { BusinessCalendar } from '../domain/business-calendar';

/**
 * The escalation-digests job: for each group in digest mode, one digest per recipient per period
 * (the last whole period before `now`, lib/domain/escalation-digest.ts). The recipient is the
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
      const { periodEnd } = digestPeriod(now, g.intervalMinutes, null);
      if (!sendsAt(periodEnd, g.intervalMinutes, true, await calendar)) continue;
    }
    for (const r of await recipientsOf(db, g)) {
      if (await sendOne(db, g, r, now)) sent++;
    }
  }
  return sent;
}

async function recipientsOf(db: Db, g: DigestGroup): Promise<Recipient[]> {
  const supervisor = g.supervisorId ? await getRecipient(db, g.supervisorId) : null;
  return supervisor ? [supervisor] : listActiveAdmins(db);
}

async function sendOne(db: Db, g: DigestGroup, r: Recipient, now: Date): Promise<boolean> {
  const previous = await lastDigestEnd(db, g.id, r.id);
  const { periodStart, periodEnd } = digestPeriod(now, g.intervalMinutes, previous);
  if (await digestExists(db, g.id, r.id, periodEnd)) return false;
  return db.transaction(async (tx) => {
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
  });
}
