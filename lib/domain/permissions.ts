/**
 * Who may do what: one pure function answers "may this actor do this to this object" for
 * every operation. Use-cases call it on the server for every action; screens may call it
 * to hide controls, but nothing relies on that.
 */
import type { LifecycleActor, Role } from './task-lifecycle';

export type UserActor = {
  kind: 'user';
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Groups the user is a member of. */
  groupIds: readonly string[];
  /** Groups the user supervises (only effective for supervisors and admins). */
  supervisedGroupIds: readonly string[];
  /** IANA zone for showing times to this person. */
  timeZone?: string;
  /**
   * The channel, when not the person's own session: an API token acting on their behalf
   * (`onBehalfOf`). Permissions are the person's alone; the audit names both.
   */
  via?: { kind: 'token'; id: string; name: string };
};
export type TokenActor = { kind: 'token'; id: string; name: string; scopes: readonly string[] };
export type SystemActor = { kind: 'system'; name: 'scheduler' | 'engine' };
export type Actor = UserActor | TokenActor | SystemActor;

export type Action =
  | 'case.create'
  | 'case.read'
  | 'case.event'
  | 'task.read'
  | 'task.claim'
  | 'task.release'
  | 'task.complete'
  | 'task.comment'
  | 'task.reassign'
  /** An API token working a task for a named person (scope tasks:write; people never need it). */
  | 'task.act_on_behalf'
  | 'task.bulk_reassign'
  /** Stop or restart a task's SLA clock while waiting for the claimant (assignee or supervisor). */
  | 'task.pause'
  /** Give a task a later deadline (supervisors of its group and admins; the SLA deadline stays). */
  | 'task.extend_deadline'
  /** Acknowledge or snooze a task's escalation (supervisors of its group and admins). */
  | 'task.acknowledge_escalation'
  /** Choose how a group's supervisor hears of escalations: one each, or a digest per period. */
  | 'group.edit_escalation_delivery'
  | 'team.view'
  | 'team.set_out_of_office'
  /** A group's predicted breaches and rebalancing (supervisors of the group and admins). */
  | 'team.at_risk'
  | 'rules.edit'
  | 'sla.edit'
  | 'users.edit'
  | 'tokens.edit'
  /** Outbound event (webhook) subscriptions and their deliveries (admins only). */
  | 'webhooks.edit'
  | 'case_types.edit'
  | 'audit.read'
  /** Download or print a case's evidence bundle (supervisors and admins who can see the case). */
  | 'case.export_evidence'
  /** Upload a document (photo, PDF, estimate) to a case: whoever works on it (sees it). */
  | 'case.add_document';

/** What authorization needs to know about a task. */
export type TaskResource = {
  type: 'task';
  candidateGroupId: string | null;
  assigneeId: string | null;
};
/** What authorization needs to know about a case: the groups and people of its tasks. */
export type CaseResource = {
  type: 'case';
  groupIds: readonly string[];
  assigneeIds: readonly string[];
};
export type GroupResource = { type: 'group'; groupId: string };
export type Resource = TaskResource | CaseResource | GroupResource;

export type Decision =
  | { allowed: true }
  /** `not_found` for objects the actor may not even know exist; `forbidden` otherwise. */
  | { allowed: false; code: 'forbidden' | 'not_found'; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, code: 'forbidden', reason });
const hidden = (reason: string): Decision => ({ allowed: false, code: 'not_found', reason });

/** Scopes an API token needs per action; actions not listed are never open to tokens. */
const TOKEN_SCOPES: Partial<Record<Action, string>> = {
  'case.create': 'cases:write',
  'case.event': 'cases:write',
  'case.read': 'cases:read',
  'task.read': 'tasks:read',
  // Claim, complete, release on behalf of a named person (app/api/v1/tasks/[id]/*): the token
  // opens the door, the use-case then decides as that person. A token itself never claims.
  'task.act_on_behalf': 'tasks:write',
  'audit.read': 'audit:read',
  // The bundle discloses the case's whole audit trail; the use-case also asks for case.read.
  'case.export_evidence': 'audit:read',
  'case.add_document': 'cases:write',
};

const ADMIN_ONLY: readonly Action[] = [
  'rules.edit',
  'sla.edit',
  'users.edit',
  'tokens.edit',
  'webhooks.edit',
  'case_types.edit',
  'audit.read',
];

export function supervises(actor: UserActor, groupId: string | null): boolean {
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'supervisor' && groupId !== null && actor.supervisedGroupIds.includes(groupId)
  );
}

/** Absences with dates (issue 17): a person plans their own; a supervisor of one of their groups or an admin plans them for them. */
export function mayManageAbsencesOf(
  actor: UserActor,
  person: { id: string; groupIds: readonly string[] },
): boolean {
  if (actor.id === person.id || actor.role === 'admin') return true;
  return person.groupIds.some((g) => supervises(actor, g));
}

/** A group whose queue the actor works (member) or watches (supervisor; admins: every group). */
export function canSeeGroupQueue(actor: UserActor, groupId: string): boolean {
  return actor.groupIds.includes(groupId) || supervises(actor, groupId);
}

/** Group ids whose work the actor sees (members and supervisors); null = every group (admins). */
export function visibleGroupIds(actor: UserActor): string[] | null {
  if (actor.role === 'admin') return null;
  return [
    ...new Set([
      ...actor.groupIds,
      ...(actor.role === 'supervisor' ? actor.supervisedGroupIds : []),
    ]),
  ];
}

