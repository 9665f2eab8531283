import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import type { AuditInput } from '../data/audit';
import {
  activeMembersByGroup,
  formatForRecipient,
  notifyAll,
  type NotificationInput,
  type Recipient,
} from '../data/recipients';
import { appendSweepAudit, DEFAULT_SWEEP_BATCH, type SweepOptions } from './sweep';
import { claimDue, recipientOf } from './sweep-claim';
import { sweepInLanes } from './sweep-lanes';

/** Claims up to `limit` tasks whose reminder has fallen due, oldest first (sweep-claim.ts). */
async function claimDueReminders(tx: DbOrTx, now: Date, limit: number) {
  return claimDue(
    tx,
    {
      id: tasks.id,
      caseId: tasks.caseId,
      name: tasks.name,
      assigneeId: tasks.assigneeId,
      candidateGroupId: tasks.candidateGroupId,
      dueAt: tasks.dueAt,
      remindAt: tasks.remindAt,
    },
    tasks.remindAt,
    now,
    limit,
  );
}

type DueReminder = Awaited<ReturnType<typeof claimDueReminders>>[number];
type Reminded = {
  t: DueReminder;
  skipped: false;
  recipients: Recipient[];
  assignee: Recipient | null;
};
type Outcome = Reminded | { t: DueReminder; skipped: true };

/**
 * Reminders that have fallen due: the assignee, or every member of the group if unassigned.
 * A batch is claimed with one statement, the group members of the whole batch read with one,
 * and written with one statement per table (tasks, notifications with their e-mails, audit).
 */
export async function sendDueReminders(db: Db, now: Date, o: SweepOptions = {}): Promise<number> {
  const batch = o.batchSize ?? DEFAULT_SWEEP_BATCH;
  return sweepInLanes(db, o, async (tx) => {
    const rows = await claimDueReminders(tx, now, batch);
    if (!rows.length) return 0;
    const members = await activeMembersByGroup(tx, [
      ...new Set(
        rows.filter((t) => !t.holder?.active && t.candidateGroupId).map((t) => t.candidateGroupId!),
      ),
    ]);
    const notes: NotificationInput[] = [];
    const outcomes: Outcome[] = [];
    for (const t of rows) {
      // After downtime a reminder for work already overdue is noise: escalation takes over.
      if (t.dueAt && t.dueAt <= now) outcomes.push({ t, skipped: true });
      else {
        const assignee = t.holder?.active ? recipientOf(t.holder) : null;
        const recipients: Recipient[] = assignee
          ? [assignee]
          : t.candidateGroupId
            ? (members.get(t.candidateGroupId) ?? [])
            : [];
        notes.push(...reminderNotes(t, assignee, recipients));
        outcomes.push({ t, skipped: false, recipients, assignee });
      }
      await o.afterItem?.();
    }
    const made = await notifyAll(tx, notes, now);
    await clearReminders(
      tx,
      outcomes.map((x) => ({ id: x.t.id, reminded: !x.skipped })),
      now,
    );
    const audits = outcomes.map((x) =>
      x.skipped ? skippedEvent(x.t, now) : remindedEvent(x, made, now),
    );
    await appendSweepAudit(tx, audits);
    return rows.length;
  });
}

const dedupeKey = (t: DueReminder, r: Recipient) =>
  `reminder:${t.id}:${t.remindAt!.toISOString()}:${r.id}`;

function reminderNotes(
  t: DueReminder,
  assignee: Recipient | null,
  recipients: Recipient[],
): NotificationInput[] {
  return recipients.map((r) => ({
    recipient: r,
    kind: 'reminder',
    caseId: t.caseId,
    taskId: t.id,
    title: `Reminder: ${t.reference ?? ''} “${t.name}” is due soon`,
    body: `${assignee ? 'Your task' : 'A task in your group queue'} “${t.name}” is ${t.dueAt ? `due ${formatForRecipient(t.dueAt, r)}` : 'due soon'}.`,
    link: `/tasks/${t.id}`,
    dedupeKey: dedupeKey(t, r),
  }));
}

function remindedEvent(
  { t, recipients, assignee }: Reminded,
  made: Set<string>,
  now: Date,
): AuditInput {
  return {
    action: 'task.reminded',
    entityType: 'task',
    entityId: t.id,
    caseId: t.caseId,
    taskId: t.id,
    summary: assignee
      ? `Reminder sent to ${assignee.name}`
      : `Reminder sent to the group (${recipients.length} ${recipients.length === 1 ? 'person' : 'people'})`,
    metadata: {
      recipients: recipients.map((r) => r.email),
      sent: recipients.filter((r) => made.has(dedupeKey(t, r))).length,
      remindAt: t.remindAt!.toISOString(),
    },
    occurredAt: now,
  };
}

const skippedEvent = (t: DueReminder, now: Date): AuditInput => ({
  action: 'task.reminder_skipped',
  entityType: 'task',
  entityId: t.id,
  caseId: t.caseId,
  taskId: t.id,
  summary: 'Reminder skipped: the task was already overdue',
  occurredAt: now,
});

/** One UPDATE for the batch: every reminder is spent; `reminded_at` only where one was sent. */
async function clearReminders(tx: DbOrTx, rows: { id: string; reminded: boolean }[], now: Date) {
  await tx.execute(sql`
    update tasks set remind_at = null, reminded_at = case when v.reminded then ${now.toISOString()}::timestamptz else tasks.reminded_at end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, reminded boolean)
    where tasks.id = v.id`);
}
