/**
 * The task lifecycle (WS-HumanTask, simplified) as one transition table.
 * `decideTaskTransition` decides; it never does: the use-case applies `next` and carries
 * out `effects` (audit event, notifications, SLA bookkeeping) in one transaction.
 */

import { TASK_STATUSES, type TaskStatus, type UserRole } from '../../db/schema/enum-values';

export { TASK_STATUSES, type TaskStatus };
export type Role = UserRole;
/** The statuses in which a task is still to be done (and its SLA clock runs). */
export const OPEN_TASK_STATUSES = ['ready', 'claimed'] as const satisfies readonly TaskStatus[];

export type TaskSnapshot = {
  status: TaskStatus;
  assigneeId: string | null;
  version: number;
  escalationLevel: number;
};

/** What the lifecycle needs to know about who is acting; the use-case computes the flags. */
export type LifecycleActor =
  | {
      kind: 'user';
      userId: string;
      role: Role;
      /** Member of the task's candidate group. */
      isCandidate: boolean;
      /** Supervisor of the task's candidate group (or admin). */
      supervisesGroup: boolean;
    }
  | { kind: 'system' };

export type TaskCommand =
  | { op: 'claim' }
  /** `reason`: required when the actor releases a task someone else holds (it is sent to them). */
  | { op: 'release'; reason?: string }
  | { op: 'complete'; outcome: string; allowedOutcomes: readonly string[] }
  | { op: 'reassign'; toUserId: string | null }
  | { op: 'cancel' }
  | { op: 'escalate'; toLevel: number }
  | { op: 'comment' };

export type TaskOperation = TaskCommand['op'];

export type TaskEffect =
  | { type: 'audit'; action: `task.${string}` }
  | { type: 'notify_assignee'; userId: string; reason: 'assignment' }
  /** The person a release or reassignment takes the task from (unless it is their own doing). */
  | { type: 'notify_former_assignee'; userId: string; reason: 'released' | 'reassigned' }
  | { type: 'reset_reminder' }
  | { type: 'stop_sla_clock' }
  | { type: 'advance_case' };

export type RefusalCode = 'invalid_transition' | 'forbidden' | 'conflict' | 'validation';

export type TransitionDecision =
  | { ok: true; next: TaskSnapshot; effects: TaskEffect[] }
  /** `field`: the command's input the refusal is about (e.g. a missing reason). */
  | { ok: false; code: RefusalCode; message: string; field?: string };

type Who = (actor: LifecycleActor, task: TaskSnapshot) => boolean;

const isAdmin: Who = (a) => a.kind === 'user' && a.role === 'admin';
const isSupervisorOfGroup: Who = (a) =>
  a.kind === 'user' && (a.supervisesGroup || a.role === 'admin');
const isAssignee: Who = (a, t) =>
  a.kind === 'user' && t.assigneeId !== null && t.assigneeId === a.userId;
const isCandidate: Who = (a) => a.kind === 'user' && a.isCandidate;
const isSystem: Who = (a) => a.kind === 'system';
const anyOf =
  (...checks: Who[]): Who =>
  (a, t) =>
    checks.some((c) => c(a, t));

type Rule = { from: readonly TaskStatus[]; who: Who; whoText: string };

/** Which operation is allowed from which state, by whom. */
export const TRANSITIONS: Record<TaskOperation, Rule> = {
  claim: {
    from: ['ready'],
    who: anyOf(isCandidate, isSupervisorOfGroup),
    whoText: 'members of the task’s group',
  },
  release: {
    from: ['claimed'],
    who: anyOf(isAssignee, isSupervisorOfGroup),
    whoText: 'the assignee or a supervisor',
  },
  complete: { from: ['claimed'], who: isAssignee, whoText: 'the assignee' },
  reassign: {
    from: OPEN_TASK_STATUSES,
    who: isSupervisorOfGroup,
    whoText: 'a supervisor of the task’s group',
  },
  cancel: {
    from: OPEN_TASK_STATUSES,
    who: anyOf(isSystem, isSupervisorOfGroup),
    whoText: 'a supervisor or the system',
  },
  escalate: { from: OPEN_TASK_STATUSES, who: isSystem, whoText: 'the scheduler' },
  comment: {
    from: TASK_STATUSES,
    who: anyOf(isCandidate, isAssignee, isSupervisorOfGroup, isAdmin),
    whoText: 'people who can see the task',
  },
};

