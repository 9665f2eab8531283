import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, request } from '../helpers/http';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { pickAssignee, resolveDelegate } from '../../lib/data/assignment';
import { addBusinessDays, makeCalendar } from '../../lib/domain/business-calendar';
import { failNextPayments } from '../../lib/engine/billing-simulator';
import { stepHandlers } from '../../lib/engine/handlers';
import { expireWaits } from '../../lib/use-cases/expire-waits';
import { retryDueSteps } from '../../lib/use-cases/retry-due-steps';
import { completeTask } from '../../lib/use-cases/complete-task';
import { claimTask } from '../../lib/use-cases/claim-task';
import { standardCalendar, standardHolidays } from '../../scripts/seed/auto-claim-policies';
import { createTestDb, type TestDb } from '../helpers/test-db';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as caseRoute from '../../app/api/v1/cases/[id]/route';
import * as eventsRoute from '../../app/api/v1/cases/[id]/events/route';

const TOKEN = 'demo-intake-token';
const cal = makeCalendar({
  ...standardCalendar,
  holidays: standardHolidays(new Date()).map((h) => h.day),
});
let t: TestDb;
let seq = 0;

beforeAll(async () => {
  t = await createTestDb({ max: 25 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
});
afterAll(async () => {
  await t?.close();
});

const today = new Date().toISOString().slice(0, 10);
function claim(overrides: Record<string, unknown> = {}) {
  return {
    policyNumber: 'POL-123456',
    claimant: { name: `Ada Byron ${++seq}`, email: 'ada@example.com' },
    incidentDate: today,
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    ...overrides,
  };
}

async function open(data: unknown, key = `key-${Math.random()}`, caseType = 'auto-claim') {
  return call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: TOKEN,
      headers: { 'idempotency-key': key },
      body: { caseType, data },
    }),
    {},
  );
}

async function actor(email: string) {
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, email));
  return (await loadUserActor(t.db, u!.id))!;
}

async function openTasks(caseId: string) {
  return t.db
    .select()
    .from(s.tasks)
    .where(and(eq(s.tasks.caseId, caseId), inArray(s.tasks.status, ['ready', 'claimed'])));
}

async function work(
  email: string,
  taskId: string,
  outcome: string,
  data: Record<string, unknown> = {},
) {
  const a = await actor(email);
  const claimed = await claimTask(t.db, a, { taskId });
  return completeTask(t.db, a, { taskId, outcome, data, expectedVersion: claimed.version });
}

async function getCase(id: string) {
  const [c] = await t.db.select().from(s.cases).where(eq(s.cases.id, id));
  return c!;
}

