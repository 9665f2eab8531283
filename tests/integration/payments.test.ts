/**
 * Payments exactly once, outside the transaction: the engine only queues a payment (a pending
 * step run); the step worker claims it with a lease, calls billing outside any transaction with
 * the run's idempotency key, and records the result only while it still holds the lease.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db, type DbHandle } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import * as s from '../../db/schema';
import { getDefinitionVersion } from '../../lib/data/definitions';
import type { TokenActor } from '../../lib/domain/permissions';
import {
  BillingConflictError,
  countSimulatedPayments,
  failNextPayments,
  issuePayment,
  listSimulatedPayments,
} from '../../lib/engine/billing-simulator';
import { advanceCase } from '../../lib/engine/case-engine';
import {
  stepHandlers,
  type ExternalHandlerContext,
  type HandlerResult,
} from '../../lib/engine/handlers';
import { idempotencyKeyOf, runDueSteps, STEP_LEASE_MS } from '../../lib/engine/step-worker';
import { openCase } from '../../lib/use-cases/open-case';
import { retryDueSteps } from '../../lib/use-cases/retry-due-steps';
import { runQueuedSteps } from '../../lib/use-cases/run-queued-steps';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

let t: TestDb;
let token: TokenActor;
let seq = 0;

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  token = await tokenActor(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function tokenActor(db: Db): Promise<TokenActor> {
  const [tok] = await db.select().from(s.apiTokens);
  return { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
}

const today = new Date().toISOString().slice(0, 10);
/** A claim of `payout` (estimate − 500 deductible): up to 5,000 it goes straight through to payment. */
function claim(payout: number, overrides: Record<string, unknown> = {}) {
  return {
    policyNumber: 'POL-123456',
    claimant: { name: `Payee ${++seq}`, email: 'payee@example.com' },
    incidentDate: today,
    damageEstimate: payout + 500,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    ...overrides,
  };
}

async function open(data: Record<string, unknown>, db: Db = t.db, now = new Date()) {
  const actor = db === t.db ? token : await tokenActor(db);
  return (
    await openCase(db, actor, { caseType: 'auto-claim', data }, `pay-${seq}-${Math.random()}`, now)
  ).case;
}

const getCase = async (id: string, db: Db = t.db) =>
  (await db.select().from(s.cases).where(eq(s.cases.id, id)))[0]!;
async function paymentRun(caseId: string, db: Db = t.db) {
  const runs = await db
    .select()
    .from(s.stepRuns)
    .where(and(eq(s.stepRuns.caseId, caseId), eq(s.stepRuns.stepKey, 'issue-payment')));
  expect(runs).toHaveLength(1);
  return runs[0]!;
}
const actions = async (caseId: string, db: Db = t.db) =>
  (
    await db
      .select({ action: s.auditEvents.action, summary: s.auditEvents.summary })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, caseId))
      .orderBy(asc(s.auditEvents.id))
  ).map((e) => e.action);
const runEvents = (runId: string, action: string, db: Db = t.db) =>
  db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.entityId, runId), eq(s.auditEvents.action, action)));

