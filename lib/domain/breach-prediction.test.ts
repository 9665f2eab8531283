import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, makeCalendar } from './business-calendar';
import { WorkTimeline } from './breach-prediction-timeline';
import { applyMoves, suggestRebalance } from './breach-prediction-rebalance';
import {
  FALLBACK_STATS,
  NO_CAPACITY_MINUTES,
  percentile,
  predictQueue,
  riskOf,
  stepStatsFor,
  type PredictionInput,
  type PredictPerson,
  type PredictTask,
  type StepStats,
} from './breach-prediction';

const cal = makeCalendar({
  timeZone: 'America/New_York',
  workingHours: Object.fromEntries(
    ['1', '2', '3', '4', '5'].map((x) => [x, [{ start: '09:00', end: '17:00' }]]),
  ),
  holidays: ['2026-11-26'],
});
const NOW = new Date('2026-11-24T14:00:00Z'); // Tuesday 09:00 New York
const MIN = 60_000;
const inMin = (m: number) => new Date(NOW.getTime() + m * MIN);
const stats = new Map<string, StepStats>([
  ['ct:review', { workMedian: 60, workP90: 120, samples: 50 }],
  ['ct:approve', { workMedian: 30, workP90: 45, samples: 50 }],
]);

function task(id: string, over: Partial<PredictTask> = {}): PredictTask {
  return {
    id,
    status: 'ready',
    assigneeId: null,
    statsKey: 'ct:review',
    priority: 'normal',
    dueAt: inMin(8 * 60),
    createdAt: new Date(NOW.getTime() - 3_600_000),
    claimedAt: null,
    ...over,
  };
}
const person = (id: string, over: Partial<PredictPerson> = {}): PredictPerson => ({
  id,
  available: true,
  busyMinutes: 0,
  ...over,
});
const input = (tasks: PredictTask[], people: PredictPerson[]): PredictionInput => ({
  now: NOW,
  calendar: cal,
  tasks,
  people,
  stats,
});
const byId = (ps: ReturnType<typeof predictQueue>) => new Map(ps.map((p) => [p.taskId, p]));

