import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, notifications, referenceCounters, stepRuns, tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { pickAssignee, resolveDelegate } from '../data/assignment';
import {
  getActiveUserByEmail,
  getGroupByKey,
  loadCurrentRules,
  loadSlaPolicy,
} from '../data/definitions';
import type {
  CaseDefinition,
  HumanStep,
  AutomatedStep,
  StepDefinition,
} from '../domain/case-definition';
import { findStep } from '../domain/case-definition';
import { hasAttemptsLeft, nextRetryDelayMs } from '../domain/retry';
import { evaluateRules, valueAtPath, type RoutingOutcome } from '../domain/routing-rules';
import { computeTaskDeadlines } from '../domain/sla';
import { stepHandlers } from './handlers';

export type CaseRow = typeof cases.$inferSelect;
export type EngineCtx = { tx: DbOrTx; now: Date; random: () => number };

const ENGINE = { kind: 'system', name: 'engine' } as const;
const MAX_STEPS_PER_ADVANCE = 50;

export function nextInOrder(def: CaseDefinition, key: string): string | null {
  const i = def.steps.findIndex((s) => s.key === key);
  return def.steps[i + 1]?.key ?? null;
}

function stepOrThrow(def: CaseDefinition, key: string): StepDefinition {
  const s = findStep(def, key);
  if (!s) throw new Error(`Case definition has no step "${key}"`);
  return s;
}

/** Reference like CLM-2026-000123 from a per-prefix, per-year counter (row-locked, so gap-free and unique). */
export async function nextReference(tx: DbOrTx, prefix: string, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [row] = await tx
    .insert(referenceCounters)
    .values({ prefix, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [referenceCounters.prefix, referenceCounters.year],
      set: { lastValue: sql`${referenceCounters.lastValue} + 1` },
    })
    .returning({ n: referenceCounters.lastValue });
  return `${prefix}-${year}-${String(row!.n).padStart(6, '0')}`;
}

function amountCentsOf(def: CaseDefinition, data: Record<string, unknown>): number | null {
  const v =
    data.approvedPayout ??
    (def.display.amountPath ? valueAtPath(data, def.display.amountPath) : undefined);
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : null;
}

export async function updateCase(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  patch: Partial<typeof cases.$inferInsert>,
): Promise<CaseRow> {
  const data = (patch.data ?? c.data) as Record<string, unknown>;
  const [next] = await ctx.tx
    .update(cases)
    .set({
      ...patch,
      amountCents: amountCentsOf(def, data),
      version: c.version + 1,
      updatedAt: ctx.now,
    })
    .where(and(eq(cases.id, c.id), eq(cases.version, c.version)))
    .returning();
  if (!next) throw new Error(`Case ${c.reference} changed concurrently`);
  return next;
}

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

type AttemptResult = { status: 'succeeded' | 'retrying' | 'failed'; case: CaseRow };

