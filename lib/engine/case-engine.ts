import { stepRuns } from '../../db/schema';
import { loadCurrentRules } from '../data/definitions';
import type { AutomatedStep, CaseDefinition } from '../domain/case-definition';
import { evaluateRules, type RoutingOutcome } from '../domain/routing-rules';
import { attemptStep } from './attempt-step';
import {
  ENGINE,
  nextInOrder,
  stepOrThrow,
  updateCase,
  type CaseRow,
  type EngineCtx,
} from './case-state';
import { recordEngineAudit } from './case-writes';
import { createHumanTask } from './create-human-task';
import { holdStraightThrough } from './straight-through';
import { stepHandlers, type StepHandler } from './handlers';

const MAX_STEPS_PER_ADVANCE = 50;

async function closeCase(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  resolution: string,
): Promise<CaseRow> {
  const next = await updateCase(ctx, c, def, {
    status: 'closed',
    resolution,
    currentStepKey: null,
    closedAt: ctx.now,
    waitUntil: null,
    waitingForEvent: null,
  });
  await recordEngineAudit(ctx, ENGINE, {
    action: 'case.closed',
    entityType: 'case',
    entityId: c.id,
    caseId: c.id,
    summary: `Case closed: ${resolution}`,
    before: { status: c.status },
    after: { status: 'closed', resolution },
    occurredAt: ctx.now,
  });
  return next;
}

/**
 * A step that calls another system is never run here, inside the transaction: it becomes a
 * pending step run (the outbox row) that the step worker claims after this transaction commits.
 * When there is nothing to call for (a payout of 0), the case closes without the call.
 */
async function queueExternalStep(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  step: AutomatedStep,
  handler: Extract<StepHandler, { external: true }>,
): Promise<CaseRow> {
  const skip = handler.nothingToDo?.(c.data);
  if (skip) {
    await recordEngineAudit(ctx, ENGINE, {
      action: 'step.skipped',
      entityType: 'case',
      entityId: c.id,
      caseId: c.id,
      summary: `${step.name} skipped. ${skip.reason}`,
      metadata: { stepKey: step.key, reason: skip.reason },
      occurredAt: ctx.now,
    });
    return closeCase(ctx, c, def, skip.resolution);
  }
  const values = {
    caseId: c.id,
    stepKey: step.key,
    handler: step.handler,
    status: 'pending' as const,
    maxAttempts: step.retry.maxAttempts,
    nextAttemptAt: ctx.now,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  if (ctx.writes) ctx.writes.queuedExternal = true;
  const [run] = ctx.writes
    ? [ctx.writes.newStepRun(values)]
    : await ctx.tx.insert(stepRuns).values(values).returning();
  await recordEngineAudit(ctx, ENGINE, {
    action: 'step.queued',
    entityType: 'step_run',
    entityId: run!.id,
    caseId: c.id,
    summary: handler.queuedSummary(c.data),
    metadata: { stepKey: step.key, maxAttempts: step.retry.maxAttempts },
    occurredAt: ctx.now,
  });
  return updateCase(ctx, c, def, { currentStepKey: step.key });
}

/** The summary and metadata of a case.routed event (the demo seed writes its history with it too). */
export function caseRoutedPayload(routing: RoutingOutcome) {
  const summary = routing.rule
    ? routing.straightThrough
      ? `Approved straight through by rule "${routing.rule.name}" v${routing.rule.version}`
      : `Rule "${routing.rule.name}" v${routing.rule.version} matched → ${routing.stepKey}`
    : `No rule matched → default step ${routing.stepKey}`;
  return {
    summary,
    metadata: {
      ruleId: routing.rule?.id ?? null,
      ruleVersion: routing.rule?.version ?? null,
      decision: { ...routing },
    },
  };
}

/**
 * Moves a case forward from `startKey` until it needs a person, waits for a retry, queues a
 * step that calls another system (run it with runQueuedSteps after the commit), or closes.
 * Runs inside the caller's transaction: the new state and every audit event commit together.
 */
export async function advanceCase(
  ctx: EngineCtx,
  caseRow: CaseRow,
  def: CaseDefinition,
  startKey: string | null,
  resolution = 'approved',
): Promise<CaseRow> {
  let c = caseRow;
  let key = startKey;
  let routing: RoutingOutcome | undefined;
  for (let i = 0; i < MAX_STEPS_PER_ADVANCE; i++) {
    if (key === null) return closeCase(ctx, c, def, resolution);
    const step = stepOrThrow(def, key);
    if (step.kind === 'automated') {
      const handler = stepHandlers[step.handler];
      if (handler?.external) return queueExternalStep(ctx, c, def, step, handler);
      const values = {
        caseId: c.id,
        stepKey: step.key,
        handler: step.handler,
        status: 'pending' as const,
        maxAttempts: step.retry.maxAttempts,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      const [run] = ctx.writes
        ? [ctx.writes.newStepRun(values)]
        : await ctx.tx.insert(stepRuns).values(values).returning();
      const r = await attemptStep(ctx, c, def, step, run!);
      if (r.status !== 'succeeded') return r.case;
      c = r.case;
      key = step.next === undefined ? nextInOrder(def, step.key) : step.next;
      if (key === null && step.resolution) resolution = step.resolution;
      continue;
    }
    if (step.kind === 'routing') {
      const rules = ctx.config
        ? (ctx.config.rulesByCaseType.get(c.caseTypeId) ?? [])
        : await loadCurrentRules(ctx.tx, c.caseTypeId);
      routing = evaluateRules(rules, c.data, step.defaultStep);
      await recordEngineAudit(ctx, ENGINE, {
        action: 'case.routed',
        entityType: 'case',
        entityId: c.id,
        caseId: c.id,
        ...caseRoutedPayload(routing),
        occurredAt: ctx.now,
      });
      if (routing.priority && routing.priority !== c.priority)
        c = await updateCase(ctx, c, def, { priority: routing.priority });
      // A rule that demands a second approval puts it on the case, where it stays through
      // send-backs, information requests and reassignments (settle-payout.ts reads it).
      if (routing.approvalStepKey && routing.rule)
        c = await updateCase(ctx, c, def, {
          approvalRequirement: { stepKey: routing.approvalStepKey, rule: routing.rule },
        });
      if (routing.straightThrough && routing.rule) {
        const held = await holdStraightThrough(ctx, c, def, step, {
          ...routing,
          rule: routing.rule,
        });
        if (held) return held;
      }
      key = routing.stepKey;
      continue;
    }
    await createHumanTask(ctx, c, def, step, { routing });
    return updateCase(ctx, c, def, { currentStepKey: step.key, status: 'open' });
  }
  throw new Error(
    `Case ${c.reference} did not settle within ${MAX_STEPS_PER_ADVANCE} steps: check the definition for a loop`,
  );
}
