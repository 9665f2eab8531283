import { describe, expect, it } from 'vitest';
import {
  diffSnapshots,
  replayCase,
  selectEvents,
  slaStateAt,
  unknownActions,
  type AsOfEvent,
} from './case-as-of';

const CASE = '11111111-1111-4111-8111-111111111111';
const TASK = '22222222-2222-4222-8222-222222222222';
const ADA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const GROUP = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

let n = 0;
function ev(at: string, action: string, e: Partial<AsOfEvent> = {}): AsOfEvent {
  n++;
  return {
    id: n * 10,
    seq: n,
    occurredAt: new Date(at),
    action,
    actorType: 'system',
    actorId: 'engine',
    actorLabel: 'system:engine',
    taskId: null,
    entityId: null,
    summary: '',
    before: null,
    after: null,
    metadata: {},
    ...e,
  };
}

const history = (() => {
  n = 0;
  return [
    ev('2026-03-02T09:00:00Z', 'case.opened', {
      after: { reference: 'CLM-2026-000001', priority: 'normal', data: { damageEstimate: 12000 } },
    }),
    ev('2026-03-02T09:00:00Z', 'step.succeeded', {
      metadata: { result: { recommendedPayout: 11500 }, patch: { recommendedPayout: 11500 } },
    }),
    ev('2026-03-02T09:00:00Z', 'case.routed', {
      metadata: {
        ruleId: 'r1',
        ruleVersion: 2,
        decision: { rule: { id: 'r1', version: 2, name: 'Mid' }, priority: 'high' },
      },
    }),
    ev('2026-03-02T09:00:00Z', 'task.created', {
      taskId: TASK,
      after: {
        status: 'ready',
        name: 'Adjuster review',
        stepKey: 'adjuster-review',
        candidateGroupId: GROUP,
        assigneeId: null,
        priority: 'high',
        dueAt: '2026-03-04T09:00:00.000Z',
        dueSoonAt: '2026-03-04T07:00:00.000Z',
      },
      metadata: { ruleId: 'r1', ruleVersion: 2, ruleName: 'Mid' },
    }),
    ev('2026-03-02T10:00:00Z', 'task.claimed', {
      taskId: TASK,
      actorType: 'user',
      actorId: ADA,
      after: { status: 'claimed', assigneeId: ADA, version: 2 },
    }),
    ev('2026-03-02T11:00:00Z', 'comment.added', {
      taskId: TASK,
      entityId: 'c1',
      actorType: 'user',
      actorId: ADA,
      after: { body: 'Looks fine' },
    }),
    ev('2026-03-05T10:00:00Z', 'task.escalated', {
      taskId: TASK,
      actorId: 'scheduler',
      after: { escalationLevel: 1, assigneeId: BOB, candidateGroupId: GROUP, status: 'claimed' },
    }),
    ev('2026-03-05T12:00:00Z', 'task.completed', {
      taskId: TASK,
      actorType: 'user',
      actorId: BOB,
      after: {
        status: 'completed',
        assigneeId: BOB,
        outcome: 'approve',
        outcomeData: { payoutAmount: 11500 },
      },
    }),
    ev('2026-03-05T12:00:00Z', 'payout.approved', { after: { approvedPayout: 11500 } }),
    ev('2026-03-05T12:00:00Z', 'step.queued'),
    ev('2026-03-05T12:00:00Z', 'step.succeeded', {
      metadata: { result: { paymentId: 'PAY-1', amount: 11500 }, patch: { paymentId: 'PAY-1' } },
    }),
    ev('2026-03-05T12:00:00Z', 'case.closed', {
      after: { status: 'closed', resolution: 'approved' },
    }),
  ];
})();

const asOf = (at: string) => {
  const sel = selectEvents(history, { at: new Date(at) })!;
  return replayCase(CASE, sel.events, sel.moment);
};