/** Wraps the payment handler to see each call to billing (its idempotency key), restoring it after `fn`. */
async function watchingBilling<T>(fn: (keys: string[]) => Promise<T>): Promise<T> {
  const original = stepHandlers['issue-payment']!;
  if (!original.external) throw new Error('issue-payment must be external');
  const keys: string[] = [];
  stepHandlers['issue-payment'] = {
    ...original,
    run: (ctx: ExternalHandlerContext) => {
      keys.push(ctx.idempotencyKey);
      return original.run(ctx);
    },
  };
  try {
    return await fn(keys);
  } finally {
    stepHandlers['issue-payment'] = original;
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('a payment is queued in the transaction and made after it', () => {
  it('a straight-through claim pays once with the run’s key and answers closed', async () => {
    const c = await open(claim(2500));
    expect(c).toMatchObject({ status: 'closed', resolution: 'approved', tasks: [] });
    const run = await paymentRun(c.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, leaseToken: null });
    const ledger = await listSimulatedPayments(t.db, c.reference);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      idempotencyKey: idempotencyKeyOf(run),
      amountCents: 250_000,
      policyNumber: 'POL-123456',
      paymentId: c.data.paymentId,
    });
    expect(await actions(c.id)).toEqual([
      'case.opened',
      'step.succeeded',
      'step.succeeded',
      'case.routed',
      'step.queued',
      'step.succeeded',
      'case.closed',
    ]);
    const [queued] = await runEvents(run.id, 'step.queued');
    expect(queued!.summary).toBe('Payment of 2,500 queued');
  });

  it('billing is not called inside the transaction: a failure after queueing rolls back, and billing has no row', async () => {
    const c = await open(claim(12000)); // an adjuster review: no payment yet
    expect(c.status).toBe('open');
    await watchingBilling(async (keys) => {
      const failure = await t.db
        .transaction(async (tx) => {
          const row = (
            await tx.select().from(s.cases).where(eq(s.cases.id, c.id)).for('update')
          )[0]!;
          const def = (await getDefinitionVersion(tx, row.caseTypeVersionId))!.definition;
          const after = await advanceCase(
            { tx, now: new Date(), random: Math.random },
            row,
            def,
            'issue-payment',
          );
          // Queued, not run: nothing called, nothing paid, the case waits at the payment step.
          expect(after).toMatchObject({ status: 'open', currentStepKey: 'issue-payment' });
          const [run] = await tx
            .select()
            .from(s.stepRuns)
            .where(and(eq(s.stepRuns.caseId, c.id), eq(s.stepRuns.stepKey, 'issue-payment')));
          expect(run).toMatchObject({ status: 'pending', attempts: 0 });
          expect(keys).toEqual([]);
          expect(await countSimulatedPayments(tx, c.reference)).toBe(0);
          throw new Error('a later step of the same transaction failed');
        })
        .catch((e: unknown) => e);
      expect((failure as Error).message).toBe('a later step of the same transaction failed');
      // Rolled back: no run to take up later, and billing never heard of it.
      expect(await runQueuedSteps(t.db, { caseId: c.id })).toBe(0);
      expect(keys).toEqual([]);
    });
    expect(await countSimulatedPayments(t.db, c.reference)).toBe(0);
    expect(
      await t.db
        .select()
        .from(s.stepRuns)
        .where(and(eq(s.stepRuns.caseId, c.id), eq(s.stepRuns.stepKey, 'issue-payment'))),
    ).toEqual([]);
    expect(await getCase(c.id)).toMatchObject({
      status: 'open',
      currentStepKey: 'adjuster-review',
    });
  });

  it('the simulator pays once per key, under concurrency too; another payment under a used key is refused', async () => {
    const req = {
      idempotencyKey: `sim-${Math.random()}`,
      policyNumber: 'POL-123456',
      amount: 99.99,
      reference: 'SIM-1',
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => issuePayment(t.db, req)));
    expect(new Set(answers.map((a) => a.paymentId)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await listSimulatedPayments(t.db, 'SIM-1')).toMatchObject([{ amountCents: 9999 }]);
    await expect(issuePayment(t.db, { ...req, amount: 100 })).rejects.toBeInstanceOf(
      BillingConflictError,
    );
    await expect(
      t.db.transaction((tx) => issuePayment(tx, { ...req, idempotencyKey: 'in-a-tx' })),
    ).rejects.toThrow(/never call it inside a transaction/);
    expect(await countSimulatedPayments(t.db, 'SIM-1')).toBe(1);
  });
});

