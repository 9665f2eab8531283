import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { recordAudit, type AuditActor } from '../data/audit';
import { getCaseReferences } from '../data/cases';
import { loadSlaPolicyById, type LoadedSla } from '../data/definitions';
import { getRecipient, notifyMany } from '../data/recipients';
import type { TaskRow } from '../data/tasks';
import type { Action, UserActor } from '../domain/permissions';
import type { ClockRefusal } from '../domain/task-clock';
import { DomainError } from '../errors';
import { authorizeLockedTask, withLockedTask } from './locked-task';
import type { TaskChanges } from './task-operation-effects';

/** What a clock operation decided: the columns to write, its audit event and who to tell. */
export type ClockDecision =
  | ClockRefusal
  | {
      ok: true;
      changes: TaskChanges;
      action: 'task.paused' | 'task.resumed' | 'task.deadline_extended';
      summary: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      metadata: Record<string, unknown>;
      /** The assignee is told (unless it is their own doing). */
      notice: string | null;
    };

const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The clock columns as audit `before`/`after` (and the as-of replay) read them. */
export function clockState(t: Partial<TaskRow>) {
  return {
    dueAt: isoOrNull(t.dueAt),
    slaDueAt: isoOrNull(t.slaDueAt),
    dueSoonAt: isoOrNull(t.dueSoonAt),
    nextEscalationAt: isoOrNull(t.nextEscalationAt),
    pausedAt: isoOrNull(t.pausedAt),
    pausedMinutes: t.pausedMinutes,
    version: t.version,
  };
}

export const refusalError = (r: ClockRefusal) =>
  new DomainError(r.code, r.message, r.field ? { [r.field]: r.message } : undefined);

/**
 * Authorize (refusals audited, 404 for a task the actor may not see), then lock the row, check
 * the version, decide and write the change with its audit event and the assignee's
 * notification in one transaction. Two people acting at once run one after the other: the
 * second decides on what the first wrote (and with a stale `expectedVersion` is refused).
 */
export async function applyClockOperation(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; expectedVersion?: number; action: Action },
  decide: (task: TaskRow, sla: LoadedSla | null) => ClockDecision,
  now: Date,
): Promise<TaskRow> {
  return withLockedTask(db, actor, input.action, input.taskId, async (tx, task) => {
    // Decided again on the locked row: a reassignment or escalation between the read and the
    // lock may have taken the task out of the actor's reach.
    authorizeLockedTask(actor, input.action, task);
    if (input.expectedVersion !== undefined && input.expectedVersion !== task.version)
      throw new DomainError(
        'conflict',
        'The task changed since you loaded it; reload and try again.',
        undefined,
        { currentVersion: task.version, status: task.status },
      );
    const sla = await loadSlaPolicyById(tx, task.slaPolicyId);
    const decision = decide(task, sla);
    if (!decision.ok) throw refusalError(decision);
    return writeClockChange(tx, actor, task, decision, now);
  });
}

/** Writes a decided clock change on a locked task (also the path of a case event resuming it). */
export async function writeClockChange(
  tx: DbOrTx,
  actor: AuditActor,
  task: TaskRow,
  d: Extract<ClockDecision, { ok: true }>,
  now: Date,
): Promise<TaskRow> {
  const [next] = await tx
    .update(tasks)
    .set({ ...d.changes, version: task.version + 1, updatedAt: now })
    .where(and(eq(tasks.id, task.id), eq(tasks.version, task.version)))
    .returning();
  if (!next)
    throw new DomainError('conflict', 'The task changed while saving; reload and try again.');
  await recordAudit(tx, actor, {
    action: d.action,
    entityType: 'task',
    entityId: task.id,
    caseId: task.caseId,
    taskId: task.id,
    summary: d.summary,
    before: { ...d.before, version: task.version },
    after: { ...d.after, version: next.version },
    metadata: d.metadata,
    occurredAt: now,
  });
  const actorId = actor.kind === 'user' ? actor.id : null;
  if (d.notice && task.assigneeId && task.assigneeId !== actorId) {
    const recipient = await getRecipient(tx, task.assigneeId);
    const reference = (await getCaseReferences(tx, [task.caseId])).get(task.caseId) ?? '';
    if (recipient)
      await notifyMany(
        tx,
        [
          {
            recipient,
            kind: 'info',
            caseId: task.caseId,
            taskId: task.id,
            link: `/tasks/${task.id}`,
            title: `${reference} “${task.name}”: ${d.notice}`,
            body: typeof d.metadata.reason === 'string' ? `Reason: ${d.metadata.reason}` : '',
            dedupeKey: `${d.action}:${task.id}:${next.version}`,
          },
        ],
        now,
      );
  }
  return next;
}
