import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { listCaseEventsInChainOrder } from '../../lib/data/case-as-of';
import { replayCase, selectEvents, type CaseSnapshot } from '../../lib/domain/case-as-of';
import { getCaseAsOf } from '../../lib/use-cases/case-as-of';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { liveSnapshot } from '../helpers/case-as-of-live';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * The demo seed writes its history with the product's own audit payloads, so every seeded case
 * rebuilds from its events to exactly what its rows hold (issue 16, point 5).
 */

let t: TestDb;
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: T0 });
  useDatabaseForTests(t);
});
afterAll(async () => {
  await t?.close();
});

async function admin() {
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, 'admin@example.com'));
  return (await loadUserActor(t.db, u!.id))!;
}
const eventsOf = (caseId: string) =>
  t.db
    .select()
    .from(s.auditEvents)
    .where(eq(s.auditEvents.caseId, caseId))
    .orderBy(asc(s.auditEvents.chainSeq));

async function view(caseId: string, moment: { event: string } | { at: string }) {
  const r = await getCaseAsOf(t.db, await admin(), caseId, moment);
  if (r.mode !== 'view') throw new Error('expected a view');
  return r;
}

/**
 * The live state, with the case's routing as the events know it where the tables do not keep it:
 * the live helper reads it off the first task, but a case paid straight through has no task and
 * a case whose validation failed was never routed.
 */
function expectedOf(live: CaseSnapshot, actions: string[], replayed: CaseSnapshot): CaseSnapshot {
  if (live.routing?.ruleId) return live;
  if (!actions.includes('case.routed')) return { ...live, routing: null };
  expect(live.tasks).toEqual([]);
  expect(replayed.routing?.ruleName).toBe('Payout up to 5,000');
  return { ...live, routing: replayed.routing };
}

describe('every seeded demo case replays from its audit events', () => {
  it('rebuilds each case to its live rows, now and as of its last event', async () => {
    const cases = await t.db.select().from(s.cases).orderBy(asc(s.cases.reference));
    expect(cases).toHaveLength(40);
    for (const c of cases) {
      const events = await eventsOf(c.id);
      const actions = events.map((e) => e.action);
      // Chain order is time order, so a view as of a time never mixes two moments.
      const times = events.map((e) => e.occurredAt.getTime());
      expect(times, c.reference).toEqual([...times].sort((a, b) => a - b));
      expect(actions[0], c.reference).toBe('case.opened');

      const now = await view(c.id, { at: T0.toISOString() });
      expect(now.unknownActions, c.reference).toEqual([]);
      expect(now.view.eventCount, c.reference).toBe(events.length);
      const live = await liveSnapshot(t.db, c.id, T0);
      expect(now.view.snapshot, c.reference).toEqual(expectedOf(live, actions, now.view.snapshot));

      const last = events.at(-1)!;
      const atLast = await view(c.id, { event: String(last.id) });
      const liveThen = await liveSnapshot(t.db, c.id, last.occurredAt);
      expect(atLast.view.snapshot, `${c.reference} as of ${last.action}`).toEqual(
        expectedOf(liveThen, actions, atLast.view.snapshot),
      );
    }
  });

  it('knows, right after every event, each task the case has by then as it was created', async () => {
    const cases = await t.db.select().from(s.cases);
    for (const c of cases) {
      const events = await listCaseEventsInChainOrder(t.db, c.id);
      const live = await liveSnapshot(t.db, c.id, T0);
      // What a task never changes after its creation; the rest is checked above at the end.
      const fixed = (x: CaseSnapshot['tasks'][number]) => ({
        id: x.id,
        name: x.name,
        stepKey: x.stepKey,
        priority: x.priority,
        dueAt: x.dueAt,
        dueSoonAt: x.dueSoonAt,
        routing: x.routing,
      });
      for (const e of events) {
        const sel = selectEvents(events, { eventId: e.id })!;
        const snap = replayCase(c.id, sel.events, sel.moment);
        expect(snap.reference, `${c.reference} after ${e.action}`).toBe(c.reference);
        expect(snap.tasks.map(fixed), `${c.reference} after ${e.action}`).toEqual(
          live.tasks.slice(0, snap.tasks.length).map(fixed),
        );
      }
    }
  });

  it('shows a closed approved case as it stood when its adjuster approved it', async () => {
    const closed = await t.db
      .select()
      .from(s.cases)
      .where(eq(s.cases.resolution, 'approved'))
      .orderBy(asc(s.cases.reference));
    let checked = 0;
    for (const c of closed) {
      const events = await eventsOf(c.id);
      const approval = events.find(
        (e) => e.action === 'task.completed' && e.after?.outcome === 'approve',
      );
      if (!approval) continue; // paid straight through: nobody approved it
      const r = await view(c.id, { event: String(approval.id) });
      const s0 = r.view.snapshot;
      expect(s0.status, c.reference).toBe('open');
      expect(s0.resolution).toBeNull();
      const task = s0.tasks.find((x) => x.id === approval.taskId)!;
      expect(task).toMatchObject({
        status: 'completed',
        outcome: 'approve',
        completedById: approval.actorId,
        completedAt: approval.occurredAt.toISOString(),
        sla: 'met',
      });
      const amount = (task.outcomeData as { payoutAmount: number }).payoutAmount;
      // The approval's change: the approved amount is on the case, the payment not yet made.
      expect(s0.data.approvedPayout).toBe(amount);
      expect(s0.data.recommendedPayout).toBe(c.data.recommendedPayout);
      expect(s0.data.paymentId).toBeUndefined();
      expect(c.data.paymentId).toMatch(/^PAY-/);
      // Right before it: the task still held by the adjuster, due and on time.
      const before = events[events.indexOf(approval) - 1]!;
      const b = (await view(c.id, { event: String(before.id) })).view.snapshot;
      expect(b.tasks.find((x) => x.id === approval.taskId)).toMatchObject({
        status: 'claimed',
        assigneeId: approval.actorId,
        outcome: null,
        sla: 'on_time',
      });
      expect(b.data.approvedPayout).toBeUndefined();
      checked++;
    }
    expect(checked).toBe(6);
  });
});
