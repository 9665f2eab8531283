import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { fourEyesBar } from '../data/authority';
import { loadSlaPolicyById } from '../data/definitions';
import { getRecipient, notifyOnce } from '../data/recipients';
import { getTask, getTaskForUpdate, getUserName, type TaskRow } from '../data/tasks';
import { isActiveSupervisorOf, isMember, lockActiveUsers } from '../data/users';
import { lifecycleActor, type Action, type UserActor } from '../domain/permissions';
import { escalationAfterReassign, reminderForNewHolder } from '../domain/sla';
import { decideTaskTransition, type TaskCommand, type TaskEffect } from '../domain/task-lifecycle';
import { DomainError } from '../errors';
import { guard, recordRefusal } from './guard';

type TaskChanges = Partial<typeof tasks.$inferInsert>;

export type TaskOperationInput = {
  taskId: string;
  command: TaskCommand;
  expectedVersion?: number;
  /** Extra audit metadata (e.g. the reason of a reassignment). */
  metadata?: Record<string, unknown>;
  summary: (task: TaskRow, next: TaskRow) => string;
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

  if (command.op === 'reassign' && command.toUserId) {
    if (!seen.candidateGroupId || !(await isMember(db, command.toUserId, seen.candidateGroupId))) {
      if (!(await isActiveSupervisorOf(db, command.toUserId, seen.candidateGroupId))) {
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
    const effects = await applyEffects(tx, actor, input, task, decision.effects, now);
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
    for (const action of effects.audit) {
      await recordAudit(tx, actor, {
        action,
        entityType: 'task',
        entityId: task.id,
        caseId: task.caseId,
        taskId: task.id,
        summary: input.summary(task, next),
        before: { status: task.status, assigneeId: task.assigneeId, version: task.version },
        after: {
          status: next.status,
          assigneeId: next.assigneeId,
          version: next.version,
          ...('nextEscalationAt' in effects.taskChanges
            ? { nextEscalationAt: next.nextEscalationAt?.toISOString() ?? null }
            : {}),
        },
        metadata: input.metadata ?? {},
        occurredAt: now,
      });
    }
    for (const userId of effects.notifyAssignees) {
      const recipient = await getRecipient(tx, userId);
      if (!recipient) continue;
      await notifyOnce(
        tx,
        {
          recipient,
          kind: 'assignment',
          caseId: task.caseId,
          taskId: task.id,
          title: `${actor.name} assigned you “${task.name}”`,
          body:
            typeof input.metadata?.reason === 'string' ? `Reason: ${input.metadata.reason}` : '',
          link: `/tasks/${task.id}`,
          dedupeKey: `assignment:${task.id}:${next.version}`,
        },
        now,
      );
    }
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

/**
 * Four eyes on the one path: claiming or completing an approval step is refused to someone who
 * decided on the case, and so is handing it to such a person.
 */
async function fourEyesRefusalFor(
  tx: DbOrTx,
  actor: UserActor,
  task: TaskRow,
  command: TaskCommand,
): Promise<string | null> {
  if (command.op === 'claim' || command.op === 'complete') return fourEyesBar(tx, task, actor.id);
  if (command.op === 'reassign' && command.toUserId) {
    const bar = await fourEyesBar(tx, task, command.toUserId);
    return bar
      ? 'Four eyes: that person made an earlier decision on this case, so a different person must approve it.'
      : null;
  }
  return null;
}

/**
 * Every effect the lifecycle decided, turned into what this transaction writes. The switch is
 * exhaustive: an effect added to TaskEffect fails to compile here until it is applied.
 */
async function applyEffects(
  tx: DbOrTx,
  actor: UserActor,
  input: TaskOperationInput,
  task: TaskRow,
  decided: readonly TaskEffect[],
  now: Date,
) {
  const op = input.command.op;
  const applied = {
    audit: [] as string[],
    taskChanges: {} as TaskChanges,
    notifyAssignees: [] as string[],
    advanceCase: false,
  };
  for (const effect of decided) {
    switch (effect.type) {
      case 'audit':
        // A comment changes no task row: commentOnTask writes its event (comment.added, naming
        // the comment) in the transaction that stores the comment.
        if (op !== 'comment') applied.audit.push(effect.action);
        break;
      case 'notify_assignee':
        // Nobody is notified of their own action.
        if (effect.userId !== actor.id) applied.notifyAssignees.push(effect.userId);
        break;
      case 'stop_sla_clock':
        Object.assign(applied.taskChanges, { remindAt: null, nextEscalationAt: null });
        break;
      case 'reset_reminder':
        // A claim keeps the pending reminder: the sweep sends it to whoever holds the task when
        // it falls due, and one already sent went to the claimer's group.
        if (op !== 'claim')
          Object.assign(applied.taskChanges, await slaClockForNewHolder(tx, task, op, now));
        break;
      case 'advance_case':
        if (!input.advanceCase)
          throw new Error(`The ${op} of a task moves its case on, but no advanceCase was given`);
        applied.advanceCase = true;
        break;
      default: {
        const _exhaustive: never = effect;
        throw new Error(`Task effect not applied: ${JSON.stringify(_exhaustive)}`);
      }
    }
  }
  return applied;
}

/**
 * The new holder's SLA clock: their reminder, and for escalated work a person reassigns, the
 * ladder restarted from the reassignment or stopped (the policy's `onReassign`), so the next
 * level does not undo the reassignment at the old time.
 */
async function slaClockForNewHolder(
  tx: DbOrTx,
  task: TaskRow,
  op: TaskCommand['op'],
  now: Date,
): Promise<TaskChanges> {
  const sla = await loadSlaPolicyById(tx, task.slaPolicyId);
  if (!sla) return { remindedAt: null, remindAt: null };
  const changes: TaskChanges = {
    remindedAt: null,
    remindAt: reminderForNewHolder(now, task, sla.spec, sla.calendar),
  };
  if (op === 'reassign' && task.escalationLevel > 0 && task.nextEscalationAt) {
    const { spec, calendar } = sla;
    changes.nextEscalationAt = escalationAfterReassign(now, task.escalationLevel, spec, calendar);
    // A restarted ladder is timed from the reassignment for every level still to come.
    if (changes.nextEscalationAt) changes.ladderStartedAt = now;
  }
  return changes;
}
