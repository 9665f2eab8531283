import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt, lte, notInArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { cases, stepRuns } from '../../db/schema';
import { getCaseForUpdate } from '../data/cases';
import { getDefinitionVersion } from '../data/definitions';
import { findStep, type AutomatedStep, type CaseDefinition } from '../domain/case-definition';
import { errorFields, log } from '../log';
import { recordStepResult, type StepRun } from './attempt-step';
import { advanceCase } from './case-engine';
import { nextInOrder } from './case-state';
import { stepHandlers, type HandlerResult } from './handlers';

/**
 * How long a worker owns a claimed run. Longer than any call to another system should take;
 * a worker that dies (or stalls) past it loses the run to the next worker, which calls again
 * with the same idempotency key, and the stalled worker's result is then discarded.
 */
export const STEP_LEASE_MS = 5 * 60_000;

export type StepWorkerOptions = {
  /** Only this case's runs (a use-case running what its transaction queued). */
  caseId?: string;
  /** Runs handled at most per call, so one call always ends. */
  limit?: number;
  leaseMs?: number;
  /** A run whose handling throws unexpectedly is put off this long (and logged). */
  postponeMs: number;
  random?: () => number;
  /** Test hook: runs after the handler answered and before its result is recorded. */
  afterExternalCall?: (run: StepRun, result: HandlerResult) => Promise<void>;
};

/**
 * The same for every attempt of every run of this step of this case: a repeated call is
 * answered, never executed twice — also when a person retries a failed payment from its
 * failure task (a new run) while a stalled worker's call is still under way.
 */
export const idempotencyKeyOf = (run: Pick<StepRun, 'caseId' | 'stepKey'>) =>
  `step:${run.caseId}:${run.stepKey}`;

/**
 * The step worker, the only place automated steps that call another system run:
 * 1. claim a due run (pending and due, or running with an expired lease) with a fresh lease,
 *    FOR UPDATE SKIP LOCKED so parallel workers split the runs, and commit;
 * 2. call the handler outside any transaction, with the run's idempotency key;
 * 3. in one transaction, if the run still holds our lease, record the result (success, retry
 *    with backoff, or the failure task) and advance the case.
 * A worker killed between 2 and 3 leaves the run 'running'; once its lease expires the next
 * worker takes it over and calls again with the same key, so the payment happens once.
 * Returns how many runs had a result recorded.
 */
export async function runDueSteps(db: Db, now: Date, o: StepWorkerOptions): Promise<number> {
  let recorded = 0;
  const skipped: string[] = [];
  for (let i = 0; i < (o.limit ?? 50); i++) {
    const run = await claimNextRun(db, now, o, skipped);
    if (!run) break;
    const progress = { called: false };
    try {
      if (await executeRun(db, run, now, o, progress)) recorded++;
    } catch (e) {
      skipped.push(run.id);
      await putOff(db, run, now, o, progress.called, e);
    }
  }
  return recorded;
}

async function claimNextRun(
  db: Db,
  now: Date,
  o: StepWorkerOptions,
  skipped: string[],
): Promise<StepRun | undefined> {
  const scope = [
    o.caseId ? eq(stepRuns.caseId, o.caseId) : undefined,
    skipped.length ? notInArray(stepRuns.id, skipped) : undefined,
  ];
  return db.transaction(async (tx) => {
    const next = (where: SQL | undefined, order: PgColumn) =>
      tx
        .select()
        .from(stepRuns)
        .where(and(where, ...scope))
        .orderBy(asc(order))
        .limit(1)
        .for('update', { skipLocked: true });
    // Runs abandoned by a dead worker first (they are the oldest), then those due.
    const abandoned = await next(
      and(eq(stepRuns.status, 'running'), lt(stepRuns.lockedUntil, now)),
      stepRuns.lockedUntil,
    );
    const [run] = abandoned.length
      ? abandoned
      : await next(
          and(eq(stepRuns.status, 'pending'), lte(stepRuns.nextAttemptAt, now)),
          stepRuns.nextAttemptAt,
        );
    if (!run) return undefined;
    const [claimed] = await tx
      .update(stepRuns)
      .set({
        status: 'running',
        lockedUntil: new Date(now.getTime() + (o.leaseMs ?? STEP_LEASE_MS)),
        leaseToken: randomUUID(),
        attempts: run.attempts + 1,
        startedAt: run.startedAt ?? now,
        updatedAt: now,
      })
      .where(eq(stepRuns.id, run.id))
      .returning();
    if (run.status === 'running')
      log.warn('step run taken over after its lease expired', {
        stepRunId: run.id,
        caseId: run.caseId,
        attempts: claimed!.attempts,
      });
    return claimed;
  });
}

async function loadStep(db: Db, run: StepRun) {
  const [c] = await db.select().from(cases).where(eq(cases.id, run.caseId));
  if (!c) throw new Error(`Case ${run.caseId} of step run ${run.id} is missing`);
  const def = (await getDefinitionVersion(db, c.caseTypeVersionId))!.definition;
  const step = findStep(def, run.stepKey);
  if (step?.kind !== 'automated')
    throw new Error(`Step run ${run.id}: "${run.stepKey}" is not an automated step`);
  return { c, def, step };
}

