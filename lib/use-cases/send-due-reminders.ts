import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getCaseReferences } from '../data/cases';
import {
  activeGroupMembers,
  formatForRecipient,
  getRecipient,
  notifyOnce,
  type Recipient,
} from '../data/recipients';
import { isOpenTask } from '../data/tasks';
import { SCHEDULER, sweepInBatches, type SweepOptions } from './sweep';

/** Reminders that have fallen due: the assignee, or every member of the group if unassigned. */
export async function sendDueReminders(db: Db, now: Date, o: SweepOptions = {}): Promise<number> {
  const batch = o.batchSize ?? 100;
  return sweepInBatches(db, o, async (tx) => {
    const rows = await tx
      .select()
      .from(tasks)
      .where(and(isOpenTask, isNotNull(tasks.remindAt), lte(tasks.remindAt, now)))
      .orderBy(asc(tasks.remindAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    for (const t of rows) {
      const remindAt = t.remindAt!;
      // After downtime a reminder for work already overdue is noise: escalation takes over.
      if (t.dueAt && t.dueAt <= now) {
        await tx.update(tasks).set({ remindAt: null }).where(eq(tasks.id, t.id));
        await recordAudit(tx, SCHEDULER, {
          action: 'task.reminder_skipped',
          entityType: 'task',
          entityId: t.id,
          caseId: t.caseId,
          taskId: t.id,
          summary: 'Reminder skipped: the task was already overdue',
          occurredAt: now,
        });
        await o.afterItem?.();
        continue;
      }
      const assignee = t.assigneeId ? await getRecipient(tx, t.assigneeId) : null;
      const recipients: Recipient[] = assignee
        ? [assignee]
        : t.candidateGroupId
          ? await activeGroupMembers(tx, t.candidateGroupId)
          : [];
      const ref = (await getCaseReferences(tx, [t.caseId])).get(t.caseId) ?? '';
      let sent = 0;
      for (const r of recipients) {
        const when = t.dueAt ? `due ${formatForRecipient(t.dueAt, r)}` : 'due soon';
        const made = await notifyOnce(
          tx,
          {
            recipient: r,
            kind: 'reminder',
            caseId: t.caseId,
            taskId: t.id,
            title: `Reminder: ${ref} “${t.name}” is due soon`,
            body: `${assignee ? 'Your task' : 'A task in your group queue'} “${t.name}” is ${when}.`,
            link: `/tasks/${t.id}`,
            dedupeKey: `reminder:${t.id}:${remindAt.toISOString()}:${r.id}`,
          },
          now,
        );
        if (made) sent++;
      }
      await tx.update(tasks).set({ remindAt: null, remindedAt: now }).where(eq(tasks.id, t.id));
      await recordAudit(tx, SCHEDULER, {
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
          sent,
          remindAt: remindAt.toISOString(),
        },
        occurredAt: now,
      });
      await o.afterItem?.();
    }
    return rows.length;
  });
}
