import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import type { TaskRow } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { authorizeLockedTask, withLockedTask } from './locked-task';

/**
 * A supervisor's note on a task's escalation (acknowledge, snooze): authorized (refusals
 * audited; 404 for a task the actor may not see), then the row locked and checked again, the
 * change and its audit event in one transaction. The task's version is not bumped: taking note
 * of an escalation does not change the work, so the assignee's open form stays valid.
 */
export async function applyEscalationNote(
  db: DbOrTx,
  actor: UserActor,
  taskId: string,
  decide: (task: TaskRow) => {
    changes: Partial<
      Pick<
        TaskRow,
        'escalationAcknowledgedAt' | 'escalationAcknowledgedById' | 'escalationSnoozedUntil'
      >
    >;
    action: string;
    summary: string;
    metadata?: Record<string, unknown>;
  } | null,
  now: Date,
): Promise<{ task: TaskRow; changed: boolean }> {
  return withLockedTask(db, actor, 'task.acknowledge_escalation', taskId, (tx, task) =>
    noteLocked(tx, actor, task, decide, now),
  );
}

/** The same on a task already locked by the caller (also the digest's "acknowledge all"). */
export async function noteLocked(
  tx: DbOrTx,
  actor: UserActor,
  task: TaskRow,
  decide: Parameters<typeof applyEscalationNote>[3],
  now: Date,
): Promise<{ task: TaskRow; changed: boolean }> {
  authorizeLockedTask(actor, 'task.acknowledge_escalation', task);
  if (task.status !== 'ready' && task.status !== 'claimed')
    throw new DomainError('invalid_transition', 'The task is closed; its escalation is over.');
  if (task.escalationLevel < 1)
    throw new DomainError('invalid_transition', 'The task has not been escalated.');
  const d = decide(task);
  if (!d) return { task, changed: false };
  const [next] = await tx
    .update(tasks)
    .set({ ...d.changes, updatedAt: now })
    .where(and(eq(tasks.id, task.id)))
    .returning();
  const state = (t: TaskRow) => ({
    escalationLevel: t.escalationLevel,
    escalationAcknowledgedAt: t.escalationAcknowledgedAt?.toISOString() ?? null,
    escalationAcknowledgedById: t.escalationAcknowledgedById,
    escalationSnoozedUntil: t.escalationSnoozedUntil?.toISOString() ?? null,
  });
  await recordAudit(tx, actor, {
    action: d.action,
    entityType: 'task',
    entityId: task.id,
    caseId: task.caseId,
    taskId: task.id,
    summary: d.summary,
    before: state(task),
    after: state(next!),
    metadata: d.metadata ?? {},
    occurredAt: now,
  });
  return { task: next!, changed: true };
}