export function decideTaskTransition(
  task: TaskSnapshot,
  command: TaskCommand,
  actor: LifecycleActor,
  /** The version the actor saw; a different current version means someone else acted first. */
  expectedVersion?: number,
): TransitionDecision {
  const rule = TRANSITIONS[command.op];
  if (!rule.who(actor, task)) {
    return {
      ok: false,
      code: 'forbidden',
      message: `Only ${rule.whoText} may ${command.op} this task.`,
    };
  }
  if (expectedVersion !== undefined && expectedVersion !== task.version) {
    return {
      ok: false,
      code: 'conflict',
      message: `The task changed since you loaded it (version ${expectedVersion}, now ${task.version}).`,
    };
  }
  if (command.op === 'claim' && task.status === 'claimed') {
    return { ok: false, code: 'conflict', message: 'The task has already been claimed.' };
  }
  if (!rule.from.includes(task.status)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `Cannot ${command.op} a ${task.status} task.`,
    };
  }

  const bump = (patch: Partial<TaskSnapshot>): TaskSnapshot => ({
    ...task,
    ...patch,
    version: task.version + 1,
  });

  switch (command.op) {
    case 'claim': {
      const userId = (actor as { userId: string }).userId;
      return {
        ok: true,
        next: bump({ status: 'claimed', assigneeId: userId }),
        effects: [{ type: 'audit', action: 'task.claimed' }, { type: 'reset_reminder' }],
      };
    }
    case 'release': {
      // Someone else's work is taken from them: they are told, and told why.
      const taken = !isAssignee(actor, task);
      if (taken && !command.reason?.trim())
        return {
          ok: false,
          code: 'validation',
          message: 'Say why you release a task someone else holds: the reason is sent to them.',
          field: 'reason',
        };
      const effects: TaskEffect[] = [
        { type: 'audit', action: 'task.released' },
        { type: 'reset_reminder' },
      ];
      if (taken && task.assigneeId)
        effects.push({
          type: 'notify_former_assignee',
          userId: task.assigneeId,
          reason: 'released',
        });
      return { ok: true, next: bump({ status: 'ready', assigneeId: null }), effects };
    }
    case 'complete':
      if (!command.allowedOutcomes.includes(command.outcome)) {
        return {
          ok: false,
          code: 'validation',
          message: `Unknown outcome "${command.outcome}"; expected one of ${command.allowedOutcomes.join(', ')}.`,
        };
      }
      return {
        ok: true,
        next: bump({ status: 'completed' }),
        effects: [
          { type: 'audit', action: 'task.completed' },
          { type: 'stop_sla_clock' },
          { type: 'advance_case' },
        ],
      };
    case 'reassign': {
      if (command.toUserId === task.assigneeId) {
        return {
          ok: false,
          code: 'invalid_transition',
          message: command.toUserId
            ? 'The task is already assigned to that person.'
            : 'The task is already in its queue.',
        };
      }
      const effects: TaskEffect[] = [
        { type: 'audit', action: 'task.reassigned' },
        { type: 'reset_reminder' },
      ];
      if (command.toUserId)
        effects.push({ type: 'notify_assignee', userId: command.toUserId, reason: 'assignment' });
      if (task.assigneeId)
        effects.push({
          type: 'notify_former_assignee',
          userId: task.assigneeId,
          reason: 'reassigned',
        });
      return {
        ok: true,
        next: bump(
          command.toUserId
            ? { status: 'claimed', assigneeId: command.toUserId }
            : { status: 'ready', assigneeId: null },
        ),
        effects,
      };
    }
    case 'cancel':
      return {
        ok: true,
        next: bump({ status: 'cancelled' }),
        effects: [{ type: 'audit', action: 'task.cancelled' }, { type: 'stop_sla_clock' }],
      };
    case 'escalate':
      if (command.toLevel !== task.escalationLevel + 1) {
        return {
          ok: false,
          code: 'conflict',
          message: `Task is at escalation level ${task.escalationLevel}; cannot move to level ${command.toLevel}.`,
        };
      }
      return {
        ok: true,
        next: bump({ escalationLevel: command.toLevel }),
        effects: [{ type: 'audit', action: 'task.escalated' }],
      };
    case 'comment':
      // A comment does not change the task, so it never conflicts with a concurrent change.
      return { ok: true, next: task, effects: [{ type: 'audit', action: 'task.commented' }] };
  }
}

/** The operations an actor could perform now: drives which controls a screen offers. */
export function availableOperations(task: TaskSnapshot, actor: LifecycleActor): TaskOperation[] {
  return (Object.keys(TRANSITIONS) as TaskOperation[]).filter((op) => {
    const rule = TRANSITIONS[op];
    if (!rule.from.includes(task.status) || !rule.who(actor, task)) return false;
    if (op === 'claim' && task.assigneeId) return false;
    return true;
  });
}

export function isOpen(status: TaskStatus): boolean {
  return (OPEN_TASK_STATUSES as readonly TaskStatus[]).includes(status);
}