describe('intake: POST /api/v1/cases', () => {
  it('opens the brief’s example claim: Adjuster review for Claims adjusters, due in 2 business days, routed by a named rule', async () => {
    const res = await open(claim());
    expect(res.status).toBe(201);
    const c = res.body.case;
    expect(c.reference).toMatch(/^CLM-\d{4}-\d{6}$/);
    expect(c.status).toBe('open');
    expect(c.data.recommendedPayout).toBe(11500);
    expect(c.tasks).toHaveLength(1);
    const task = c.tasks[0];
    expect(task).toMatchObject({
      name: 'Adjuster review',
      status: 'ready',
      group: { key: 'claims-adjusters', name: 'Claims adjusters' },
      assignee: null,
    });
    expect(task.routing).toMatchObject({
      ruleName: 'Payout 5,001–50,000',
      ruleVersion: 1,
      summary: 'Routed to Claims adjusters by rule "Payout 5,001–50,000" v1',
    });
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task.id));
    expect(new Date(task.dueAt).toISOString()).toBe(
      addBusinessDays(row!.createdAt, 2, cal).toISOString(),
    );
    const timeline = await t.db
      .select({ action: s.auditEvents.action })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, c.id))
      .orderBy(s.auditEvents.id);
    expect(timeline.map((e) => e.action)).toEqual([
      'case.opened',
      'step.succeeded',
      'step.succeeded',
      'case.routed',
      'task.created',
    ]);
  });

  it('the same key returns the same case; the same key with another body is a 409', async () => {
    const body = claim();
    const first = await open(body, 'same-key-1');
    const again = await open(body, 'same-key-1');
    expect(again.status).toBe(201);
    expect(again.body.case.id).toBe(first.body.case.id);
    const other = await open({ ...body, damageEstimate: 13000 }, 'same-key-1');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    const [n] = await t.db
      .select({ n: count() })
      .from(s.cases)
      .where(eq(s.cases.title, body.claimant.name));
    expect(n!.n).toBe(1);
  });

  it('20 concurrent requests with one idempotency key make exactly one case', async () => {
    const body = claim();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => open(body, 'concurrent-key')),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.case.id)).size).toBe(1);
    const [n] = await t.db
      .select({ n: count() })
      .from(s.cases)
      .where(eq(s.cases.title, body.claimant.name));
    expect(n!.n).toBe(1);
    const [tasksN] = await t.db
      .select({ n: count() })
      .from(s.tasks)
      .where(eq(s.tasks.caseId, results[0]!.body.case.id));
    expect(tasksN!.n).toBe(1);
  });

  it('bad input is a 400 naming each bad field, and nothing is written', async () => {
    const before = await t.db.select({ n: count() }).from(s.cases);
    const res = await open({
      ...claim(),
      damageEstimate: 'lots',
      claimant: { name: '', email: 'not-an-email' },
      incidentDate: '2026-13-45',
      fraudScore: 3,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      'data.claimant.email',
      'data.claimant.name',
      'data.damageEstimate',
      'data.fraudScore',
      'data.incidentDate',
    ]);
    const missing = await open({});
    expect(Object.keys(missing.body.error.fields)).toContain('data.policyNumber');
    expect(await t.db.select({ n: count() }).from(s.cases)).toEqual(before);
  });

  it('an unknown case type is a 422; a missing Idempotency-Key or malformed JSON a 400', async () => {
    const unknown = await open(claim(), 'k-unknown', 'boat-claim');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toEqual({ caseType: 'is not a known case type' });
    const noKey = await call(
      casesRoute.POST,
      request('POST', '/api/v1/cases', {
        bearer: TOKEN,
        body: { caseType: 'auto-claim', data: claim() },
      }),
      {},
    );
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.fields).toHaveProperty('Idempotency-Key');
    const badJson = await call(
      casesRoute.POST,
      request('POST', '/api/v1/cases', {
        bearer: TOKEN,
        headers: { 'idempotency-key': 'x' },
        body: '{"caseType":',
      }),
      {},
    );
    expect(badJson.status).toBe(400);
  });

  it('a crash mid-advance leaves no half-opened case, and the key is not burned', async () => {
    const original = stepHandlers['calculate-payout']!;
    stepHandlers['calculate-payout'] = {
      external: false,
      run: () => {
        throw new Error('simulated crash inside the transaction');
      },
    };
    const body = claim();
    const counterBefore = await t.db.select().from(s.referenceCounters);
    try {
      const res = await open(body, 'crash-key');
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain('simulated crash');
    } finally {
      stepHandlers['calculate-payout'] = original;
    }
    expect(
      await t.db.select().from(s.cases).where(eq(s.cases.title, body.claimant.name)),
    ).toHaveLength(0);
    expect(
      await t.db.select().from(s.idempotencyKeys).where(eq(s.idempotencyKeys.key, 'crash-key')),
    ).toHaveLength(0);
    expect(await t.db.select().from(s.referenceCounters)).toEqual(counterBefore);
    const retry = await open(body, 'crash-key');
    expect(retry.status).toBe(201);
    expect(retry.body.case.tasks[0].name).toBe('Adjuster review');
  });

  it('reads a case with its tasks and history, and lists cases with cursor pagination', async () => {
    const opened = (await open(claim())).body.case;
    const one = await call(
      caseRoute.GET,
      request('GET', `/api/v1/cases/${opened.id}`, { bearer: TOKEN }),
      { id: opened.id },
    );
    expect(one.status).toBe(200);
    expect(one.body.history.map((e: { action: string }) => e.action)).toContain('case.routed');
    const page1 = await call(
      casesRoute.GET,
      request('GET', '/api/v1/cases?limit=5&type=auto-claim', { bearer: TOKEN }),
      {},
    );
    expect(page1.body.cases).toHaveLength(5);
    const page2 = await call(
      casesRoute.GET,
      request('GET', `/api/v1/cases?limit=5&cursor=${page1.body.nextCursor}`, { bearer: TOKEN }),
      {},
    );
    expect(page2.body.cases).toHaveLength(5);
    const ids = [...page1.body.cases, ...page2.body.cases].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(10);
    const byName = await call(
      casesRoute.GET,
      request('GET', `/api/v1/cases?q=${encodeURIComponent(opened.data.claimant.name)}`, {
        bearer: TOKEN,
      }),
      {},
    );
    expect(byName.body.cases.map((c: { id: string }) => c.id)).toEqual([opened.id]);
    const bad = await call(
      casesRoute.GET,
      request('GET', '/api/v1/cases?status=lost', { bearer: TOKEN }),
      {},
    );
    expect(bad.status).toBe(400);
  });
});

