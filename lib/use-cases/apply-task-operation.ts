import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groups, tasks, users } from '../../db/schema';
import { getRecipient, notifyOnce } from '../data/recipients';
import { recordAudit } from '../data/audit';
import { getTask, getTaskForUpdate, getUserName, type TaskRow } from '../data/tasks';
import { isMember, lockActiveUsers } from '../data/users';
import type { Action, UserActor } from '../domain/permissions';
import { supervises } from '../domain/permissions';
import {
  decideTaskTransition,
  type LifecycleActor,
  type TaskCommand,
} from '../domain/task-lifecycle';
import { DomainError } from '../errors';
import { guard, recordRefusal } from './guard';

export type TaskOperationInput = {
  taskId: string;
  command: TaskCommand;
  expectedVersion?: number;
  /** Extra audit metadata (e.g. the reason of a reassignment). */
  metadata?: Record<string, unknown>;
  summary: (task: TaskRow, next: TaskRow) => string;
  /** Extra column changes that go with the transition (e.g. outcome data). */
  patch?: (
    task: TaskRow,
    tx: DbOrTx,
  ) => Partial<typeof tasks.$inferInsert> | Promise<Partial<typeof tasks.$inferInsert>>;
  /** Runs in the same transaction after the task is written (e.g. advance the case). */
  afterWrite?: (tx: DbOrTx, before: TaskRow, after: TaskRow) => Promise<void>;
};

const ACTION_OF: Record<TaskCommand['op'], Action> = {
  claim: 'task.claim',
  release: 'task.release',
  complete: 'task.complete',
  reassign: 'task.reassign',
  cancel: 'task.reassign',
  escalate: 'task.reassign',
  comment: 'task.comment',
};

export function lifecycleActor(
  actor: UserActor,
  task: Pick<TaskRow, 'candidateGroupId'>,
): LifecycleActor {
  return {
    kind: 'user',
    userId: actor.id,
    role: actor.role,
    isCandidate: task.candidateGroupId !== null && actor.groupIds.includes(task.candidateGroupId),
    supervisesGroup: supervises(actor, task.candidateGroupId),
  };
}

/**
 * The one path for a person acting on a task: authorize (refusals audited), lock the row,
 * decide with the lifecycle, then write the new state, its audit event and notifications in
 * one transaction. Two people acting at once run one after the other; the second is told
 * what happened (e.g. who claimed it first).
 */