/** What the task lifecycle needs to know about a person acting on a task of `candidateGroupId`. */
export function lifecycleActor(
  actor: UserActor,
  task: { candidateGroupId: string | null },
): LifecycleActor {
  return {
    kind: 'user',
    userId: actor.id,
    role: actor.role,
    isCandidate: task.candidateGroupId !== null && actor.groupIds.includes(task.candidateGroupId),
    supervisesGroup: supervises(actor, task.candidateGroupId),
  };
}

export function canSeeTask(
  actor: UserActor,
  t: { candidateGroupId: string | null; assigneeId: string | null },
): boolean {
  if (actor.role === 'admin') return true;
  if (t.assigneeId === actor.id) return true;
  if (t.candidateGroupId === null) return false;
  return actor.groupIds.includes(t.candidateGroupId) || supervises(actor, t.candidateGroupId);
}

export function canSeeCase(
  actor: UserActor,
  c: { groupIds: readonly string[]; assigneeIds: readonly string[] },
): boolean {
  if (actor.role === 'admin') return true;
  if (c.assigneeIds.includes(actor.id)) return true;
  return c.groupIds.some((g) => actor.groupIds.includes(g) || supervises(actor, g));
}

export function authorize(actor: Actor, action: Action, resource?: Resource): Decision {
  if (actor.kind === 'system') return allow;
  if (actor.kind === 'token') {
    const scope = TOKEN_SCOPES[action];
    if (!scope) return deny(`API tokens cannot ${action.replace('.', ' ')}.`);
    return actor.scopes.includes(scope) ? allow : deny(`This token lacks the "${scope}" scope.`);
  }

  if (ADMIN_ONLY.includes(action))
    return actor.role === 'admin' ? allow : deny('Only admins may do this.');

  switch (action) {
    case 'team.at_risk': {
      if (actor.role !== 'supervisor' && actor.role !== 'admin')
        return deny('Only supervisors see predicted breaches.');
      const groupId = resource?.type === 'group' ? resource.groupId : null;
      return supervises(actor, groupId) ? allow : hidden('You do not supervise this group.');
    }
    case 'case.create':
    case 'case.event':
      return actor.role === 'admin' ? allow : deny('Only admins and API clients open cases.');
    case 'team.view':
      return actor.role === 'supervisor' || actor.role === 'admin'
        ? allow
        : deny('Only supervisors see the team view.');
    case 'task.bulk_reassign':
      return actor.role === 'supervisor' || actor.role === 'admin'
        ? allow
        : deny('Only supervisors reassign tasks.');
    case 'group.edit_escalation_delivery': {
      if (resource?.type !== 'group') return deny('A group is required.');
      return supervises(actor, resource.groupId) ? allow : deny('You do not supervise this group.');
    }
    case 'team.set_out_of_office': {
      if (resource?.type !== 'group') return deny('A group is required.');
      return supervises(actor, resource.groupId) ? allow : deny('You do not supervise this group.');
    }
    case 'case.read': {
      if (resource?.type !== 'case') return deny('A case is required.');
      return canSeeCase(actor, resource) ? allow : hidden('Case not visible to this user.');
    }
    // Everyone who sees a case works on it (its groups' members and supervisors, its assignees,
    // admins), and photos and estimates come from that work: seeing is enough to add.
    case 'case.add_document': {
      if (resource?.type !== 'case') return deny('A case is required.');
      return canSeeCase(actor, resource) ? allow : hidden('Case not visible to this user.');
    }
    case 'case.export_evidence': {
      if (resource?.type !== 'case') return deny('A case is required.');
      if (!canSeeCase(actor, resource)) return hidden('Case not visible to this user.');
      return actor.role === 'admin' || resource.groupIds.some((g) => supervises(actor, g))
        ? allow
        : deny('Only admins and the supervisors of the case’s groups export its evidence.');
    }
    default:
      break;
  }

  if (resource?.type !== 'task') return deny('A task is required.');
  if (!canSeeTask(actor, resource)) return hidden('Task not visible to this user.');
  const member =
    resource.candidateGroupId !== null && actor.groupIds.includes(resource.candidateGroupId);
  const sup = supervises(actor, resource.candidateGroupId);
  const assignee = resource.assigneeId === actor.id;
  switch (action) {
    case 'task.read':
    case 'task.comment':
      return allow;
    case 'task.claim':
      return member || sup ? allow : deny('Only members of the task’s group may claim it.');
    case 'task.release':
      return assignee || sup
        ? allow
        : deny('Only the assignee or a supervisor may release this task.');
    case 'task.complete':
      return assignee ? allow : deny('Only the assignee may complete this task; claim it first.');
    case 'task.reassign':
      return sup ? allow : deny('Only a supervisor of the task’s group may reassign it.');
    case 'task.pause':
      return assignee || sup
        ? allow
        : deny('Only the assignee or a supervisor may pause or resume this task’s clock.');
    case 'task.extend_deadline':
      return sup ? allow : deny('Only a supervisor of the task’s group may extend its deadline.');
    case 'task.acknowledge_escalation':
      return sup
        ? allow
        : deny('Only a supervisor of the task’s group may acknowledge or snooze its escalation.');
    default:
      return deny('Not allowed.');
  }
}
