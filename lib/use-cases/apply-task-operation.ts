import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getGroupRefsByIds } from '../data/groups';
import { getTask, getTaskForUpdate, getUserName, type TaskRow } from '../data/tasks';
import { isActiveSupervisorOf, isMember, lockActiveUsers } from '../data/users';
import { lifecycleActor, type Action, type UserActor } from '../domain/permissions';
import { decideTaskTransition, type TaskCommand } from '../domain/task-lifecycle';
import { DomainError } from '../errors';
import { guard, recordRefusal } from './guard';
import {
  applyEffects,
  fourEyesRefusalFor,
  notifyHolders,
  type Handover,
  type TaskChanges,
} from './task-operation-effects';

export type TaskOperationInput = {
  taskId: string;
  command: TaskCommand;
  expectedVersion?: number;
  /** Why (a reassignment, a release of someone else's task): audited and sent to those it concerns. */
  reason?: string;
  /** `handover`: who the task moved from and to, by name (releases and reassignments). */
  summary: (task: TaskRow, next: TaskRow, handover: Handover) => string;
  /** Extra column changes that go with the transition (e.g. outcome data). */
  patch?: (task: TaskRow, tx: DbOrTx) => TaskChanges | Promise<TaskChanges>;
  /** Carries out the advance_case effect, in the same transaction after the task is written. */
  advanceCase?: (tx: DbOrTx, before: TaskRow, after: TaskRow) => Promise<void>;
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

  if (command.op === 'reassign' && command.toUserId)
    await assertMayHold(db, seen, command.toUserId);

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
    const fourEyes = await fourEyesRefusalFor(tx, actor, task, command);
    if (fourEyes)
      return { refused: new DomainError('forbidden', fourEyes, undefined, { fourEyes: true }) };
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
      const who = task.assigneeId === actor.id ? 'you' : await getUserName(tx, task.assigneeId);
      if (command.op === 'claim' && task.status === 'claimed') {
        message = `Already claimed by ${who ?? 'someone else'}.`;
        details.assigneeName = who;
      } else if (decision.code === 'conflict') {
        // Two supervisors acting at once: the later one is told what the first one did.
        details.assigneeName = who;
        message += who ? ` It is now ${task.status} by ${who}.` : ` It is now ${task.status}.`;
      }
      const fields = decision.field
        ? { [decision.field]: 'is required when the task is someone else’s' }
        : undefined;
      return {
        refused: new DomainError(
          decision.code === 'forbidden' ? 'forbidden' : decision.code,
          message,
          fields,
          details,
        ),
        decisionCode: decision.code,
      };
    }
    const op = command.op;
    const effects = await applyEffects(
      tx,
      actor,
      op,
      Boolean(input.advanceCase),
      task,
      decision.effects,
      now,
    );
    if (command.op === 'comment') return { task };

    const changes = {
      status: decision.next.status,
      assigneeId: decision.next.assigneeId,
      escalationLevel: decision.next.escalationLevel,
      version: decision.next.version,
      updatedAt: now,
      ...(command.op === 'claim' ? { claimedAt: now } : {}),
      ...(command.op === 'reassign' && command.toUserId ? { claimedAt: now } : {}),
      ...effects.taskChanges,
      ...((await input.patch?.(task, tx)) ?? {}),
    };
    const [next] = await tx
      .update(tasks)
      .set(changes)
      .where(and(eq(tasks.id, task.id), eq(tasks.version, task.version)))
      .returning();
    if (!next)
      throw new DomainError('conflict', 'The task changed while saving; reload and try again.');
    const handover = await handoverOf(tx, command, task);
    for (const action of effects.audit) {
      await recordAudit(tx, actor, {
        action,
        entityType: 'task',
        entityId: task.id,
        caseId: task.caseId,
        taskId: task.id,
        summary: input.summary(task, next, handover),
        ...taskMovePayload(op, task, next, 'nextEscalationAt' in effects.taskChanges),
        // The names as they were, so the task page can say "X released this from you: why".
        metadata: {
          ...(input.reason ? { reason: input.reason } : {}),
          ...(op === 'release' || op === 'reassign' ? { ...handover, byName: actor.name } : {}),
        },
        occurredAt: now,
      });
    }
    await notifyHolders(tx, actor, effects, task, next, handover, input.reason ?? null, now);
    if (effects.advanceCase) await input.advanceCase!(tx, task, next);
    return { task: next };
  });

  if ('refused' in outcome && outcome.refused) {
    if (outcome.refused.code === 'forbidden')
      await recordRefusal(db, actor, ACTION_OF[command.op], entity, outcome.refused.message);
    throw outcome.refused;
  }
  return outcome.task;
}

type MoveState = Pick<TaskRow, 'status' | 'assigneeId' | 'version'>;

/**
 * The `before` and `after` of a person's task operation (the demo seed writes its history with
 * it too). `withEscalation`: the operation moved the escalation clock.
 */
export function taskMovePayload(
  op: TaskCommand['op'],
  task: MoveState,
  next: MoveState & Pick<TaskRow, 'nextEscalationAt' | 'outcome' | 'outcomeData'>,
  withEscalation: boolean,
) {
  return {
    before: { status: task.status, assigneeId: task.assigneeId, version: task.version },
    after: {
      status: next.status,
      assigneeId: next.assigneeId,
      version: next.version,
      ...(withEscalation ? { nextEscalationAt: next.nextEscalationAt?.toISOString() ?? null } : {}),
      // The decision itself, so the case as of any moment shows it (case-as-of.ts).
      ...(op === 'complete' ? { outcome: next.outcome, outcomeData: next.outcomeData } : {}),
    },
  };
}

/** Who a release or reassignment moves the task between, by name. */
async function handoverOf(tx: DbOrTx, command: TaskCommand, task: TaskRow): Promise<Handover> {
  const toUserId = command.op === 'reassign' ? command.toUserId : null;
  return {
    fromUserId: task.assigneeId,
    fromName: await getUserName(tx, task.assigneeId),
    toUserId,
    toName: await getUserName(tx, toUserId),
  };
}

/** Work goes only to active members (or the active supervisor) of the task's group. */
async function assertMayHold(db: DbOrTx, task: TaskRow, userId: string) {
  const groupId = task.candidateGroupId;
  if (groupId && (await isMember(db, userId, groupId))) return;
  if (await isActiveSupervisorOf(db, userId, groupId)) return;
  const [name, group] = await Promise.all([
    getUserName(db, userId),
    getGroupRefsByIds(db, groupId ? [groupId] : []),
  ]);
  const groupName = group[0]?.name ?? 'the task’s group';
  throw new DomainError(
    'validation',
    `${name ?? 'That person'} is not an active member of ${groupName}, the group of this task.`,
    { toUserId: `is not an active member of ${groupName}` },
  );
}