export async function applyTaskOperation(
  db: DbOrTx,
  actor: UserActor,
  input: TaskOperationInput,
  now: Date,
): Promise<TaskRow> {
  const { taskId, command } = input;
  const seen = await getTask(db, taskId);
  if (!seen) throw new DomainError('not_found', 'Task was not found.');
  const entity = { type: 'task', id: seen.id, caseId: seen.caseId, taskId: seen.id };
  await guard(
    db,
    actor,
    ACTION_OF[command.op],
    { type: 'task', candidateGroupId: seen.candidateGroupId, assigneeId: seen.assigneeId },
    entity,
  );

  if (command.op === 'reassign' && command.toUserId) {
    if (!seen.candidateGroupId || !(await isMember(db, command.toUserId, seen.candidateGroupId))) {
      const supervisorOfGroup = await isSupervisorOf(db, command.toUserId, seen.candidateGroupId);
      if (!supervisorOfGroup) {
        throw new DomainError(
          'validation',
          'The new assignee is not a member of the task’s group.',
          { toUserId: 'is not a member of the task’s group' },
        );
      }
    }
  }

  const outcome = await db.transaction(async (tx) => {
    const people = [
      actor.id,
      ...(command.op === 'reassign' && command.toUserId ? [command.toUserId] : []),
    ];
    if (!(await lockActiveUsers(tx, people))) {
      return {
        refused: new DomainError(
          people.length > 1 ? 'validation' : 'unauthenticated',
          people.length > 1
            ? 'The new assignee is not an active user.'
            : 'Your account is deactivated.',
        ),
      };
    }
    const task = await getTaskForUpdate(tx, taskId);
    if (!task) return { refused: new DomainError('not_found', 'Task was not found.') };
    const decision = decideTaskTransition(
      {
        status: task.status,
        assigneeId: task.assigneeId,
        version: task.version,
        escalationLevel: task.escalationLevel,
      },
      command,
      lifecycleActor(actor, task),
      input.expectedVersion,
    );
    if (!decision.ok) {
      let message = decision.message;
      const details: Record<string, unknown> = {
        currentVersion: task.version,
        status: task.status,
      };
      if (command.op === 'claim' && task.status === 'claimed') {
        const who = task.assigneeId === actor.id ? 'you' : await getUserName(tx, task.assigneeId);
        message = `Already claimed by ${who ?? 'someone else'}.`;
        details.assigneeName = who;
      }
      return {
        refused: new DomainError(
          decision.code === 'forbidden' ? 'forbidden' : decision.code,
          message,
          undefined,
          details,
        ),
        decisionCode: decision.code,
      };
    }
    if (command.op === 'comment') return { task };

    const changes = {
      status: decision.next.status,
      assigneeId: decision.next.assigneeId,
      escalationLevel: decision.next.escalationLevel,
      version: decision.next.version,
      updatedAt: now,
      ...(command.op === 'claim' ? { claimedAt: now } : {}),
      ...(command.op === 'reassign' && command.toUserId ? { claimedAt: now } : {}),
      ...(decision.effects.some((e) => e.type === 'stop_sla_clock')
        ? { remindAt: null, nextEscalationAt: null }
        : {}),
      ...((await input.patch?.(task, tx)) ?? {}),
    };
    const [next] = await tx
      .update(tasks)
      .set(changes)
      .where(and(eq(tasks.id, task.id), eq(tasks.version, task.version)))
      .returning();
    if (!next)
      throw new DomainError('conflict', 'The task changed while saving; reload and try again.');
    await recordAudit(tx, actor, {
      action: decision.effects.find((e) => e.type === 'audit')!.action,
      entityType: 'task',
      entityId: task.id,
      caseId: task.caseId,
      taskId: task.id,
      summary: input.summary(task, next),
      before: { status: task.status, assigneeId: task.assigneeId, version: task.version },
      after: { status: next.status, assigneeId: next.assigneeId, version: next.version },
      metadata: input.metadata ?? {},
      occurredAt: now,
    });
    for (const effect of decision.effects) {
      if (effect.type === 'notify_assignee' && effect.userId !== actor.id) {
        const recipient = await getRecipient(tx, effect.userId);
        if (recipient) {
          await notifyOnce(
            tx,
            {
              recipient,
              kind: 'assignment',
              caseId: task.caseId,
              taskId: task.id,
              title: `${actor.name} assigned you “${task.name}”`,
              body:
                typeof input.metadata?.reason === 'string'
                  ? `Reason: ${input.metadata.reason}`
                  : '',
              link: `/tasks/${task.id}`,
              dedupeKey: `assignment:${task.id}:${next.version}`,
            },
            now,
          );
        }
      }
    }
    if (input.afterWrite) await input.afterWrite(tx, task, next);
    return { task: next };
  });

  if ('refused' in outcome && outcome.refused) {
    if (outcome.refused.code === 'forbidden')
      await recordRefusal(db, actor, ACTION_OF[command.op], entity, outcome.refused.message);
    throw outcome.refused;
  }
  return outcome.task!;
}

async function isSupervisorOf(
  db: DbOrTx,
  userId: string,
  groupId: string | null,
): Promise<boolean> {
  if (!groupId) return false;
  const rows = await db
    .select({ id: groups.id })
    .from(groups)
    .innerJoin(users, eq(users.id, groups.supervisorId))
    .where(and(eq(groups.id, groupId), eq(groups.supervisorId, userId), eq(users.active, true)));
  return rows.length > 0;
}