describe('predictQueue', () => {
  it('schedules held work first, then the queue to whoever is free first', () => {
    const ps = byId(
      predictQueue(
        input(
          [
            task('held', { status: 'claimed', assigneeId: 'a', claimedAt: NOW }),
            task('q1', { dueAt: inMin(100) }),
            task('q2', { dueAt: inMin(200) }),
          ],
          [person('a'), person('b')],
        ),
      ),
    );
    expect(ps.get('held')).toMatchObject({ workerId: 'a', predictedDoneAt: inMin(60) });
    expect(ps.get('q1')).toMatchObject({ workerId: 'b', predictedDoneAt: inMin(60) });
    expect(ps.get('q2')).toMatchObject({ workerId: 'a', predictedDoneAt: inMin(120) });
  });

  it('flags a task whose median prediction is past its due time, with its lateness', () => {
    const ps = byId(
      predictQueue(
        input([task('a', { dueAt: inMin(240) }), task('b', { dueAt: inMin(90) })], [person('p')]),
      ),
    );
    // b goes first (earlier due): done at 60, due at 90 → between median and p90 → not at risk.
    expect(ps.get('b')).toMatchObject({ latenessMinutes: -30, atRisk: false });
    expect(ps.get('b')!.risk).toBeGreaterThan(0.1);
    expect(ps.get('a')).toMatchObject({ latenessMinutes: -120, atRisk: false });
    const tight = byId(predictQueue(input([task('x', { dueAt: inMin(30) })], [person('p')])));
    expect(tight.get('x')).toMatchObject({ latenessMinutes: 30, atRisk: true });
  });

  it('counts lateness in working minutes across the night', () => {
    // Due at 16:30, five hours of work before it: done at 10:00 the next working day.
    const ps = byId(
      predictQueue(
        input(
          [
            task('first', { statsKey: 'ct:long', dueAt: inMin(60) }),
            task('late', { dueAt: inMin(450) }),
          ],
          [person('p')],
        ),
      ),
    );
    expect(ps.get('late')!.predictedDoneAt.toISOString()).toBe('2026-11-24T16:00:00.000Z');
    const long = byId(
      predictQueue({
        ...input([task('x', { dueAt: inMin(450) })], [person('p', { busyMinutes: 480 })]),
      }),
    );
    // 480 busy + 60 → 540 working minutes: Wednesday 10:00 (the 26th is a holiday, not reached).
    expect(long.get('x')!.predictedDoneAt.toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(long.get('x')!.latenessMinutes).toBe(90);
  });

  it('gives an overdue task risk 1 and nobody → the no-capacity horizon', () => {
    const ps = byId(
      predictQueue(
        input(
          [task('o', { dueAt: new Date(NOW.getTime() - 86_400_000) }), task('n', { dueAt: null })],
          [person('away', { available: false })],
        ),
      ),
    );
    expect(ps.get('o')).toMatchObject({ risk: 1, atRisk: true, workerId: null });
    expect(ps.get('n')).toMatchObject({ risk: 0, atRisk: false, latenessMinutes: 0 });
    expect(ps.get('n')!.predictedDoneAt.getTime()).toBe(
      predictQueue(input([task('n', { dueAt: null })], []))[0]!.predictedDoneAt.getTime(),
    );
  });

  it('puts work held by someone out of office back in the queue', () => {
    const ps = byId(
      predictQueue(
        input(
          [task('h', { status: 'claimed', assigneeId: 'away', claimedAt: NOW })],
          [person('away', { available: false }), person('b')],
        ),
      ),
    );
    expect(ps.get('h')!.workerId).toBe('b');
  });

  it('counts the work already done on a held task', () => {
    const ps = predictQueue(
      input(
        [task('h', { status: 'claimed', assigneeId: 'a', claimedAt: inMin(-45) })],
        [person('a')],
      ),
    );
    // Claimed at 08:15 on a 09:00 calendar: no working minute done yet… so a full hour.
    expect(ps[0]!.predictedDoneAt).toEqual(inMin(60));
    const later = predictQueue({
      ...input(
        [task('h', { status: 'claimed', assigneeId: 'a', claimedAt: inMin(0) })],
        [person('a')],
      ),
      now: inMin(45),
    });
    expect(later[0]!.predictedDoneAt).toEqual(inMin(60));
  });
});

describe('stepStatsFor / riskOf / percentile', () => {
  it('falls back without history and blends thin history', () => {
    expect(stepStatsFor('none', stats)).toEqual(FALLBACK_STATS);
    const thin = new Map([['k', { workMedian: 10, workP90: 20, samples: 1 }]]);
    const s = stepStatsFor('k', thin);
    expect(s.workMedian).toBeGreaterThan(10);
    expect(s.workMedian).toBeLessThan(FALLBACK_STATS.workMedian);
    expect(s.workP90).toBeGreaterThanOrEqual(s.workMedian);
  });
  it('risk rises as the due time comes before the predictions', () => {
    expect(riskOf(0, 10, 20)).toBe(1);
    expect(riskOf(300, 100, 200)).toBeLessThan(0.1);
    expect(riskOf(150, 100, 200)).toBeCloseTo(0.3);
    expect(riskOf(100, 100, 200)).toBe(0.5);
    expect(riskOf(50, 100, 200)).toBeGreaterThan(0.5);
  });
  it('interpolates percentiles like percentile_cont', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });
});

describe('suggestRebalance', () => {
  it('moves work from an overloaded person to one with slack, and says before → after', () => {
    const tasks = [
      task('a1', { status: 'claimed', assigneeId: 'a', claimedAt: NOW, dueAt: inMin(70) }),
      task('a2', { status: 'claimed', assigneeId: 'a', claimedAt: NOW, dueAt: inMin(90) }),
      task('a3', { status: 'claimed', assigneeId: 'a', claimedAt: NOW, dueAt: inMin(100) }),
    ];
    const r = suggestRebalance(input(tasks, [person('a'), person('b'), person('c')]));
    expect(r.before).toBe(2);
    expect(r.after).toBe(0);
    expect(r.moves).toHaveLength(2);
    for (const m of r.moves) expect(m.fromId).toBe('a');
    expect(new Set(r.moves.map((m) => m.toId))).toEqual(new Set(['b', 'c']));
    // The suggestion's own prediction is the prediction of the moved assignment.
    expect(r.after).toBe(
      predictQueue(
        input(applyMoves(tasks, r.moves), [person('a'), person('b'), person('c')]),
      ).filter((p) => p.atRisk).length,
    );
  });
  it('suggests nothing when no move saves a breach', () => {
    const r = suggestRebalance(input([task('x', { dueAt: inMin(10) })], [person('a')]));
    expect(r).toMatchObject({ moves: [], before: 1, after: 1 });
  });
});