describe('retries and takeovers keep the key and pay once', () => {
  it('after a transient failure and a crash before recording, every retry uses the same key and billing pays once', async () => {
    await watchingBilling(async (keys) => {
      failNextPayments(1);
      const c = await open(claim(3000));
      expect(c).toMatchObject({ status: 'open', currentStep: 'issue-payment', tasks: [] });
      let run = await paymentRun(c.id);
      expect(run).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: 'Billing system answered 503 Service Unavailable',
      });
      expect(await countSimulatedPayments(t.db, c.reference)).toBe(0);
      // Second attempt: billing pays, then the worker fails before it can record that.
      const second = run.nextAttemptAt!;
      const recorded = await runDueSteps(t.db, second, {
        caseId: c.id,
        postponeMs: 15 * 60_000,
        afterExternalCall: () => Promise.reject(new Error('connection lost before recording')),
      });
      expect(recorded).toBe(0);
      run = await paymentRun(c.id);
      expect(run).toMatchObject({ status: 'pending', attempts: 2, leaseToken: null });
      expect(run.lastError).toMatch(/^Internal error: connection lost/);
      expect(await countSimulatedPayments(t.db, c.reference)).toBe(1);
      expect((await getCase(c.id)).status).toBe('open');
      // Third attempt, by the scheduler once the run was put off: answered from billing's record.
      expect(await retryDueSteps(t.db, run.nextAttemptAt!)).toBeGreaterThanOrEqual(1);
      const ledger = await listSimulatedPayments(t.db, c.reference);
      expect(ledger).toHaveLength(1);
      expect(keys).toEqual(Array(3).fill(idempotencyKeyOf(run)));
      const closed = await getCase(c.id);
      expect(closed).toMatchObject({ status: 'closed', resolution: 'approved' });
      expect(closed.data.paymentId).toBe(ledger[0]!.paymentId);
      expect(await runEvents(run.id, 'step.succeeded')).toHaveLength(1);
      expect(await runEvents(run.id, 'step.retry_scheduled')).toHaveLength(1);
    });
  });

  it('two workers racing for the same run: one claims it, billing is called once', async () => {
    failNextPayments(1);
    const c = await open(claim(3100));
    const run = await paymentRun(c.id);
    await watchingBilling(async (keys) => {
      const done = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          i % 2
            ? retryDueSteps(t.db, run.nextAttemptAt!)
            : runQueuedSteps(t.db, { caseId: c.id }, run.nextAttemptAt!),
        ),
      );
      expect(done.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      expect(keys).toEqual([idempotencyKeyOf(run)]);
    });
    expect(await countSimulatedPayments(t.db, c.reference)).toBe(1);
    expect(await getCase(c.id)).toMatchObject({ status: 'closed' });
    expect(await runEvents(run.id, 'step.succeeded')).toHaveLength(1);
  });

  it('a run left running by a dead worker waits for its lease, then is taken over and answered with the same payment', async () => {
    failNextPayments(1);
    const c = await open(claim(3200));
    const queued = await paymentRun(c.id);
    const died = queued.nextAttemptAt!;
    // What a worker that died after billing answered leaves behind: its claim, and the payment.
    await t.db
      .update(s.stepRuns)
      .set({
        status: 'running',
        attempts: 2,
        leaseToken: randomUUID(),
        lockedUntil: new Date(died.getTime() + STEP_LEASE_MS),
      })
      .where(eq(s.stepRuns.id, queued.id));
    const paid = await issuePayment(t.db, {
      idempotencyKey: idempotencyKeyOf(queued),
      policyNumber: 'POL-123456',
      amount: 3200,
      reference: c.reference,
    });
    await watchingBilling(async (keys) => {
      // Within the lease nobody touches it: the dead worker might still be alive.
      const lease = (ms: number) => new Date(died.getTime() + STEP_LEASE_MS + ms);
      expect(await runQueuedSteps(t.db, { caseId: c.id }, lease(-1000))).toBe(0);
      expect(keys).toEqual([]);
      expect(await retryDueSteps(t.db, lease(1000))).toBeGreaterThanOrEqual(1);
      expect(keys).toEqual([idempotencyKeyOf(queued)]);
    });
    expect(await listSimulatedPayments(t.db, c.reference)).toMatchObject([
      { paymentId: paid.paymentId, amountCents: 320_000 },
    ]);
    const closed = await getCase(c.id);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'approved' });
    expect(closed.data.paymentId).toBe(paid.paymentId);
    expect(await paymentRun(c.id)).toMatchObject({ status: 'succeeded', attempts: 3 });
  });

  /** A worker that stops after billing answered, until released; `reached` once it called. */
  function stalledWorker(caseId: string, now: Date) {
    const reached = deferred();
    const release = deferred();
    const answers: HandlerResult[] = [];
    const done = runDueSteps(t.db, now, {
      caseId,
      postponeMs: 15 * 60_000,
      afterExternalCall: async (_run, result) => {
        answers.push(result);
        reached.resolve();
        await release.promise;
      },
    });
    const gaveUp = done.then((n) => {
      throw new Error(`the worker ended (${n} recorded) without calling billing`);
    });
    return {
      reached: Promise.race([reached.promise, gaveUp]),
      release: release.resolve,
      answers,
      done,
    };
  }

  it('the result of a worker whose lease was taken over is discarded while the new owner holds the run', async () => {
    failNextPayments(1);
    const c = await open(claim(3300));
    const run = await paymentRun(c.id);
    const at = run.nextAttemptAt!;
    // Worker A: billing answers 503 this time, and A stalls before recording that.
    failNextPayments(1);
    const a = stalledWorker(c.id, at);
    await a.reached;
    expect(a.answers).toMatchObject([{ ok: false, retryable: true }]);
    // Worker B, after A's lease expired: takes the run over, billing pays, B stalls too.
    const b = stalledWorker(c.id, new Date(at.getTime() + STEP_LEASE_MS + 1000));
    await b.reached;
    expect(b.answers).toMatchObject([{ ok: true }]);
    // A wakes while B holds the run: A's failure is not recorded (no retry, B's lease intact).
    a.release();
    expect(await a.done).toBe(0);
    expect(await paymentRun(c.id)).toMatchObject({ status: 'running', attempts: 3 });
    expect(await runEvents(run.id, 'step.retry_scheduled')).toHaveLength(1); // attempt 1 only
    b.release();
    expect(await b.done).toBe(1);
    const closed = await getCase(c.id);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'approved' });
    expect(await runEvents(run.id, 'step.succeeded')).toHaveLength(1);
    expect(await paymentRun(c.id)).toMatchObject({ status: 'succeeded', leaseToken: null });
    expect(await countSimulatedPayments(t.db, c.reference)).toBe(1);
  });

  it('a worker that wakes after the new owner recorded the result changes nothing', async () => {
    failNextPayments(1);
    const c = await open(claim(3400));
    const run = await paymentRun(c.id);
    const at = run.nextAttemptAt!;
    failNextPayments(1);
    const a = stalledWorker(c.id, at);
    await a.reached;
    expect(
      await runQueuedSteps(t.db, { caseId: c.id }, new Date(at.getTime() + STEP_LEASE_MS + 1000)),
    ).toBe(1);
    const closed = await getCase(c.id);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'approved' });
    a.release();
    expect(await a.done).toBe(0);
    expect(await paymentRun(c.id)).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      leaseToken: null,
    });
    expect(await getCase(c.id)).toEqual(closed);
    expect(await runEvents(run.id, 'step.retry_scheduled')).toHaveLength(1);
    expect(await runEvents(run.id, 'step.succeeded')).toHaveLength(1);
    expect(await countSimulatedPayments(t.db, c.reference)).toBe(1);
  });
});

