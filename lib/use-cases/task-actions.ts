import type { DbOrTx } from '../../db/client';
import { inArray, sql } from 'drizzle-orm';
import { comments, users } from '../../db/schema';
import { getRecipient, notifyOnce } from '../data/recipients';
import { loadSlaPolicyById } from '../data/definitions';
import { computeTaskDeadlines } from '../domain/sla';
import { loadUserActor } from '../data/users';
import { canSeeTask } from '../domain/permissions';
import { recordAudit } from '../data/audit';
import { getTasksByIds } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { applyTaskOperation } from './apply-task-operation';
import { guard } from './guard';

/** Claim: atomic; of two people clicking at once one gets it, the other is told who has it. */
export function claimTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; expectedVersion?: number },
  now = new Date(),
) {
  return applyTaskOperation(
    db,
    actor,
    { ...input, command: { op: 'claim' }, summary: () => `Claimed by ${actor.name}` },
    now,
  );
}

export function releaseTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; expectedVersion?: number },
  now = new Date(),
) {
  // Back in the queue, the group is reminded in its turn.
  return applyTaskOperation(
    db,
    actor,
    {
      ...input,
      command: { op: 'release' },
      summary: () => `Released to the queue by ${actor.name}`,
      patch: async (task, tx) => ({
        remindedAt: null,
        remindAt: await reminderForNewAssignee(tx, task, now),
      }),
    },
    now,
  );
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
      summary: () =>
        input.toUserId
          ? `Reassigned by ${actor.name}: ${input.reason}`
          : `Returned to the queue by ${actor.name}: ${input.reason}`,
      patch: async (task, tx) => ({
        remindedAt: null,
        remindAt: await reminderForNewAssignee(tx, task, now),
      }),
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
  // Sorted, so two overlapping bulk reassignments lock rows in the same order (no deadlock).
  const ids = [...new Set(input.taskIds)].sort();
  const found = await getTasksByIds(db, ids);
  for (const id of ids) {
    const t = found.find((x) => x.id === id);
    if (!t) throw new DomainError('not_found', 'Task was not found.', undefined, { taskId: id });
    await guard(
      db,
      actor,
      'task.reassign',
      { type: 'task', candidateGroupId: t.candidateGroupId, assigneeId: t.assigneeId },
      { type: 'task', id: t.id, caseId: t.caseId, taskId: t.id },
    );
  }
  // One transaction: any conflict (a task completed meanwhile, …) leaves every task as it was.
  return db.transaction(async (tx) => {
    const done = [];
    for (const id of ids)
      done.push(
        await reassignTask(
          tx,
          actor,
          { taskId: id, toUserId: input.toUserId, reason: input.reason },
          now,
        ),
      );
    return done;
  });
}

/**
 * Reassignment resets the reminder for the new person: the policy's reminder time if it is
 * still ahead, else at the next sweep (if the task is not yet due).
 */
async function reminderForNewAssignee(
  tx: DbOrTx,
  task: { createdAt: Date; dueAt: Date | null; slaPolicyId: string | null },
  now: Date,
): Promise<Date | null> {
  if (!task.dueAt || task.dueAt <= now) return null;
  const sla = await loadSlaPolicyById(tx, task.slaPolicyId);
  if (!sla) return null;
  const planned = computeTaskDeadlines(task.createdAt, sla.spec, sla.calendar).remindAt;
  return planned && planned > now ? planned : now;
}

export async function commentOnTask(
  db: DbOrTx,
  actor: UserActor,
  input: { taskId: string; body: string },
  now = new Date(),
) {
  const body = input.body.trim();
  if (!body)
    throw new DomainError('validation', 'A comment cannot be empty.', {
      body: 'must not be empty',
    });
  const task = await applyTaskOperation(
    db,
    actor,
    { taskId: input.taskId, command: { op: 'comment' }, summary: () => '' },
    now,
  );
  // @handle mentions the user whose e-mail starts with "handle@"; only people who can see the task are notified.
  const handles = [
    ...new Set([...body.matchAll(/(?:^|\s)@([a-z0-9._-]+)/gi)].map((m) => m[1]!.toLowerCase())),
  ].slice(0, 20);
  const candidates = handles.length
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(inArray(sql`lower(split_part(${users.email}, '@', 1))`, handles))
    : [];
  const mentioned: string[] = [];
  for (const c of candidates) {
    const who = await loadUserActor(db, c.id);
    if (who && who.id !== actor.id && canSeeTask(who, task)) mentioned.push(who.id);
  }
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(comments)
      .values({
        caseId: task.caseId,
        taskId: task.id,
        authorId: actor.id,
        body,
        mentionedUserIds: mentioned,
        createdAt: now,
      })
      .returning();
    for (const userId of mentioned) {
      const recipient = await getRecipient(tx, userId);
      if (!recipient) continue;
      await notifyOnce(
        tx,
        {
          recipient,
          kind: 'mention',
          caseId: task.caseId,
          taskId: task.id,
          title: `${actor.name} mentioned you on “${task.name}”`,
          body: body.slice(0, 200),
          link: `/tasks/${task.id}`,
          dedupeKey: `mention:${c!.id}:${userId}`,
        },
        now,
      );
    }
    await recordAudit(tx, actor, {
      action: 'comment.added',
      entityType: 'comment',
      entityId: c!.id,
      caseId: task.caseId,
      taskId: task.id,
      summary: `${actor.name} commented`,
      after: { body, mentionedUserIds: mentioned },
      occurredAt: now,
    });
    return c!;
  });
}