/** One attempt of an automated step: success moves on; a transient failure schedules a retry; the last failure hands over to a person. */
export async function attemptStep(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  step: AutomatedStep,
  run: typeof stepRuns.$inferSelect,
): Promise<AttemptResult> {
  const attempts = run.attempts + 1;
  const handler = stepHandlers[step.handler];
  const res = handler
    ? await handler({ caseReference: c.reference, data: c.data, now: ctx.now })
    : ({
        ok: false,
        retryable: false,
        error: `No handler registered for "${step.handler}"`,
      } as const);
  const base = { attempts, updatedAt: ctx.now, startedAt: run.startedAt ?? ctx.now };
  const audit = (action: string, summary: string, metadata: Record<string, unknown> = {}) =>
    recordAudit(ctx.tx, ENGINE, {
      action,
      entityType: 'step_run',
      entityId: run.id,
      caseId: c.id,
      summary,
      metadata: { stepKey: step.key, attempts, maxAttempts: step.retry.maxAttempts, ...metadata },
      occurredAt: ctx.now,
    });

  if (res.ok) {
    await ctx.tx
      .update(stepRuns)
      .set({
        ...base,
        status: 'succeeded',
        finishedAt: ctx.now,
        result: res.result ?? null,
        nextAttemptAt: null,
        lockedUntil: null,
      })
      .where(eq(stepRuns.id, run.id));
    await audit(
      'step.succeeded',
      `${step.name}: ${res.summary} (${attempts} attempt${attempts > 1 ? 's' : ''})`,
      { result: res.result ?? null },
    );
    const next = res.patch
      ? await updateCase(ctx, c, def, { data: { ...c.data, ...res.patch } })
      : c;
    return { status: 'succeeded', case: next };
  }
  if (res.retryable && hasAttemptsLeft(step.retry, attempts)) {
    const at = new Date(ctx.now.getTime() + nextRetryDelayMs(step.retry, attempts, ctx.random));
    await ctx.tx
      .update(stepRuns)
      .set({
        ...base,
        status: 'pending',
        lastError: res.error,
        nextAttemptAt: at,
        lockedUntil: null,
      })
      .where(eq(stepRuns.id, run.id));
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
  await ctx.tx
    .update(stepRuns)
    .set({
      ...base,
      status: 'failed',
      lastError: res.error,
      finishedAt: ctx.now,
      nextAttemptAt: null,
      lockedUntil: null,
    })
    .where(eq(stepRuns.id, run.id));
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

export async function createHumanTask(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  step: HumanStep,
  opts: { routing?: RoutingOutcome; context?: Record<string, unknown>; reason?: string },
) {
  const r = opts.routing;
  const groupKey = r?.groupKey ?? step.candidateGroupKey;
  const group = await getGroupByKey(ctx.tx, groupKey);
  if (!group) throw new Error(`Group "${groupKey}" of step "${step.key}" does not exist`);
  const slaKey = r?.slaPolicyKey ?? step.slaPolicyKey;
  const sla = await loadSlaPolicy(ctx.tx, slaKey);
  if (!sla) throw new Error(`SLA policy "${slaKey}" does not exist`);
  const deadlines = computeTaskDeadlines(ctx.now, sla.spec, sla.calendar);

  let assigneeId: string | null = null;
  if (r?.userEmail) assigneeId = (await getActiveUserByEmail(ctx.tx, r.userEmail))?.id ?? null;
  if (!assigneeId) assigneeId = await pickAssignee(ctx.tx, group.id, step.assignment, ctx.now);
  if (assigneeId) assigneeId = await resolveDelegate(ctx.tx, assigneeId);

  const routing = r?.rule
    ? {
        ruleId: r.rule.id,
        ruleVersion: r.rule.version,
        ruleName: r.rule.name,
        summary: `Routed to ${group.name} by rule "${r.rule.name}" v${r.rule.version}`,
      }
    : {
        ruleId: null,
        ruleVersion: null,
        ruleName: null,
        summary: opts.reason ?? `Routed to ${group.name} by the case definition`,
      };
  const context = {
    ...(opts.context ?? {}),
    ...(r?.approvalStepKey && r.stepKey === step.key ? { approvalStepKey: r.approvalStepKey } : {}),
  };
  const [task] = await ctx.tx
    .insert(tasks)
    .values({
      caseId: c.id,
      stepKey: step.key,
      name: step.name,
      status: assigneeId ? 'claimed' : 'ready',
      assigneeId,
      claimedAt: assigneeId ? ctx.now : null,
      candidateGroupId: group.id,
      priority: r?.priority ?? c.priority,
      outcomes: step.outcomes,
      context,
      slaPolicyId: sla.id,
      dueAt: deadlines.dueAt,
      remindAt: deadlines.remindAt,
      nextEscalationAt: deadlines.nextEscalationAt,
      routing,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await recordAudit(ctx.tx, ENGINE, {
    action: 'task.created',
    entityType: 'task',
    entityId: task!.id,
    caseId: c.id,
    taskId: task!.id,
    summary: `Task "${step.name}" created for ${group.name}${assigneeId ? ', assigned by ' + step.assignment.replace('_', '-') : ''}. ${routing.summary}`,
    after: {
      status: task!.status,
      groupKey,
      assigneeId,
      dueAt: deadlines.dueAt.toISOString(),
      remindAt: deadlines.remindAt?.toISOString() ?? null,
      slaPolicy: slaKey,
    },
    metadata: { ruleId: routing.ruleId, ruleVersion: routing.ruleVersion },
    occurredAt: ctx.now,
  });
  if (assigneeId) {
    await ctx.tx
      .insert(notifications)
      .values({
        userId: assigneeId,
        kind: 'assignment',
        caseId: c.id,
        taskId: task!.id,
        title: `New task: ${step.name} (${c.reference})`,
        link: `/tasks/${task!.id}`,
        dedupeKey: `assignment:${task!.id}:1`,
      })
      .onConflictDoNothing({ target: notifications.dedupeKey });
  }
  return task!;
}