describe('routing, human decisions and automated steps', () => {
  it('a 70,000 claim goes to a Senior adjuster review, then a Payout approval by Claims supervisors (the rule demands it), then payment and close', async () => {
    const c = (await open(claim({ damageEstimate: 70500, deductible: 500, coverageLimit: 150000 })))
      .body.case;
    expect(c.priority).toBe('high');
    expect(c.tasks).toMatchObject([
      {
        name: 'Senior adjuster review',
        group: { key: 'senior-adjusters' },
        priority: 'high',
        routing: { ruleName: 'Payout over 50,000' },
      },
    ]);
    await work('senior@example.com', c.tasks[0].id, 'approve', { payoutAmount: 70000 });
    const [approval] = await openTasks(c.id);
    expect(approval).toMatchObject({ name: 'Payout approval', stepKey: 'supervisor-approval' });
    expect(approval!.context.approval).toMatchObject({
      requestedCents: 7_000_000,
      cause: 'required_by_rule',
      ruleName: 'Payout over 50,000',
    });
    expect((await getCase(c.id)).status).toBe('open');
    await work('supervisor@example.com', approval!.id, 'approve', { payoutAmount: 70000 });
    const closed = await getCase(c.id);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'approved' });
    expect(closed.data.paymentId).toMatch(/^PAY-/);
    expect(closed.amountCents).toBe(7_000_000);
  });

  it('a small clean claim closes straight through with no human task', async () => {
    const c = (await open(claim({ damageEstimate: 3000 }))).body.case;
    expect(c.status).toBe('closed');
    expect(c.tasks).toEqual([]);
    const runs = await t.db.select().from(s.stepRuns).where(eq(s.stepRuns.caseId, c.id));
    expect(runs.map((r) => [r.stepKey, r.status]).sort()).toEqual([
      ['calculate-payout', 'succeeded'],
      ['issue-payment', 'succeeded'],
      ['validate-claim', 'succeeded'],
    ]);
    const [routed] = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.caseId, c.id), eq(s.auditEvents.action, 'case.routed')));
    expect(routed!.summary).toBe('Approved straight through by rule "Payout up to 5,000" v1');
    expect(await t.db.select().from(s.tasks).where(eq(s.tasks.caseId, c.id))).toHaveLength(0);
  });

  it('a fraud-scored claim goes to Special investigations', async () => {
    const c = (await open(claim({ fraudScore: 0.85 }))).body.case;
    expect(c.tasks).toMatchObject([
      {
        name: 'Fraud review',
        group: { key: 'special-investigations' },
        priority: 'high',
        routing: { ruleName: 'Fraud score 0.8 or more' },
      },
    ]);
  });

  it('invalid data opens "Fix claim data" for intake, with the validation error in context', async () => {
    const future = new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10);
    const c = (await open(claim({ incidentDate: future }))).body.case;
    expect(c.tasks).toMatchObject([{ name: 'Fix claim data', group: { key: 'claims-intake' } }]);
    const [task] = await openTasks(c.id);
    expect(task!.context).toMatchObject({
      error: 'incidentDate is in the future',
      stepKey: 'validate-claim',
    });
  });

  it('a billing failure retries with backoff, then becomes a human task; a person retries and the case closes', async () => {
    failNextPayments(5);
    const c = (await open(claim({ damageEstimate: 2500 }))).body.case; // straight through to payment
    expect(c.status).toBe('open');
    let [run] = await t.db
      .select()
      .from(s.stepRuns)
      .where(and(eq(s.stepRuns.caseId, c.id), eq(s.stepRuns.stepKey, 'issue-payment')));
    expect(run).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Billing system answered 503 Service Unavailable',
    });
    const delays: number[] = [];
    let clock = run!.nextAttemptAt!;
    for (let i = 0; i < 4; i++) {
      const before = run!.nextAttemptAt!;
      // Not yet due a second before its time: nothing happens.
      await retryDueSteps(t.db, new Date(before.getTime() - 1000));
      clock = before;
      expect(await retryDueSteps(t.db, clock)).toBeGreaterThanOrEqual(1);
      [run] = await t.db.select().from(s.stepRuns).where(eq(s.stepRuns.id, run!.id));
      if (run!.nextAttemptAt) delays.push(run!.nextAttemptAt.getTime() - clock.getTime());
    }
    expect(run).toMatchObject({ status: 'failed', attempts: 5 });
    // Exponential with jitter: each delay is within [0.5, 1] × 60 s · 2^(n−1).
    delays.forEach((d, i) => {
      const full = 60_000 * 2 ** (i + 1);
      expect(d).toBeGreaterThanOrEqual(full / 2);
      expect(d).toBeLessThanOrEqual(full);
    });
    const [task] = await openTasks(c.id);
    expect(task).toMatchObject({
      name: 'Resolve payment failure',
      stepKey: 'resolve-payment-failure',
    });
    expect(task!.context).toMatchObject({
      error: 'Billing system answered 503 Service Unavailable',
      attempts: 5,
    });
    const events = await t.db
      .select({ action: s.auditEvents.action })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, c.id));
    expect(events.filter((e) => e.action === 'step.retry_scheduled')).toHaveLength(4);
    await work('adjuster@example.com', task!.id, 'retry');
    const after = await getCase(c.id);
    const runs = await t.db
      .select()
      .from(s.stepRuns)
      .where(and(eq(s.stepRuns.caseId, c.id), eq(s.stepRuns.stepKey, 'issue-payment')))
      .orderBy(s.stepRuns.createdAt);
    expect({
      status: after.status,
      resolution: after.resolution,
      runs: runs.map((r) => [r.status, r.attempts, r.lastError]),
    }).toEqual({
      status: 'closed',
      resolution: 'approved',
      runs: [
        ['failed', 5, 'Billing system answered 503 Service Unavailable'],
        ['succeeded', 1, null],
      ],
    });
  });

  it('deny closes the case with the reason', async () => {
    const c = (await open(claim())).body.case;
    await work('adjuster2@example.com', c.tasks[0].id, 'deny', { reason: 'Not covered' });
    expect(await getCase(c.id)).toMatchObject({ status: 'closed', resolution: 'denied' });
  });

  it('request information parks the case; the answer through the events API opens a follow-up task', async () => {
    const c = (await open(claim())).body.case;
    await work('adjuster@example.com', c.tasks[0].id, 'request_information', {
      question: 'Photos please',
    });
    const waiting = await getCase(c.id);
    expect(waiting).toMatchObject({ status: 'waiting', waitingForEvent: 'information_received' });
    expect(await openTasks(c.id)).toHaveLength(0);
    const wrong = await call(
      eventsRoute.POST,
      request('POST', `/api/v1/cases/${c.id}/events`, {
        bearer: TOKEN,
        body: { type: 'payment_confirmed' },
      }),
      { id: c.id },
    );
    expect(wrong.status).toBe(409);
    const res = await call(
      eventsRoute.POST,
      request('POST', `/api/v1/cases/${c.id}/events`, {
        bearer: TOKEN,
        body: { type: 'information_received', data: { photos: 3 } },
      }),
      { id: c.id },
    );
    expect(res.status).toBe(202);
    const [follow] = await openTasks(c.id);
    expect(follow).toMatchObject({ name: 'Adjuster review' });
    expect(follow!.context).toMatchObject({
      followUp: true,
      event: 'information_received',
      information: { photos: 3 },
    });
    expect((await getCase(c.id)).status).toBe('open');
  });

  it('when the wait deadline passes, the scheduler opens the follow-up task itself', async () => {
    const c = (await open(claim())).body.case;
    await work('adjuster@example.com', c.tasks[0].id, 'request_information', {
      question: 'Invoice?',
    });
    const { waitUntil } = await getCase(c.id);
    await expireWaits(t.db, new Date(waitUntil!.getTime() - 1000));
    expect((await getCase(c.id)).status).toBe('waiting');
    expect(await expireWaits(t.db, waitUntil!)).toBeGreaterThanOrEqual(1);
    expect((await getCase(c.id)).status).toBe('open');
    const [follow] = await openTasks(c.id);
    expect(follow!.context).toMatchObject({ followUp: true, timedOut: true });
    const [resumed] = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.caseId, c.id), eq(s.auditEvents.action, 'case.resumed')));
    expect(resumed!.actorLabel).toBe('system:scheduler');
  });
});

