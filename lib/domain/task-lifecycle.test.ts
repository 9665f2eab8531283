import { describe, expect, it } from 'vitest';
import {
  availableOperations,
  decideTaskTransition,
  type LifecycleActor,
  type TaskCommand,
  type TaskSnapshot,
  type TaskStatus,
} from './task-lifecycle';

const task = (status: TaskStatus, assigneeId: string | null = null, version = 3): TaskSnapshot => ({
  status,
  assigneeId,
  version,
  escalationLevel: 0,
});

const member = (userId = 'ann'): LifecycleActor => ({
  kind: 'user',
  userId,
  role: 'adjuster',
  isCandidate: true,
  supervisesGroup: false,
});
const outsider: LifecycleActor = {
  kind: 'user',
  userId: 'zed',
  role: 'adjuster',
  isCandidate: false,
  supervisesGroup: false,
};
const supervisor: LifecycleActor = {
  kind: 'user',
  userId: 'sue',
  role: 'supervisor',
  isCandidate: false,
  supervisesGroup: true,
};
const otherSupervisor: LifecycleActor = {
  kind: 'user',
  userId: 'sam',
  role: 'supervisor',
  isCandidate: false,
  supervisesGroup: false,
};
const admin: LifecycleActor = {
  kind: 'user',
  userId: 'ada',
  role: 'admin',
  isCandidate: false,
  supervisesGroup: false,
};
const system: LifecycleActor = { kind: 'system' };

const complete: TaskCommand = {
  op: 'complete',
  outcome: 'approve',
  allowedOutcomes: ['approve', 'deny'],
};

describe('decideTaskTransition — allowed moves', () => {
  it('a group member claims a ready task: claimed by them, version bumped, reminder reset', () => {
    const d = decideTaskTransition(task('ready'), { op: 'claim' }, member());
    expect(d).toEqual({
      ok: true,
      next: { status: 'claimed', assigneeId: 'ann', version: 4, escalationLevel: 0 },
      effects: [{ type: 'audit', action: 'task.claimed' }, { type: 'reset_reminder' }],
    });
  });

  it('the assignee releases back to the queue', () => {
    const d = decideTaskTransition(task('claimed', 'ann'), { op: 'release' }, member());
    expect(d.ok && d.next).toMatchObject({ status: 'ready', assigneeId: null, version: 4 });
  });

  it('the assignee completes with a known outcome and the case advances', () => {
    const d = decideTaskTransition(task('claimed', 'ann'), complete, member(), 3);
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.next.status).toBe('completed');
      expect(d.effects.map((e) => e.type)).toEqual(['audit', 'stop_sla_clock', 'advance_case']);
    }
  });

  it('a supervisor of the group reassigns to a person, who is notified', () => {
    const d = decideTaskTransition(
      task('claimed', 'ann'),
      { op: 'reassign', toUserId: 'bob' },
      supervisor,
    );
    expect(d.ok && d.next).toMatchObject({ status: 'claimed', assigneeId: 'bob' });
    expect(d.ok && d.effects).toContainEqual({
      type: 'notify_assignee',
      userId: 'bob',
      reason: 'assignment',
    });
  });

  it('a supervisor reassigns back to the queue', () => {
    const d = decideTaskTransition(
      task('claimed', 'ann'),
      { op: 'reassign', toUserId: null },
      supervisor,
    );
    expect(d.ok && d.next).toMatchObject({ status: 'ready', assigneeId: null });
  });

  it('an admin may reassign and cancel any task', () => {
    expect(decideTaskTransition(task('ready'), { op: 'reassign', toUserId: 'bob' }, admin).ok).toBe(
      true,
    );
    expect(decideTaskTransition(task('claimed', 'ann'), { op: 'cancel' }, admin).ok).toBe(true);
  });

  it('the scheduler escalates one level at a time, without changing status', () => {
    const d = decideTaskTransition(task('claimed', 'ann'), { op: 'escalate', toLevel: 1 }, system);
    expect(d.ok && d.next).toMatchObject({
      status: 'claimed',
      assigneeId: 'ann',
      escalationLevel: 1,
      version: 4,
    });
  });

  it('comments are allowed on closed tasks and change nothing', () => {
    const d = decideTaskTransition(task('completed', 'ann'), { op: 'comment' }, member());
    expect(d.ok && d.next).toEqual(task('completed', 'ann'));
  });
});

