import { eq } from 'drizzle-orm';
import { stepRuns } from '../../db/schema';
import type { AutomatedStep, CaseDefinition, HumanStep } from '../domain/case-definition';
import { hasAttemptsLeft, nextRetryDelayMs } from '../domain/retry';
import { ENGINE, stepOrThrow, updateCase, type CaseRow, type EngineCtx } from './case-state';
import { recordEngineAudit } from './case-writes';
import { createHumanTask } from './create-human-task';
import { stepHandlers, type HandlerResult } from './handlers';

export type StepRun = typeof stepRuns.$inferSelect;
type AttemptResult = { status: 'succeeded' | 'retrying' | 'failed'; case: CaseRow };

/** One attempt of a local step, inline in the caller's transaction (it calls no other system). */
export async function attemptStep(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  step: AutomatedStep,
  run: StepRun,
): Promise<AttemptResult> {
  const handler = stepHandlers[step.handler];
  const res: HandlerResult = !handler
    ? { ok: false, retryable: false, error: `No handler registered for "${step.handler}"` }
    : handler.external
      ? { ok: false, retryable: false, error: `"${step.handler}" calls another system: queue it` }
      : await handler.run({ caseReference: c.reference, data: c.data, now: ctx.now });
  return recordStepResult(ctx, c, def, step, run, res, run.attempts + 1);
}

/**
 * Records the result of attempt number `attempts` of a step run, in the caller's transaction:
 * success moves the data on; a transient failure schedules a retry with backoff; the last
 * failure (or a permanent one) hands over to a person through the step's failure task. The
 * run's lease is released in every case.
 */
export async function recordStepResult(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  step: AutomatedStep,
  run: StepRun,
  res: HandlerResult,
  attempts: number,
): Promise<AttemptResult> {
  const base = { attempts, updatedAt: ctx.now, startedAt: run.startedAt ?? ctx.now };
  // A run collected with the new case's writes is updated in memory; a stored one in its row.
  const setRun = async (set: Partial<StepRun>) => {
    if (!ctx.writes?.updateStepRun(run.id, set))
      await ctx.tx.update(stepRuns).set(set).where(eq(stepRuns.id, run.id));
  };
  const audit = (action: string, summary: string, metadata: Record<string, unknown> = {}) =>
    recordEngineAudit(ctx, ENGINE, {
      action,
      entityType: 'step_run',
      entityId: run.id,
      caseId: c.id,
      summary,
      metadata: { stepKey: step.key, attempts, maxAttempts: step.retry.maxAttempts, ...metadata },
      occurredAt: ctx.now,
    });

  if (res.ok) {
    await setRun({
      ...base,
      status: 'succeeded',
      finishedAt: ctx.now,
      result: res.result ?? null,
      nextAttemptAt: null,
      lockedUntil: null,
      leaseToken: null,
    });
    await audit(
      'step.succeeded',
      `${step.name}: ${res.summary} (${attempts} attempt${attempts > 1 ? 's' : ''})`,
      // `patch`: what was merged into the case data (the case-as-of view replays it).
      { result: res.result ?? null, patch: res.patch ?? null },
    );
    const next = res.patch
      ? await updateCase(ctx, c, def, { data: { ...c.data, ...res.patch } })
      : c;
    return { status: 'succeeded', case: next };
  }
  if (res.retryable && hasAttemptsLeft(step.retry, attempts)) {
    const at = new Date(ctx.now.getTime() + nextRetryDelayMs(step.retry, attempts, ctx.random));
    await setRun({
      ...base,
      status: 'pending',
      lastError: res.error,
      nextAttemptAt: at,
      lockedUntil: null,
      leaseToken: null,
    });
    await audit(
      'step.retry_scheduled',
      `${step.name} failed (attempt ${attempts} of ${step.retry.maxAttempts}): ${res.error}. Retrying in ${Math.max(1, Math.round((at.getTime() - ctx.now.getTime()) / 60_000))} min`,
      { error: res.error, nextAttemptAt: at.toISOString() },
    );
    return {
      status: 'retrying',
      case: await updateCase(ctx, c, def, { currentStepKey: step.key }),
    };
  }
  await setRun({
    ...base,
    status: 'failed',
    lastError: res.error,
    finishedAt: ctx.now,
    nextAttemptAt: null,
    lockedUntil: null,
    leaseToken: null,
  });
  await audit(
    'step.failed',
    `${step.name} failed${res.retryable ? ` after ${attempts} attempts` : ''}: ${res.error}`,
    { error: res.error },
  );
  const human = stepOrThrow(def, step.onFailure) as HumanStep;
  await createHumanTask(ctx, c, def, human, {
    context: {
      error: res.error,
      failedStep: step.name,
      stepKey: step.key,
      attempts,
      stepRunId: run.id,
    },
    reason: `Opened because "${step.name}" failed${res.retryable ? ` after ${attempts} attempts` : ''}: ${res.error}`,
  });
  return { status: 'failed', case: await updateCase(ctx, c, def, { currentStepKey: human.key }) };
}
