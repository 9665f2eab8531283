import type { DbOrTx } from '../../db/client';
import { comments } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getTasksByIds } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { applyTaskOperation } from './apply-task-operation';
import { guard } from './guard';

/** Claim: atomic; of two people clicking at once one gets it, the other is told who has it. */
export function claimTask(db: DbOrTx, actor: UserActor, input: { taskId: string; expectedVersion?: number }, now = new Date()) {
  return applyTaskOperation(db, actor, { ...input, command: { op: 'claim' }, summary: () => `Claimed by ${actor.name}` }, now);
}

export function releaseTask(db: DbOrTx, actor: UserActor, input: { taskId: string; expectedVersion?: number }, now = new Date()) {
  return applyTaskOperation(db, actor, { ...input, command: { op: 'release' }, summary: () => `Released to the queue by ${actor.name}` }, now);
}

export function reassignTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; toUserId: string | null; reason: string; expectedVersion?: number },
  now = new Date(),
) {
  return applyTaskOperation(
    db,
    actor,
    {
      taskId: input.taskId,
      expectedVersion: input.expectedVersion,
      command: { op: 'reassign', toUserId: input.toUserId },
      metadata: { reason: input.reason },
      summary: () => (input.toUserId ? `Reassigned by ${actor.name}: ${input.reason}` : `Returned to the queue by ${actor.name}: ${input.reason}`),
      patch: () => ({ remindedAt: null }),
    },
    now,
  );
}

/**
 * Reassigns many tasks: every task is authorized first, and the batch is refused as a whole
 * when any one is not allowed, so a supervisor never ends up with half a reassignment.
 */
export async function bulkReassignTasks(
  db: DbOrTx,
  actor: UserActor,
  input: { taskIds: string[]; toUserId: string | null; reason: string },
  now = new Date(),
) {
  await guard(db, actor, 'task.bulk_reassign', undefined, { type: 'task' });
  const found = await getTasksByIds(db, input.taskIds);
  const missing = input.taskIds.filter((id) => !found.some((t) => t.id === id));
  if (missing.length) throw new DomainError('not_found', `Task ${missing[0]} was not found.`);
  for (const t of found) {
    await guard(db, actor, 'task.reassign', { type: 'task', candidateGroupId: t.candidateGroupId, assigneeId: t.assigneeId }, {
      type: 'task',
      id: t.id,
      caseId: t.caseId,
      taskId: t.id,
    });
  }
  const done = [];
  for (const id of input.taskIds) done.push(await reassignTask(db, actor, { taskId: id, toUserId: input.toUserId, reason: input.reason }, now));
  return done;
}

export async function commentOnTask(db: DbOrTx, actor: UserActor, input: { taskId: string; body: string }, now = new Date()) {
  const body = input.body.trim();
  if (!body) throw new DomainError('validation', 'A comment cannot be empty.', { body: 'must not be empty' });
  const task = await applyTaskOperation(db, actor, { taskId: input.taskId, command: { op: 'comment' }, summary: () => '' }, now);
  return db.transaction(async (tx) => {
    const [c] = await tx.insert(comments).values({ caseId: task.caseId, taskId: task.id, authorId: actor.id, body, createdAt: now }).returning();
    await recordAudit(tx, actor, {
      action: 'comment.added',
      entityType: 'comment',
      entityId: c!.id,
      caseId: task.caseId,
      taskId: task.id,
      summary: `${actor.name} commented`,
      after: { body },
      occurredAt: now,
    });
    return c!;
  });
}