describe('sweeps survive a broken item', () => {
  it('a step run that throws is put off and logged; the runs behind it still get their attempt', async () => {
    failNextPayments(1);
    const good = (await open(claim({ damageEstimate: 2500 }))).body.case;
    failNextPayments(1);
    const bad = (await open(claim({ damageEstimate: 2600 }))).body.case;
    const [badRun] = await t.db
      .select()
      .from(s.stepRuns)
      .where(and(eq(s.stepRuns.caseId, bad.id), eq(s.stepRuns.stepKey, 'issue-payment')));
    const [goodRun] = await t.db
      .select()
      .from(s.stepRuns)
      .where(and(eq(s.stepRuns.caseId, good.id), eq(s.stepRuns.stepKey, 'issue-payment')));
    // Corrupt the older run so its handler cannot be found (as after a bad definition change).
    await t.db
      .update(s.stepRuns)
      .set({
        stepKey: 'no-such-step',
        nextAttemptAt: new Date(goodRun!.nextAttemptAt!.getTime() - 1000),
      })
      .where(eq(s.stepRuns.id, badRun!.id));
    const when = new Date(goodRun!.nextAttemptAt!.getTime() + 1000);
    await retryDueSteps(t.db, when);
    const [after] = await t.db.select().from(s.stepRuns).where(eq(s.stepRuns.id, badRun!.id));
    expect(after!.status).toBe('pending');
    expect(after!.lastError).toMatch(/^Internal error/);
    expect(after!.nextAttemptAt!.getTime()).toBe(when.getTime() + 15 * 60_000);
    expect(await getCase(good.id)).toMatchObject({ status: 'closed' });
  });
});

