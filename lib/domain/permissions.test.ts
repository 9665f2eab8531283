import { describe, expect, it } from 'vitest';
import {
  authorize,
  canSeeGroupQueue,
  lifecycleActor,
  visibleGroupIds,
  type Action,
  type Actor,
  type UserActor,
} from './permissions';

const ADJ = 'g-adjusters';
const SEN = 'g-senior';
const SIU = 'g-siu';

const adjuster: UserActor = {
  kind: 'user',
  id: 'u-adj',
  email: 'a',
  name: 'A',
  role: 'adjuster',
  groupIds: [ADJ],
  supervisedGroupIds: [],
};
const peer: UserActor = { ...adjuster, id: 'u-peer' };
const supervisor: UserActor = {
  kind: 'user',
  id: 'u-sup',
  email: 's',
  name: 'S',
  role: 'supervisor',
  groupIds: [],
  supervisedGroupIds: [ADJ, SEN],
};
const admin: UserActor = {
  kind: 'user',
  id: 'u-admin',
  email: 'x',
  name: 'X',
  role: 'admin',
  groupIds: [],
  supervisedGroupIds: [SIU],
};
/** A misconfigured group record naming an adjuster as supervisor gives no supervisor powers. */
const adjusterNamedSupervisor: UserActor = { ...adjuster, id: 'u-odd', supervisedGroupIds: [SEN] };

const ownGroupReady = { type: 'task' as const, candidateGroupId: ADJ, assigneeId: null };
const ownGroupMine = { type: 'task' as const, candidateGroupId: ADJ, assigneeId: 'u-adj' };
const ownGroupPeers = { type: 'task' as const, candidateGroupId: ADJ, assigneeId: 'u-peer' };
const otherGroup = { type: 'task' as const, candidateGroupId: SIU, assigneeId: null };
const otherGroupAssignedToMe = {
  type: 'task' as const,
  candidateGroupId: SIU,
  assigneeId: 'u-adj',
};