describe('failures and zero payouts', () => {
  it('a suspended account retries with backoff, then opens "Resolve payment failure" after the last attempt', async () => {
    const c = await open(claim(2000, { policyNumber: 'POL-912345' }));
    let run = await paymentRun(c.id);
    expect(run).toMatchObject({ status: 'pending', attempts: 1 });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const at = run.nextAttemptAt!;
      expect(await runQueuedSteps(t.db, { caseId: c.id }, new Date(at.getTime() - 1000))).toBe(0);
      expect(await retryDueSteps(t.db, at)).toBeGreaterThanOrEqual(1);
      run = await paymentRun(c.id);
      if (run.nextAttemptAt) delays.push(run.nextAttemptAt.getTime() - at.getTime());
    }
    expect(run).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'Billing system answered 403: policy account suspended',
    });
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => {
      const full = 60_000 * 2 ** (i + 1);
      expect(d).toBeGreaterThanOrEqual(full / 2);
      expect(d).toBeLessThanOrEqual(full);
    });
    const tasks = await t.db
      .select()
      .from(s.tasks)
      .where(and(eq(s.tasks.caseId, c.id), inArray(s.tasks.status, ['ready', 'claimed'])));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ name: 'Resolve payment failure' });
    expect(tasks[0]!.context).toMatchObject({ attempts: 5, stepRunId: run.id });
    expect(await getCase(c.id)).toMatchObject({
      status: 'open',
      currentStepKey: 'resolve-payment-failure',
    });
    expect(await runEvents(run.id, 'step.retry_scheduled')).toHaveLength(4);
    expect(await runEvents(run.id, 'step.failed')).toHaveLength(1);
    expect(await countSimulatedPayments(t.db, c.reference)).toBe(0);
  });

  it('a payout of 0 closes as no_payment_due without calling billing', async () => {
    const c = await watchingBilling(async (keys) => {
      const opened = await open(claim(0, { damageEstimate: 400, deductible: 500 }));
      expect(keys).toEqual([]);
      return opened;
    });
    expect(c).toMatchObject({ status: 'closed', resolution: 'no_payment_due', tasks: [] });
    expect(c.data.recommendedPayout).toBe(0);
    expect(c.data.paymentId).toBeUndefined();
    const runs = await t.db.select().from(s.stepRuns).where(eq(s.stepRuns.caseId, c.id));
    expect(runs.map((r) => r.stepKey).sort()).toEqual(['calculate-payout', 'validate-claim']);
    expect(await countSimulatedPayments(t.db, c.reference)).toBe(0);
    const events = await t.db
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, c.id))
      .orderBy(asc(s.auditEvents.id));
    expect(events.map((e) => e.action).slice(-3)).toEqual([
      'case.routed',
      'step.skipped',
      'case.closed',
    ]);
    expect(events.at(-2)!.summary).toMatch(
      /No payment due: the amount to pay is 0 \(the deductible of 500 covers the damage estimate of 400\)/,
    );
  });
});