describe('replayCase', () => {
  it('rebuilds the case right after intake: data, routing rule version, the routed task on time', () => {
    const s = asOf('2026-03-02T09:30:00Z');
    expect(s).toMatchObject({
      reference: 'CLM-2026-000001',
      status: 'open',
      priority: 'high',
      data: { damageEstimate: 12000, recommendedPayout: 11500 },
      routing: { ruleId: 'r1', ruleVersion: 2, ruleName: 'Mid' },
      comments: [],
    });
    expect(s.tasks).toEqual([
      expect.objectContaining({
        status: 'ready',
        assigneeId: null,
        sla: 'on_time',
        escalationLevel: 0,
      }),
    ]);
  });

  it('reads the SLA clock at the moment: due soon, then overdue, then met or missed once done', () => {
    expect(asOf('2026-03-04T08:00:00Z').tasks[0]!.sla).toBe('due_soon');
    expect(asOf('2026-03-04T09:00:00Z').tasks[0]!.sla).toBe('overdue');
    expect(asOf('2026-03-06T00:00:00Z').tasks[0]!.sla).toBe('missed');
    expect(
      slaStateAt(new Date('2026-03-10T00:00:00Z'), {
        status: 'completed',
        dueAt: '2026-03-04T09:00:00.000Z',
        dueSoonAt: null,
        completedAt: '2026-03-04T08:59:59.000Z',
      }),
    ).toBe('met');
  });

  it('follows the claim, the comment, the escalation and the decision', () => {
    expect(asOf('2026-03-02T10:30:00Z').tasks[0]).toMatchObject({
      status: 'claimed',
      assigneeId: ADA,
    });
    expect(asOf('2026-03-02T11:00:00Z').comments).toEqual([
      {
        id: 'c1',
        taskId: TASK,
        authorId: ADA,
        body: 'Looks fine',
        createdAt: '2026-03-02T11:00:00.000Z',
      },
    ]);
    expect(asOf('2026-03-05T11:00:00Z').tasks[0]).toMatchObject({
      assigneeId: BOB,
      escalationLevel: 1,
    });
    const closed = asOf('2026-03-05T12:00:00Z');
    expect(closed).toMatchObject({
      status: 'closed',
      resolution: 'approved',
      data: { approvedPayout: 11500, paymentId: 'PAY-1' },
    });
    expect(closed.tasks[0]).toMatchObject({
      status: 'completed',
      outcome: 'approve',
      outcomeData: { payoutAmount: 11500 },
      completedById: BOB,
      completedAt: '2026-03-05T12:00:00.000Z',
    });
  });

  it('keeps step results that were never merged out of the data of older events', () => {
    const [opened] = history;
    const old = ev('2026-03-02T09:00:00Z', 'step.succeeded', {
      metadata: { result: { valid: true } },
    });
    expect(replayCase(CASE, [opened!, old], new Date('2026-03-10T00:00:00Z')).data).toEqual({
      damageEstimate: 12000,
    });
  });
});

describe('selectEvents', () => {
  it('takes an event with the rest of its change (one use-case, one time)', () => {
    const sel = selectEvents(history, { eventId: history[7]!.id })!;
    expect(sel.events.at(-1)!.action).toBe('case.closed');
    expect(sel.moment).toEqual(new Date('2026-03-05T12:00:00Z'));
  });

  it('stops a time at the first event after it, even if a later-committed one is stamped earlier', () => {
    const odd = [
      ...history.slice(0, 4),
      { ...history[4]!, occurredAt: new Date('2026-03-02T08:00:00Z') },
    ];
    const sel = selectEvents(odd, { at: new Date('2026-03-02T08:30:00Z') })!;
    expect(sel.events).toHaveLength(0);
  });

  it('is null for an event of another case, and empty before the case opened', () => {
    expect(selectEvents(history, { eventId: 999_999 })).toBeNull();
    expect(selectEvents(history, { at: new Date('2020-01-01T00:00:00Z') })!.events).toEqual([]);
  });
});

describe('diffSnapshots', () => {
  it('lists what changed in words a reader can follow', () => {
    const changes = diffSnapshots(asOf('2026-03-02T09:30:00Z'), asOf('2026-03-05T12:00:00Z'));
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          scope: 'case',
          field: 'status',
          before: 'open',
          after: 'closed',
        }),
        expect.objectContaining({
          scope: 'case',
          field: 'data.approvedPayout',
          before: undefined,
          after: 11500,
        }),
        expect.objectContaining({
          scope: 'task',
          field: 'assigneeId',
          kind: 'user',
          before: null,
          after: BOB,
        }),
        expect.objectContaining({
          scope: 'task',
          field: 'sla',
          before: 'on_time',
          after: 'missed',
        }),
        expect.objectContaining({
          scope: 'comment',
          after: 'Looks fine',
          taskName: 'Adjuster review',
        }),
      ]),
    );
    expect(diffSnapshots(asOf('2026-03-03T00:00:00Z'), asOf('2026-03-03T00:00:00Z'))).toEqual([]);
  });

  it('reports actions it does not know instead of taking them as no change', () => {
    expect(unknownActions([...history, ev('2026-03-06T00:00:00Z', 'case.renamed')])).toEqual([
      'case.renamed',
    ]);
    expect(unknownActions(history)).toEqual([]);
  });
});