type Row = [
  string,
  Actor,
  Action,
  Parameters<typeof authorize>[2],
  'allow' | 'forbidden' | 'not_found',
];
const matrix: Row[] = [
  ['adjuster reads a task of own group', adjuster, 'task.read', ownGroupReady, 'allow'],
  ['adjuster reads a task of another group', adjuster, 'task.read', otherGroup, 'not_found'],
  [
    'adjuster reads another group’s task assigned to them',
    adjuster,
    'task.read',
    otherGroupAssignedToMe,
    'allow',
  ],
  ['adjuster claims in own group', adjuster, 'task.claim', ownGroupReady, 'allow'],
  ['adjuster claims in another group', adjuster, 'task.claim', otherGroup, 'not_found'],
  ['adjuster releases own task', adjuster, 'task.release', ownGroupMine, 'allow'],
  ['adjuster releases a peer’s task', adjuster, 'task.release', ownGroupPeers, 'forbidden'],
  ['adjuster completes own task', adjuster, 'task.complete', ownGroupMine, 'allow'],
  ['adjuster completes a peer’s task', adjuster, 'task.complete', ownGroupPeers, 'forbidden'],
  ['adjuster comments in own group', adjuster, 'task.comment', ownGroupPeers, 'allow'],
  ['adjuster comments in another group', adjuster, 'task.comment', otherGroup, 'not_found'],
  ['adjuster reassigns', adjuster, 'task.reassign', ownGroupPeers, 'forbidden'],
  ['adjuster bulk reassigns', adjuster, 'task.bulk_reassign', undefined, 'forbidden'],
  [
    'adjuster named as a group supervisor still cannot reassign',
    adjusterNamedSupervisor,
    'task.reassign',
    { type: 'task', candidateGroupId: SEN, assigneeId: null },
    'not_found',
  ],
  ['adjuster views team', adjuster, 'team.view', undefined, 'forbidden'],
  ['adjuster edits rules', adjuster, 'rules.edit', undefined, 'forbidden'],
  ['adjuster reads the audit log', adjuster, 'audit.read', undefined, 'forbidden'],
  [
    'adjuster reads a case with a task in own group',
    adjuster,
    'case.read',
    { type: 'case', groupIds: [SIU, ADJ], assigneeIds: [] },
    'allow',
  ],
  [
    'adjuster reads a case of another group',
    adjuster,
    'case.read',
    { type: 'case', groupIds: [SIU], assigneeIds: [] },
    'not_found',
  ],
  ['adjuster opens a case', adjuster, 'case.create', undefined, 'forbidden'],
  ['supervisor reads a supervised group’s task', supervisor, 'task.read', ownGroupPeers, 'allow'],
  ['supervisor reads another group’s task', supervisor, 'task.read', otherGroup, 'not_found'],
  [
    'supervisor reassigns in a supervised group',
    supervisor,
    'task.reassign',
    ownGroupPeers,
    'allow',
  ],
  ['supervisor reassigns in another group', supervisor, 'task.reassign', otherGroup, 'not_found'],
  ['supervisor releases in a supervised group', supervisor, 'task.release', ownGroupPeers, 'allow'],
  [
    'supervisor completes someone else’s task',
    supervisor,
    'task.complete',
    ownGroupPeers,
    'forbidden',
  ],
  [
    'supervisor claims in a supervised group (take over)',
    supervisor,
    'task.claim',
    ownGroupReady,
    'allow',
  ],
  ['supervisor bulk reassigns', supervisor, 'task.bulk_reassign', undefined, 'allow'],
  ['supervisor views team', supervisor, 'team.view', undefined, 'allow'],
  ['supervisor edits rules', supervisor, 'rules.edit', undefined, 'forbidden'],
  ['supervisor edits users', supervisor, 'users.edit', undefined, 'forbidden'],
  ['supervisor edits tokens', supervisor, 'tokens.edit', undefined, 'forbidden'],
  ['supervisor reads the admin audit log', supervisor, 'audit.read', undefined, 'forbidden'],
  [
    'supervisor sets out of office in a supervised group',
    supervisor,
    'team.set_out_of_office',
    { type: 'group', groupId: ADJ },
    'allow',
  ],
  [
    'supervisor sets out of office in another group',
    supervisor,
    'team.set_out_of_office',
    { type: 'group', groupId: SIU },
    'forbidden',
  ],
  ['admin reads any task', admin, 'task.read', otherGroup, 'allow'],
  ['admin reassigns any task', admin, 'task.reassign', ownGroupPeers, 'allow'],
  ['admin edits rules, SLA, users, tokens, reads audit', admin, 'rules.edit', undefined, 'allow'],
  ['admin edits SLA', admin, 'sla.edit', undefined, 'allow'],
  ['admin edits users', admin, 'users.edit', undefined, 'allow'],
  ['admin edits tokens', admin, 'tokens.edit', undefined, 'allow'],
  ['admin reads the audit log', admin, 'audit.read', undefined, 'allow'],
  ['admin completes someone else’s task', admin, 'task.complete', ownGroupPeers, 'forbidden'],
  [
    'token with cases:write opens a case',
    { kind: 'token', id: 't', name: 'T', scopes: ['cases:write'] },
    'case.create',
    undefined,
    'allow',
  ],
  [
    'token with only cases:read opens a case',
    { kind: 'token', id: 't', name: 'T', scopes: ['cases:read'] },
    'case.create',
    undefined,
    'forbidden',
  ],
  [
    'token with cases:read reads a case',
    { kind: 'token', id: 't', name: 'T', scopes: ['cases:read'] },
    'case.read',
    { type: 'case', groupIds: [], assigneeIds: [] },
    'allow',
  ],
  [
    'token with every scope claims a task',
    {
      kind: 'token',
      id: 't',
      name: 'T',
      scopes: ['cases:read', 'cases:write', 'tasks:read', 'tasks:write', 'audit:read'],
    },
    'task.claim',
    ownGroupReady,
    'forbidden',
  ],
  [
    'token edits rules',
    { kind: 'token', id: 't', name: 'T', scopes: ['cases:write'] },
    'rules.edit',
    undefined,
    'forbidden',
  ],
  [
    'the scheduler escalates',
    { kind: 'system', name: 'scheduler' },
    'task.reassign',
    ownGroupPeers,
    'allow',
  ],
];