/** Attempts beyond the step's maximum that may end without a result (a worker killed mid-call). */
const MAX_UNRECORDED_ATTEMPTS = 2;

/** A run whose case moved on is closed without calling anyone (fenced by our lease). */
async function skipRun(db: Db, run: StepRun, now: Date, why: string) {
  log.warn('step run skipped: its case moved on; nothing was called', {
    stepRunId: run.id,
    caseId: run.caseId,
    why,
  });
  await db
    .update(stepRuns)
    .set({
      status: 'skipped',
      lastError: `Skipped: ${why}`,
      finishedAt: now,
      lockedUntil: null,
      leaseToken: null,
      nextAttemptAt: null,
      updatedAt: now,
    })
    .where(and(eq(stepRuns.id, run.id), eq(stepRuns.leaseToken, run.leaseToken!)));
}

/** Steps 2 and 3 for one claimed run; false when our lease was taken over meanwhile. */
async function executeRun(
  db: Db,
  run: StepRun,
  now: Date,
  o: StepWorkerOptions,
  progress: { called: boolean },
): Promise<boolean> {
  const { c, def, step } = await loadStep(db, run);
  // A case that moved on (closed, paid outside Handoff, at another step) is never paid.
  if (c.status !== 'open' || c.currentStepKey !== run.stepKey) {
    await skipRun(db, run, now, `the case is ${c.status} at ${c.currentStepKey ?? 'no step'}`);
    return false;
  }
  const handler = stepHandlers[step.handler];
  const context = { caseReference: c.reference, data: c.data, now };
  progress.called = true;
  const res: HandlerResult = !handler
    ? { ok: false, retryable: false, error: `No handler registered for "${step.handler}"` }
    : run.attempts > run.maxAttempts + MAX_UNRECORDED_ATTEMPTS
      ? // Workers keep dying during the call: stop calling and hand it to a person (who may
        // retry with the same idempotency key, or settle it).
        {
          ok: false,
          retryable: false,
          error: `Gave up after ${run.attempts - 1} attempts of which too many recorded no result (the worker stopped during the call); billing may or may not have paid under key ${idempotencyKeyOf(run)}`,
        }
      : handler.external
        ? await handler.run({ ...context, db, idempotencyKey: idempotencyKeyOf(run) })
        : await handler.run(context);
  await o.afterExternalCall?.(run, res);
  return recordResult(db, run, now, o, def, step, res);
}

async function recordResult(
  db: Db,
  run: StepRun,
  now: Date,
  o: StepWorkerOptions,
  def: CaseDefinition,
  step: AutomatedStep,
  res: HandlerResult,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Case first, then the run: the order every path that moves a case takes.
    const c = await getCaseForUpdate(tx, run.caseId);
    const [current] = await tx.select().from(stepRuns).where(eq(stepRuns.id, run.id)).for('update');
    if (!c || current?.status !== 'running' || current.leaseToken !== run.leaseToken) {
      log.warn('step run result discarded: another worker took the run over', {
        stepRunId: run.id,
        caseId: run.caseId,
        ok: res.ok,
      });
      return false;
    }
    const ctx = { tx, now, random: o.random ?? Math.random };
    const r = await recordStepResult(ctx, c, def, step, current, res, current.attempts);
    if (r.status !== 'succeeded') return true;
    if (r.case.status === 'closed' || r.case.currentStepKey !== step.key) {
      log.warn('step run succeeded but its case has moved on; not advancing it', {
        stepRunId: run.id,
        caseId: run.caseId,
      });
      return true;
    }
    await advanceCase(
      ctx,
      r.case,
      def,
      step.next === undefined ? nextInOrder(def, step.key) : step.next,
      step.resolution,
    );
    return true;
  });
}

/**
 * An unexpected error (a bug, a broken definition, the database away) puts the run off instead
 * of blocking the runs behind it. Only while we still hold the lease; an attempt that never
 * reached the handler does not count. Should this fail too, the lease expiry hands the run on.
 */
async function putOff(
  db: Db,
  run: StepRun,
  now: Date,
  o: StepWorkerOptions,
  called: boolean,
  e: unknown,
) {
  log.error('step run failed unexpectedly; putting it off', {
    stepRunId: run.id,
    caseId: run.caseId,
    ...errorFields(e),
  });
  try {
    await db
      .update(stepRuns)
      .set({
        status: 'pending',
        attempts: called ? run.attempts : run.attempts - 1,
        nextAttemptAt: new Date(now.getTime() + o.postponeMs),
        lockedUntil: null,
        leaseToken: null,
        lastError: `Internal error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500),
        updatedAt: now,
      })
      .where(and(eq(stepRuns.id, run.id), eq(stepRuns.leaseToken, run.leaseToken!)));
  } catch (again) {
    log.error('could not put a step run off; its lease will expire', {
      stepRunId: run.id,
      ...errorFields(again),
    });
  }
}