describe('decideTaskTransition — refused moves', () => {
  const cases: [string, TaskSnapshot, TaskCommand, LifecycleActor, string, number?][] = [
    [
      'claim a claimed task (someone else got it first)',
      task('claimed', 'bob'),
      { op: 'claim' },
      member(),
      'conflict',
    ],
    [
      'claim a completed task',
      task('completed', 'bob'),
      { op: 'claim' },
      member(),
      'invalid_transition',
    ],
    ['claim a cancelled task', task('cancelled'), { op: 'claim' }, member(), 'invalid_transition'],
    ['claim outside your groups', task('ready'), { op: 'claim' }, outsider, 'forbidden'],
    ['release a ready task', task('ready'), { op: 'release' }, supervisor, 'invalid_transition'],
    [
      'release someone else’s task as a peer',
      task('claimed', 'bob'),
      { op: 'release' },
      member(),
      'forbidden',
    ],
    ['complete a ready task without claiming', task('ready'), complete, supervisor, 'forbidden'],
    ['complete someone else’s task', task('claimed', 'bob'), complete, member(), 'forbidden'],
    [
      'complete as the group supervisor without taking over',
      task('claimed', 'bob'),
      complete,
      supervisor,
      'forbidden',
    ],
    ['complete twice', task('completed', 'ann'), complete, member(), 'invalid_transition'],
    ['complete with a stale version', task('claimed', 'ann', 5), complete, member(), 'conflict', 4],
    [
      'complete with an unknown outcome',
      task('claimed', 'ann'),
      { op: 'complete', outcome: 'pay-double', allowedOutcomes: ['approve'] },
      member(),
      'validation',
    ],
    [
      'reassign as an adjuster',
      task('claimed', 'ann'),
      { op: 'reassign', toUserId: 'zed' },
      member(),
      'forbidden',
    ],
    [
      'reassign another group’s task',
      task('ready'),
      { op: 'reassign', toUserId: 'zed' },
      otherSupervisor,
      'forbidden',
    ],
    [
      'reassign a completed task',
      task('completed', 'ann'),
      { op: 'reassign', toUserId: 'bob' },
      supervisor,
      'invalid_transition',
    ],
    [
      'reassign to the current assignee',
      task('claimed', 'ann'),
      { op: 'reassign', toUserId: 'ann' },
      supervisor,
      'invalid_transition',
    ],
    ['escalate as a person', task('ready'), { op: 'escalate', toLevel: 1 }, admin, 'forbidden'],
    [
      'escalate a completed task',
      task('completed'),
      { op: 'escalate', toLevel: 1 },
      system,
      'invalid_transition',
    ],
    [
      'escalate skipping a level (a stale sweep)',
      task('ready'),
      { op: 'escalate', toLevel: 2 },
      system,
      'conflict',
    ],
    ['cancel as an adjuster', task('ready'), { op: 'cancel' }, member(), 'forbidden'],
    ['comment from outside the group', task('ready'), { op: 'comment' }, outsider, 'forbidden'],
  ];

  it.each(cases)('%s', (_name, t, command, actor, code, expectedVersion) => {
    const d = decideTaskTransition(t, command, actor, expectedVersion);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.code).toBe(code);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });

  it('the version check only refuses a stale version, not a current one', () => {
    expect(decideTaskTransition(task('claimed', 'ann', 7), complete, member(), 7).ok).toBe(true);
    expect(decideTaskTransition(task('claimed', 'ann', 7), complete, member(), 6).ok).toBe(false);
  });

  it('two decisions from the same snapshot cannot both be applied: the loser is refused by version', () => {
    const start = task('ready', null, 1);
    const a = decideTaskTransition(start, { op: 'claim' }, member('ann'), 1);
    expect(a.ok).toBe(true);
    const afterA = a.ok ? a.next : start;
    const b = decideTaskTransition(afterA, { op: 'claim' }, member('bob'), 1);
    expect(b).toMatchObject({ ok: false, code: 'conflict' });
  });
});

describe('availableOperations', () => {
  it('offers claim and comment to a member looking at a ready task', () => {
    expect(availableOperations(task('ready'), member())).toEqual(['claim', 'comment']);
  });
  it('offers release, complete and comment to the assignee', () => {
    expect(availableOperations(task('claimed', 'ann'), member())).toEqual([
      'release',
      'complete',
      'comment',
    ]);
  });
  it('offers release, reassign, cancel and comment to the group supervisor of a claimed task', () => {
    expect(availableOperations(task('claimed', 'ann'), supervisor)).toEqual([
      'release',
      'reassign',
      'cancel',
      'comment',
    ]);
  });
  it('offers nothing but comment on a completed task', () => {
    expect(availableOperations(task('completed', 'ann'), member())).toEqual(['comment']);
  });
  it('offers nothing to an outsider', () => {
    expect(availableOperations(task('ready'), outsider)).toEqual([]);
  });
});

describe('taking a task from the person who holds it', () => {
  it('a supervisor releasing someone else’s task must say why; the holder is told', () => {
    const bare = decideTaskTransition(task('claimed', 'ann'), { op: 'release' }, supervisor);
    expect(bare).toMatchObject({ ok: false, code: 'validation', field: 'reason' });
    const blank = decideTaskTransition(
      task('claimed', 'ann'),
      { op: 'release', reason: '   ' },
      supervisor,
    );
    expect(blank).toMatchObject({ ok: false, field: 'reason' });
    const d = decideTaskTransition(
      task('claimed', 'ann'),
      { op: 'release', reason: 'Ann is on leave' },
      supervisor,
    );
    expect(d.ok && d.effects).toContainEqual({
      type: 'notify_former_assignee',
      userId: 'ann',
      reason: 'released',
    });
  });

  it('releasing one’s own task needs no reason and tells no one', () => {
    const d = decideTaskTransition(task('claimed', 'ann'), { op: 'release' }, member());
    expect(d.ok).toBe(true);
    expect(d.ok && d.effects.map((e) => e.type)).toEqual(['audit', 'reset_reminder']);
  });

  it('a reassignment tells the former holder as well as the new one', () => {
    const d = decideTaskTransition(
      task('claimed', 'ann'),
      { op: 'reassign', toUserId: 'bob' },
      supervisor,
    );
    expect(d.ok && d.effects).toEqual([
      { type: 'audit', action: 'task.reassigned' },
      { type: 'reset_reminder' },
      { type: 'notify_assignee', userId: 'bob', reason: 'assignment' },
      { type: 'notify_former_assignee', userId: 'ann', reason: 'reassigned' },
    ]);
    const fromQueue = decideTaskTransition(
      task('ready'),
      { op: 'reassign', toUserId: 'bob' },
      supervisor,
    );
    expect(fromQueue.ok && fromQueue.effects.map((e) => e.type)).not.toContain(
      'notify_former_assignee',
    );
  });
});