// Property tests: a random group and queue.
const ids = ['p0', 'p1', 'p2', 'p3'];
const arbTask = (i: number) =>
  fc
    .record({
      status: fc.constantFrom('ready' as const, 'claimed' as const),
      assigneeId: fc.option(fc.constantFrom(...ids), { nil: null }),
      statsKey: fc.constantFrom('ct:review', 'ct:approve', 'ct:unknown'),
      priority: fc.constantFrom(
        'low' as const,
        'normal' as const,
        'high' as const,
        'urgent' as const,
      ),
      dueIn: fc.option(fc.integer({ min: -3000, max: 6000 }), { nil: null }),
      claimedAgo: fc.integer({ min: 0, max: 600 }),
    })
    .map((r): PredictTask => ({
      id: `t${String(i).padStart(3, '0')}`,
      status: r.status,
      assigneeId: r.status === 'claimed' ? (r.assigneeId ?? 'p0') : null,
      statsKey: r.statsKey,
      priority: r.priority,
      dueAt: r.dueIn === null ? null : inMin(r.dueIn),
      createdAt: inMin(-1000 + i),
      claimedAt: r.status === 'claimed' ? inMin(-r.claimedAgo) : null,
    }));
const arbTasks = fc
  .integer({ min: 0, max: 25 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbTask(i))));
const arbPeople = fc
  .tuple(
    ...ids.map(() =>
      fc.record({ available: fc.boolean(), busy: fc.integer({ min: 0, max: 900 }) }),
    ),
  )
  .map((ps) => ps.map((p, i) => person(ids[i]!, { available: p.available, busyMinutes: p.busy })));

describe('predictQueue properties', () => {
  it('never predicts before now, risk in [0, 1], one prediction per task', () => {
    fc.assert(
      fc.property(arbTasks, arbPeople, (tasks, people) => {
        const ps = predictQueue(input(tasks, people));
        expect(ps).toHaveLength(tasks.length);
        for (const p of ps) {
          expect(p.predictedDoneAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
          expect(p.risk).toBeGreaterThanOrEqual(0);
          expect(p.risk).toBeLessThanOrEqual(1);
          expect(p.atRisk).toBe(p.risk >= 0.5);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('adding capacity (a free person) never makes any task later', () => {
    fc.assert(
      fc.property(arbTasks, arbPeople, (tasks, people) => {
        const before = byId(predictQueue(input(tasks, people)));
        const after = predictQueue(input(tasks, [...people, person('extra')]));
        for (const p of after) {
          expect(p.latenessMinutes).toBeLessThanOrEqual(before.get(p.taskId)!.latenessMinutes);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('more load (busy minutes elsewhere, or one more queued task last) never makes a task earlier', () => {
    fc.assert(
      fc.property(arbTasks, arbPeople, fc.integer({ min: 1, max: 500 }), (tasks, people, extra) => {
        const before = byId(predictQueue(input(tasks, people)));
        const busier = people.map((p, i) =>
          i === 0 ? { ...p, busyMinutes: p.busyMinutes + extra } : p,
        );
        const more = [...tasks, task('zzz', { priority: 'low', dueAt: null, createdAt: inMin(0) })];
        for (const after of [
          predictQueue(input(tasks, busier)),
          predictQueue(input(more, people)),
        ]) {
          for (const p of after) {
            if (p.taskId === 'zzz') continue;
            expect(p.predictedDoneAt.getTime()).toBeGreaterThanOrEqual(
              before.get(p.taskId)!.predictedDoneAt.getTime(),
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a rebalancing never reports more breaches after than before, and its after is real', () => {
    fc.assert(
      fc.property(arbTasks, arbPeople, (tasks, people) => {
        const r = suggestRebalance(input(tasks, people), { maxMoves: 3, maxCandidates: 4 });
        expect(r.after).toBeLessThanOrEqual(r.before);
        const again = predictQueue(input(applyMoves(tasks, r.moves), people));
        expect(again.filter((p) => p.atRisk).length).toBe(r.after);
        for (const m of r.moves) expect(people.find((p) => p.id === m.toId)?.available).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('caps the no-capacity horizon', () => {
    const ps = predictQueue(input([task('x')], []));
    expect(ps[0]!.latenessMinutes).toBeLessThanOrEqual(NO_CAPACITY_MINUTES);
  });
});

describe('WorkTimeline', () => {
  it('agrees with addBusinessMinutes and businessMinutesBetween', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 60 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (offset, minutes, until) => {
          const origin = new Date(NOW.getTime() + offset * MIN);
          const tl = new WorkTimeline(origin, cal);
          expect(tl.at(minutes)).toEqual(addBusinessMinutes(origin, minutes, cal));
          const t = new Date(origin.getTime() + until * MIN);
          expect(tl.minutesUntil(t)).toBeCloseTo(businessMinutesBetween(origin, t, cal), 6);
        },
      ),
      { numRuns: 100 },
    );
  });
});