describe('authorize: role × operation × own/other group', () => {
  it.each(matrix)('%s → %s', (_name, actor, action, resource, expected) => {
    const d = authorize(actor, action, resource);
    if (expected === 'allow') expect(d).toEqual({ allowed: true });
    else {
      expect(d.allowed).toBe(false);
      if (!d.allowed) {
        expect(d.code).toBe(expected);
        expect(d.reason).not.toBe('');
      }
    }
  });

  it('requires a resource for object actions rather than allowing by default', () => {
    expect(authorize(adjuster, 'task.claim')).toMatchObject({ allowed: false });
    expect(authorize(adjuster, 'case.read')).toMatchObject({ allowed: false });
  });

  it('peer in the same group may see but not complete', () => {
    expect(authorize(peer, 'task.read', ownGroupMine).allowed).toBe(true);
    expect(authorize(peer, 'task.complete', ownGroupMine).allowed).toBe(false);
  });
});

describe('group queues and lifecycle flags', () => {
  it('a member or a supervisor sees a group queue; others do not', () => {
    expect(canSeeGroupQueue(adjuster, ADJ)).toBe(true);
    expect(canSeeGroupQueue(supervisor, SEN)).toBe(true);
    expect(canSeeGroupQueue(adjuster, SIU)).toBe(false);
  });

  it('visible groups are memberships plus supervised groups', () => {
    expect(visibleGroupIds(adjuster)).toEqual([ADJ]);
    expect(visibleGroupIds(supervisor)?.sort()).toEqual([ADJ, SEN].sort());
  });

  it('the lifecycle learns whether the person is a candidate or supervises the group', () => {
    expect(lifecycleActor(adjuster, { candidateGroupId: ADJ })).toMatchObject({
      isCandidate: true,
      supervisesGroup: false,
    });
    expect(lifecycleActor(supervisor, { candidateGroupId: ADJ })).toMatchObject({
      isCandidate: false,
      supervisesGroup: true,
    });
    expect(lifecycleActor(adjuster, { candidateGroupId: null })).toMatchObject({
      isCandidate: false,
    });
  });
});

describe('case.export_evidence', () => {
  const caseOf = (groupIds: string[], assigneeIds: string[] = []) =>
    ({ type: 'case', groupIds, assigneeIds }) as const;
  it('lets admins and the supervisors of one of the case’s groups export', () => {
    expect(authorize(admin, 'case.export_evidence', caseOf([SIU]))).toEqual({ allowed: true });
    expect(authorize(admin, 'case.export_evidence', caseOf([]))).toEqual({ allowed: true });
    expect(authorize(supervisor, 'case.export_evidence', caseOf([SIU, SEN]))).toEqual({
      allowed: true,
    });
  });
  it('refuses readers who do not supervise the case: members, assignees, other supervisors', () => {
    expect(authorize(adjuster, 'case.export_evidence', caseOf([ADJ]))).toMatchObject({
      allowed: false,
      code: 'forbidden',
    });
    // A supervisor who reads the case only as the assignee of one of its tasks.
    expect(
      authorize(supervisor, 'case.export_evidence', caseOf([SIU], [supervisor.id])),
    ).toMatchObject({ allowed: false, code: 'forbidden' });
    // Not even visible: the case's existence is not disclosed.
    expect(authorize(supervisor, 'case.export_evidence', caseOf([SIU]))).toMatchObject({
      allowed: false,
      code: 'not_found',
    });
    expect(authorize(adjuster, 'case.export_evidence')).toMatchObject({ allowed: false });
  });
});