describe('completion under concurrency', () => {
  it('a stale completion is refused with 409; a double submit completes once', async () => {
    const c = (await open(claim())).body.case;
    const a = await actor('adjuster@example.com');
    const claimed = await claimTask(t.db, a, { taskId: c.tasks[0].id });
    const input = {
      taskId: claimed.id,
      outcome: 'approve',
      data: { payoutAmount: 11500 },
      expectedVersion: claimed.version,
    };
    const results = await Promise.allSettled([
      completeTask(t.db, a, input),
      completeTask(t.db, a, input),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('conflict');
    const completions = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.taskId, claimed.id), eq(s.auditEvents.action, 'task.completed')));
    expect(completions).toHaveLength(1);
    const payments = await t.db
      .select()
      .from(s.stepRuns)
      .where(and(eq(s.stepRuns.caseId, c.id), eq(s.stepRuns.stepKey, 'issue-payment')));
    expect(payments).toHaveLength(1);
  });

  it('an outcome form is validated and names the field', async () => {
    const c = (await open(claim())).body.case;
    const a = await actor('adjuster@example.com');
    const claimed = await claimTask(t.db, a, { taskId: c.tasks[0].id });
    await expect(
      completeTask(t.db, a, {
        taskId: claimed.id,
        outcome: 'approve',
        data: { payoutAmount: 'a lot' },
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      fields: { 'data.payoutAmount': expect.any(String) },
    });
    await expect(
      completeTask(t.db, a, { taskId: claimed.id, outcome: 'pay-twice', data: {} }),
    ).rejects.toMatchObject({ code: 'validation', fields: { outcome: expect.any(String) } });
    const [still] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, claimed.id));
    expect(still!.status).toBe('claimed');
  });
});

describe('assignment strategies', () => {
  it('round-robin rotates among available members; out of office is skipped; a delegate receives their work', async () => {
    const [g] = await t.db.select().from(s.groups).where(eq(s.groups.key, 'claims-adjusters'));
    const now = new Date();
    const picks = [];
    for (let i = 0; i < 4; i++)
      picks.push(
        await pickAssignee(t.db, g!.id, 'round_robin', new Date(now.getTime() + i * 1000)),
      );
    expect(new Set(picks).size).toBe(2);
    expect(picks[0]).not.toBe(picks[1]);
    expect(picks[0]).toBe(picks[2]);
    const a2 = await actor('adjuster2@example.com');
    const a1 = await actor('adjuster@example.com');
    await t.db
      .update(s.users)
      .set({ outOfOffice: true, delegateId: a1.id })
      .where(eq(s.users.id, a2.id));
    try {
      for (let i = 0; i < 3; i++)
        expect(await pickAssignee(t.db, g!.id, 'least_loaded', now)).toBe(a1.id);
      expect(await resolveDelegate(t.db, a2.id)).toBe(a1.id);
    } finally {
      await t.db
        .update(s.users)
        .set({ outOfOffice: false, delegateId: null })
        .where(eq(s.users.id, a2.id));
    }
    expect(await pickAssignee(t.db, g!.id, 'queue', now)).toBeNull();
  });
});
