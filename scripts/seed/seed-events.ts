import { createHash } from 'node:crypto';
import * as s from '../../db/schema';
import { authorityOf } from '../../lib/data/authority';
import { addBusinessMinutes } from '../../lib/domain/business-calendar';
import { taskCreatedPayload } from '../../lib/engine/create-human-task';
import { stepHandlers } from '../../lib/engine/handlers';
import type { AutomatedStep } from '../../lib/domain/case-definition';
import { maxPayableCents, recommendedCents, toCents } from '../../lib/domain/payout-authority';
import { payoutApprovedPayload } from '../../lib/use-cases/settle-payout';
import { autoClaimDefinition } from './auto-claim';
import type { CaseEvent, CaseSeedContext } from './seed-case';

/**
 * The engine's own events of a demo case, with the payloads the engine writes (step runs, queued
 * payments, approvals): the case-as-of view replays a seeded case like any other.
 */

const automated = (key: string) =>
  autoClaimDefinition.steps.find((st) => st.key === key) as AutomatedStep;

/**
 * A step's run and its events: queued first when it calls another system (`queuedAt`), then
 * succeeded with the handler's result and data patch, or failed. Returns the run's id.
 */
export async function seedStepRun(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  caseId: string,
  key: string,
  at: Date,
  outcome:
    | { ok: true; result: Record<string, unknown>; patch: Record<string, unknown> | null }
    | { ok: false; error: string },
  more: { attempts?: number; queued?: { at: Date; data: Record<string, unknown> } } = {},
): Promise<string> {
  const step = automated(key);
  const attempts = more.attempts ?? 1;
  const [run] = await ctx.tx
    .insert(s.stepRuns)
    .values({
      caseId,
      stepKey: key,
      handler: step.handler,
      status: outcome.ok ? 'succeeded' : 'failed',
      attempts,
      maxAttempts: step.retry.maxAttempts,
      lastError: outcome.ok ? null : outcome.error,
      startedAt: at,
      finishedAt: at,
      createdAt: more.queued?.at ?? at,
      updatedAt: at,
      result: outcome.ok ? outcome.result : null,
    })
    .returning({ id: s.stepRuns.id });
  const entity = { entityType: 'step_run', entityId: run!.id };
  const base = { stepKey: key, attempts, maxAttempts: step.retry.maxAttempts };
  const handler = stepHandlers[step.handler];
  if (more.queued && handler?.external)
    await ev(more.queued.at, ctx.engine, 'step.queued', handler.queuedSummary(more.queued.data), {
      ...entity,
      metadata: { stepKey: key, maxAttempts: step.retry.maxAttempts },
    });
  await ev(
    at,
    ctx.engine,
    outcome.ok ? 'step.succeeded' : 'step.failed',
    outcome.ok
      ? `${step.name} succeeded (${attempts} attempt${attempts > 1 ? 's' : ''})`
      : `${step.name} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${outcome.error}`,
    {
      ...entity,
      metadata: outcome.ok
        ? { ...base, result: outcome.result, patch: outcome.patch }
        : { ...base, error: outcome.error },
    },
  );
  return run!.id;
}

/**
 * The payment a decision or a straight-through rule queued (`queuedAt`) and billing issued
 * (`at`): its run, its events, and the payment id it adds to the case data (returned).
 */
export async function seedPaymentIssued(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  kase: { id: string; reference: string; data: Record<string, unknown> },
  times: { queuedAt: Date; at: Date },
  amount: number,
  attempts: number,
): Promise<Record<string, unknown>> {
  // Named like the billing simulator's payments, from the reference alone so that the same
  // clock still seeds the same cases (the simulator's key holds the case's random id).
  const key = `demo:${kase.reference}:issue-payment`;
  const paymentId = `PAY-${kase.reference}-${createHash('sha256').update(key).digest('hex').slice(0, 12).toUpperCase()}`;
  await seedStepRun(
    ctx,
    ev,
    kase.id,
    'issue-payment',
    times.at,
    { ok: true, result: { paymentId, amount }, patch: { paymentId } },
    { attempts, queued: { at: times.queuedAt, data: kase.data } },
  );
  return { paymentId };
}

/**
 * A person's approval within their authority (payout.approved, as settle-payout writes it): the
 * approved amount joins the case data. Returns that patch.
 */
export async function seedPayoutApproved(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  p: {
    caseId: string;
    taskId: string;
    email: string;
    at: Date;
    amount: number;
    data: Record<string, unknown>;
  },
): Promise<Record<string, unknown>> {
  const user = ctx.userActor(p.email);
  const payload = payoutApprovedPayload({
    amount: p.amount,
    facts: {
      amountCents: toCents(p.amount),
      recommendedCents: recommendedCents(autoClaimDefinition, p.data),
      maxPayableCents: maxPayableCents(autoClaimDefinition, p.data),
      reason: null,
    },
    authority: await authorityOf(ctx.tx, user.actorId, ctx.groupLimits),
    approver: { id: user.actorId, name: ctx.nameOf(p.email) },
    taskId: p.taskId,
    fromApprovalStep: false,
  });
  await ev(p.at, user, 'payout.approved', payload.summary, {
    entityType: 'case',
    entityId: p.caseId,
    taskId: p.taskId,
    after: payload.after,
    metadata: payload.metadata,
  });
  return { approvedPayout: p.amount };
}

/**
 * The task a payment that failed for good opens (createHumanTask after step.failed): to the
 * adjusters, with the failure as its context.
 */
export async function seedPaymentFailureTask(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  caseId: string,
  at: Date,
  failure: { error: string; runId: string },
): Promise<number> {
  const step = ctx.humanStep('resolve-payment-failure');
  const group = ctx.groupIds.get(step.candidateGroupKey)!;
  const dueAt = addBusinessMinutes(at, 4 * 60, ctx.cal);
  const dueSoonAt = addBusinessMinutes(dueAt, -60, ctx.cal);
  const routing = {
    ruleId: null,
    ruleVersion: null,
    ruleName: null,
    summary: `Opened because "Issue payment" failed after 5 attempts: ${failure.error}`,
  };
  const [t] = await ctx.tx
    .insert(s.tasks)
    .values({
      caseId,
      stepKey: step.key,
      name: step.name,
      status: 'ready',
      candidateGroupId: group,
      priority: 'high',
      outcomes: step.outcomes,
      context: {
        error: failure.error,
        failedStep: 'Issue payment',
        stepKey: 'issue-payment',
        attempts: 5,
        stepRunId: failure.runId,
      },
      slaPolicyId: ctx.slaIds.get(step.slaPolicyKey),
      dueAt,
      remindAt: dueSoonAt,
      dueSoonAt,
      nextEscalationAt: dueAt,
      routing,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: s.tasks.id });
  await ev(
    at,
    ctx.engine,
    'task.created',
    `Task "${step.name}" created for Claims adjusters. ${routing.summary}`,
    {
      taskId: t!.id,
      ...taskCreatedPayload({
        status: 'ready',
        step,
        groupKey: step.candidateGroupKey,
        groupId: group,
        assigneeId: null,
        priority: 'high',
        deadlines: { dueAt, dueSoonAt, remindAt: dueSoonAt },
        slaKey: step.slaPolicyKey,
        routing,
      }),
    },
  );
  return 1;
}