describe('a payment never outlives its case', () => {
  it('a queued run of a case that moved on (paid outside Handoff) is skipped without calling billing', async () => {
    failNextPayments(1);
    const c = await open(claim(1800));
    const run = await paymentRun(c.id);
    expect(run.status).toBe('pending');
    // Someone settled it meanwhile: the case is closed.
    await t.db
      .update(s.cases)
      .set({ status: 'closed', resolution: 'approved', currentStepKey: null })
      .where(eq(s.cases.id, c.id));
    await watchingBilling(async (keys) => {
      await runDueSteps(t.db, new Date(Date.now() + 3_600_000), {
        caseId: c.id,
        postponeMs: 60_000,
      });
      expect(keys).toEqual([]);
    });
    expect((await paymentRun(c.id)).status).toBe('skipped');
    expect(await listSimulatedPayments(t.db, c.reference)).toHaveLength(0);
  });

  it('a run whose workers keep dying during the call stops calling and goes to a person', async () => {
    failNextPayments(1);
    const c = await open(claim(1700));
    const run = await paymentRun(c.id);
    // Killed mid-call over and over: attempts past the maximum, lease long expired.
    await t.db
      .update(s.stepRuns)
      .set({
        status: 'running',
        attempts: run.maxAttempts + 2,
        lockedUntil: new Date(Date.now() - 1000),
        leaseToken: randomUUID(),
      })
      .where(eq(s.stepRuns.id, run.id));
    await watchingBilling(async (keys) => {
      await runDueSteps(t.db, new Date(), { caseId: c.id, postponeMs: 60_000 });
      expect(keys).toEqual([]);
    });
    expect((await paymentRun(c.id)).status).toBe('failed');
    const ready = await t.db
      .select()
      .from(s.tasks)
      .where(and(eq(s.tasks.caseId, c.id), eq(s.tasks.status, 'ready')));
    expect(ready.map((x) => x.name)).toEqual(['Resolve payment failure']);
  });

  it('every run of one case’s payment shares the key: a retry from the failure task cannot pay twice', () => {
    const a = { id: randomUUID(), caseId: 'c1', stepKey: 'issue-payment' };
    const b = { id: randomUUID(), caseId: 'c1', stepKey: 'issue-payment' };
    expect(idempotencyKeyOf(a)).toBe(idempotencyKeyOf(b));
    expect(idempotencyKeyOf(a)).not.toBe(idempotencyKeyOf({ ...a, caseId: 'c2' }));
  });
});

