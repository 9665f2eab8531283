import type { DbOrTx } from '../../db/client';
import type { tasks } from '../../db/schema';
import { fourEyesBar } from '../data/authority';
import { getCaseReferences } from '../data/cases';
import { loadSlaPolicyById } from '../data/definitions';
import { getRecipient, notifyMany } from '../data/recipients';
import type { TaskRow } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { escalationAfterReassign, reminderForNewHolder } from '../domain/sla';
import type { TaskCommand, TaskEffect } from '../domain/task-lifecycle';

export type TaskChanges = Partial<typeof tasks.$inferInsert>;

/** The people a release or reassignment moves the task between, by name (for texts and audit). */
export type Handover = {
  fromUserId: string | null;
  fromName: string | null;
  toUserId: string | null;
  toName: string | null;
};

/** What the transaction writes for the lifecycle's effects. */
export type AppliedEffects = {
  audit: string[];
  taskChanges: TaskChanges;
  notifyAssignees: string[];
  notifyFormerAssignees: { userId: string; reason: 'released' | 'reassigned' }[];
  advanceCase: boolean;
};

/**
 * Four eyes on the one path: claiming or completing an approval step is refused to someone who
 * decided on the case, and so is handing it to such a person.
 */
export async function fourEyesRefusalFor(
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
export async function applyEffects(
  tx: DbOrTx,
  actor: UserActor,
  op: TaskCommand['op'],
  hasAdvanceCase: boolean,
  task: TaskRow,
  decided: readonly TaskEffect[],
  now: Date,
): Promise<AppliedEffects> {
  const applied: AppliedEffects = {
    audit: [],
    taskChanges: {},
    notifyAssignees: [],
    notifyFormerAssignees: [],
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
      case 'notify_former_assignee':
        if (effect.userId !== actor.id)
          applied.notifyFormerAssignees.push({ userId: effect.userId, reason: effect.reason });
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
        if (!hasAdvanceCase)
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
 * The new holder is told the task is theirs; the former holder that it no longer is, by whom,
 * where it went and why (the person working on it must not find out by a refused decision).
 * Written in the transaction of the change, keyed by the task's new version.
 */
export async function notifyHolders(
  tx: DbOrTx,
  actor: UserActor,
  effects: AppliedEffects,
  task: TaskRow,
  next: TaskRow,
  handover: Handover,
  reason: string | null,
  now: Date,
) {
  if (!effects.notifyAssignees.length && !effects.notifyFormerAssignees.length) return;
  const reference = (await getCaseReferences(tx, [task.caseId])).get(task.caseId) ?? '';
  const what = `${reference} “${task.name}”`;
  const body = reason ? `Reason: ${reason}` : '';
  const base = { caseId: task.caseId, taskId: task.id, link: `/tasks/${task.id}`, body };
  const items = [];
  for (const userId of effects.notifyAssignees) {
    const recipient = await getRecipient(tx, userId);
    if (recipient)
      items.push({
        ...base,
        recipient,
        kind: 'assignment' as const,
        title: `${actor.name} assigned you ${what}`,
        dedupeKey: `assignment:${task.id}:${next.version}`,
      });
  }
  for (const former of effects.notifyFormerAssignees) {
    const recipient = await getRecipient(tx, former.userId);
    if (!recipient) continue;
    const where =
      former.reason === 'released' || !handover.toName
        ? 'released it to the group queue'
        : `reassigned it to ${handover.toName}`;
    items.push({
      ...base,
      recipient,
      kind: 'info' as const,
      title: `No longer yours: ${what} — ${actor.name} ${where}`,
      dedupeKey: `taken:${task.id}:${next.version}`,
    });
  }
  await notifyMany(tx, items, now);
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
  // A paused clock keeps its pending times aside (lib/domain/task-clock.ts): the sweeps must not
  // see them until the clock resumes, which moves every time after the pause by the paused
  // working time. For that clock the time stands at the pause, so the new holder's reminder is
  // decided as of the pause, not of the move: a time decided as of the move would be moved
  // again by the whole pause (late), and a due time passed on the wall clock during the pause
  // (which the resume moves on) would drop the reminder. Decided at the pause it comes out, after
  // the resume, as if decided then: the moved due-soon point, or at once if that had passed.
  const clockNow = task.pausedAt ?? now;
  const remindAt = reminderForNewHolder(clockNow, task, sla.spec, sla.calendar);
  if (task.pausedAt)
    return {
      remindedAt: null,
      pausedClock: {
        remindAt: remindAt?.toISOString() ?? null,
        nextEscalationAt: task.pausedClock?.nextEscalationAt ?? null,
      },
    };
  const changes: TaskChanges = { remindedAt: null, remindAt };
  if (op === 'reassign' && task.escalationLevel > 0 && task.nextEscalationAt) {
    const { spec, calendar } = sla;
    changes.nextEscalationAt = escalationAfterReassign(now, task.escalationLevel, spec, calendar);
    // A restarted ladder is timed from the reassignment for every level still to come.
    if (changes.nextEscalationAt) changes.ladderStartedAt = now;
  }
  return changes;
}
