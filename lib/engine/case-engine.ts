import { stepRuns } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { loadCurrentRules } from '../data/definitions';
import type { CaseDefinition } from '../domain/case-definition';
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
import { createHumanTask } from './create-human-task';

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
  await recordAudit(ctx.tx, ENGINE, {
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
 * Moves a case forward from `startKey` until it needs a person, waits for a retry, or closes.
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
      const [run] = await ctx.tx
        .insert(stepRuns)
        .values({
          caseId: c.id,
          stepKey: step.key,
          handler: step.handler,
          status: 'pending',
          maxAttempts: step.retry.maxAttempts,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      const r = await attemptStep(ctx, c, def, step, run!);
      if (r.status !== 'succeeded') return r.case;
      c = r.case;
      key = step.next === undefined ? nextInOrder(def, step.key) : step.next;
      if (key === null && step.resolution) resolution = step.resolution;
      continue;
    }
    if (step.kind === 'routing') {
      const rules = await loadCurrentRules(ctx.tx, c.caseTypeId);
      routing = evaluateRules(rules, c.data, step.defaultStep);
      const summary = routing.rule
        ? routing.straightThrough
          ? `Approved straight through by rule "${routing.rule.name}" v${routing.rule.version}`
          : `Rule "${routing.rule.name}" v${routing.rule.version} matched → ${routing.stepKey}`
        : `No rule matched → default step ${routing.stepKey}`;
      await recordAudit(ctx.tx, ENGINE, {
        action: 'case.routed',
        entityType: 'case',
        entityId: c.id,
        caseId: c.id,
        summary,
        metadata: {
          ruleId: routing.rule?.id ?? null,
          ruleVersion: routing.rule?.version ?? null,
          decision: { ...routing },
        },
        occurredAt: ctx.now,
      });
      if (routing.priority && routing.priority !== c.priority)
        c = await updateCase(ctx, c, def, { priority: routing.priority });
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