describe('a worker killed between "paid" and "recorded"', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-pay-kill-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is taken over after its lease: exactly one payment in billing’s ledger, the case closed once', async () => {
    // PGlite is single-process: the child holds the folder while it runs, we open it after.
    const dir = path.join(tmp, 'pglite');
    const open_ = async (): Promise<DbHandle> =>
      onPostgres() ? { ...t, close: async () => {} } : openPglite(dir);
    const before = await open_();
    let c: Awaited<ReturnType<typeof open>>;
    let run: typeof s.stepRuns.$inferSelect;
    try {
      if (!onPostgres()) {
        await runMigrations(before);
        await seedDemo(before.db, { now: new Date() });
      }
      failNextPayments(1);
      c = await open(claim(4200), before.db);
      run = await paymentRun(c.id, before.db);
      expect(run).toMatchObject({ status: 'pending', attempts: 1 });
    } finally {
      await before.close();
    }
    const at = run.nextAttemptAt!;

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'tests/fixtures/run-payment-worker.ts',
        t.url ?? dir,
        c.id,
        at.toISOString(),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('\n')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`worker exited early (${code}): ${out}`)));
      });
      expect(out).toMatch(/^CALLED \{"ok":true/);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }

    const { db: after, close } = await open_();
    try {
      // Billing paid and the worker died: billing has the payment, Handoff does not know yet.
      const paid = await listSimulatedPayments(after, c.reference);
      expect(paid).toHaveLength(1);
      expect(paid[0]!.idempotencyKey).toBe(idempotencyKeyOf(run));
      expect(await paymentRun(c.id, after)).toMatchObject({ status: 'running', attempts: 2 });
      expect(await getCase(c.id, after)).toMatchObject({
        status: 'open',
        currentStepKey: 'issue-payment',
      });
      // Another worker, once the lease has run out, takes the run over with the same key.
      const clock = (ms: number) => new Date(at.getTime() + STEP_LEASE_MS + ms);
      expect(await runQueuedSteps(after, { caseId: c.id }, clock(-1000))).toBe(0);
      expect(await runQueuedSteps(after, { caseId: c.id }, clock(1000))).toBe(1);
      expect(await listSimulatedPayments(after, c.reference)).toEqual(paid);
      const closed = await getCase(c.id, after);
      expect(closed).toMatchObject({ status: 'closed', resolution: 'approved' });
      expect(closed.data.paymentId).toBe(paid[0]!.paymentId);
      expect(await paymentRun(c.id, after)).toMatchObject({ status: 'succeeded', attempts: 3 });
      expect(await runEvents(run.id, 'step.succeeded', after)).toHaveLength(1);
      expect((await actions(c.id, after)).filter((a) => a === 'case.closed')).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
