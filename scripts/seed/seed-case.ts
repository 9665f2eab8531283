import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import * as s from '../../db/schema';
import { addBusinessMinutes } from '../../lib/domain/business-calendar';
import type { HumanStep } from '../../lib/domain/case-definition';
import type { GroupLimit } from '../../lib/domain/payout-authority';
import {
  evaluateRules,
  type RoutingOutcome,
  type RuleVersion,
} from '../../lib/domain/routing-rules';
import { caseRoutedPayload } from '../../lib/engine/case-engine';
import { addMinutes, FIRST, LAST, type Scenario } from './demo-data';
import { seedHumanTasks, taskSpecsFor } from './seed-case-tasks';
import { seedPaymentFailureTask, seedPaymentIssued, seedStepRun } from './seed-events';
import type { SeedActor, SeedRefs } from './seed-reference-data';

export type CaseSeedContext = SeedRefs & {
  tx: DbOrTx;
  now: Date;
  rand: () => number;
  /** When the "falls due in minutes" task is due, after seeding. */
  dueSoonSeconds: number;
  year: number;
  humanStep: (key: string) => HumanStep;
  /** The case type's routing rules, as the routing step evaluates them. */
  routingRules: RuleVersion[];
  groupLimits: GroupLimit[];
  /** A demo user's display name. */
  nameOf: (email: string) => string;
  tokenName: string;
};

/** Appends one audit event to the case's timeline. */
export type CaseEvent = (
  at: Date,
  actor: SeedActor,
  action: string,
  summary: string,
  extra?: Partial<typeof s.auditEvents.$inferInsert>,
) => Promise<void>;

/**
 * One demo case as its scenario describes it, with a consistent history: data, step runs,
 * tasks and every audit event, placed relative to `now`. Returns the number of tasks created.
 */
export async function seedCase(ctx: CaseSeedContext, sc: Scenario, seq: number): Promise<number> {
  const { tx, now, rand, dueSoonSeconds, year, humanStep, cal } = ctx;
  const { tokenActor, engine, rules, ruleFor } = ctx;
  let taskCount = 0;
  const reference = `CLM-${year}-${String(seq).padStart(6, '0')}`;
  const first = FIRST[Math.floor(rand() * FIRST.length)]!;
  const last = LAST[Math.floor(rand() * LAST.length)]!;
  const name = `${first} ${last}`;
  const openStep = sc.kind === 'open' ? sc.step : undefined;
  let estimate =
    sc.kind === 'open' && sc.estimate ? sc.estimate : 6000 + Math.round(rand() * 400) * 100;
  if (sc.kind === 'closed' && sc.how === 'straight_through')
    estimate = 1500 + Math.round(rand() * 30) * 100;
  const deductible = [250, 500, 1000][Math.floor(rand() * 3)]!;
  const coverageLimit = estimate > 50000 ? 150000 : 100000;
  const fraudScore = sc.kind === 'open' && sc.fraud ? sc.fraud : Math.round(rand() * 40) / 100;
  const payout = Math.min(estimate - deductible, coverageLimit);
  const policyNumber = `POL-${String(100000 + Math.floor(rand() * 899999))}`;
  const incident = new Date(now.getTime() - (5 + Math.floor(rand() * 20)) * 86400000)
    .toISOString()
    .slice(0, 10);
  const data: Record<string, unknown> = {
    policyNumber,
    claimant: { name, email: `${first}.${last}@example.com`.toLowerCase() },
    incidentDate: incident,
    damageEstimate: estimate,
    deductible,
    coverageLimit,
    fraudScore,
    recommendedPayout: payout,
  };
  if (sc.kind === 'fix_data') delete data.recommendedPayout;

  // When the human step opened: far enough back for the scenario's due state.
  const slaKey = openStep
    ? humanStep(openStep).slaPolicyKey
    : sc.kind === 'fix_data'
      ? 'fix-data'
      : 'adjuster-review';
  const dueSpanMinutes =
    slaKey === 'fraud-review'
      ? 40 * 60
      : slaKey === 'supervisor-approval' || slaKey === 'fix-data'
        ? 8 * 60
        : 16 * 60;
  let dueAt: Date;
  if (sc.kind === 'open') {
    dueAt =
      sc.due === 'minutes'
        ? new Date(now.getTime() + dueSoonSeconds * 1000)
        : sc.due === 'due_soon'
          ? addMinutes(now, 60 + Math.floor(rand() * 90))
          : sc.due === 'overdue'
            ? // Level 2 falls 8 business hours after due: start far enough back that it has happened.
              sc.level === 2
              ? addBusinessMinutes(now, -(10 * 60), cal)
              : addMinutes(now, -(60 * 3 + Math.floor(rand() * 300)))
            : // On time: between 30 % and 90 % of the allowed time still to go (so it opened in the past).
              addBusinessMinutes(now, Math.round(dueSpanMinutes * (0.3 + rand() * 0.6)), cal);
  } else if (sc.kind === 'fix_data') {
    dueAt = addBusinessMinutes(now, 5 * 60, cal);
  } else {
    dueAt = addMinutes(now, -60 * 24 * (2 + Math.floor(rand() * 10)));
  }
  const taskOpenedAt =
    sc.kind === 'open' && sc.due === 'minutes'
      ? addMinutes(now, -30)
      : addBusinessMinutes(dueAt, -dueSpanMinutes, cal);

  const closed = sc.kind === 'closed';
  const status = closed ? 'closed' : sc.kind === 'waiting' ? 'waiting' : 'open';
  // What the intake portal sent: the engine's steps add the rest as the history unfolds.
  const { recommendedPayout: _computed, ...intake } = data;
  // An approval step decides on a senior's decision taken hours before; the case opened first.
  const firstOpenedAt =
    openStep === 'supervisor-approval' ? addMinutes(taskOpenedAt, -6 * 60) : taskOpenedAt;
  const openedAt = addMinutes(firstOpenedAt, -1);
  const priority: 'high' | 'normal' =
    openStep === 'senior-review' ||
    openStep === 'supervisor-approval' ||
    openStep === 'fraud-review'
      ? 'high'
      : 'normal';
  const waitUntil = sc.kind === 'waiting' ? addBusinessMinutes(now, 30 * 60, cal) : null;
  const [c] = await tx
    .insert(s.cases)
    .values({
      reference,
      caseTypeId: ctx.caseTypeId,
      caseTypeVersionId: ctx.caseTypeVersionId,
      status,
      priority,
      data,
      title: name,
      amountCents: sc.kind === 'fix_data' ? null : payout * 100,
      currentStepKey: closed
        ? null
        : sc.kind === 'waiting'
          ? 'adjuster-review'
          : sc.kind === 'payment_failure'
            ? 'resolve-payment-failure'
            : sc.kind === 'fix_data'
              ? 'fix-claim-data'
              : openStep,
      resolution: closed ? (sc.how === 'denied' ? 'denied' : 'approved') : null,
      waitUntil,
      waitingForEvent: sc.kind === 'waiting' ? 'information_received' : null,
      // Rule "Payout over 50,000" demands a second approval; the case keeps that until it is given.
      approvalRequirement:
        !closed && (openStep === 'senior-review' || openStep === 'supervisor-approval')
          ? { stepKey: 'supervisor-approval', rule: ctx.ruleFor('senior-review') }
          : null,
      openedByActor: tokenActor.actorLabel,
      createdAt: openedAt,
      updatedAt: taskOpenedAt,
      closedAt: closed ? addMinutes(dueAt, -120) : null,
    })
    .returning();
  const caseId = c!.id;
  const ev: CaseEvent = async (at, actor, action, summary, extra = {}) => {
    await tx.insert(s.auditEvents).values({
      ...actor,
      occurredAt: at,
      action,
      entityType: extra.taskId ? 'task' : 'case',
      entityId: extra.taskId ?? caseId,
      caseId,
      summary,
      ...extra,
    });
  };

  await ev(
    openedAt,
    tokenActor,
    'case.opened',
    `Case ${reference} opened via API by token "${ctx.tokenName}"`,
    {
      after: {
        reference,
        caseType: 'auto-claim',
        definitionVersion: 1,
        priority: 'normal',
        data: intake,
      },
    },
  );
  let decision: RoutingOutcome | null = null;
  if (sc.kind === 'fix_data') {
    const error = 'incidentDate is after the policy end date';
    await seedStepRun(ctx, ev, caseId, 'validate-claim', openedAt, { ok: false, error });
  } else {
    await seedStepRun(ctx, ev, caseId, 'validate-claim', openedAt, {
      ok: true,
      result: { valid: true },
      patch: null,
    });
    const patch = { recommendedPayout: payout };
    await seedStepRun(ctx, ev, caseId, 'calculate-payout', openedAt, {
      ok: true,
      result: patch,
      patch,
    });
    // The routing step's decision, by the seeded rules themselves.
    decision = evaluateRules(ctx.routingRules, data, 'adjuster-review');
    const expected =
      sc.kind === 'closed' && sc.how === 'straight_through'
        ? rules[1]!
        : ruleFor(
            openStep === 'supervisor-approval' ? 'senior-review' : (openStep ?? 'adjuster-review'),
          );
    if (decision.rule?.id !== expected.id)
      throw new Error(
        `Demo case ${reference}: routed by "${decision.rule?.name}", not "${expected.name}"`,
      );
  }
  const specs = taskSpecsFor(sc, payout, rand);
  if (sc.kind === 'closed' && sc.how === 'straight_through') {
    const { summary, metadata } = caseRoutedPayload(decision!);
    await ev(openedAt, engine, 'case.routed', summary, { metadata });
  }
  const kase = { id: caseId, reference, priority, amountCents: c!.amountCents, data };
  const seeded = await seedHumanTasks(ctx, sc, kase, { dueAt, taskOpenedAt }, specs, decision, ev);
  taskCount += seeded.count;
  let finalData = { ...data, ...seeded.dataPatch };

  if (sc.kind === 'payment_failure') {
    const at = addMinutes(now, -90);
    const error = 'Billing system answered 503 Service Unavailable';
    const runId = await seedStepRun(
      ctx,
      ev,
      caseId,
      'issue-payment',
      at,
      { ok: false, error },
      {
        attempts: 5,
        queued: { at: seeded.decidedAt!, data: finalData },
      },
    );
    taskCount += await seedPaymentFailureTask(ctx, ev, caseId, at, { error, runId });
  }
  if (sc.kind === 'waiting')
    await ev(
      addMinutes(dueAt, -180),
      engine,
      'case.waiting',
      'Waiting for "information_received" (40 business hours at most): Please send photos of the damage and the repair shop invoice.',
      { metadata: { eventType: 'information_received', waitUntil: waitUntil!.toISOString() } },
    );
  if (closed && sc.how !== 'denied') {
    const attempts = rand() < 0.3 ? 2 : 1;
    finalData = {
      ...finalData,
      ...(await seedPaymentIssued(
        ctx,
        ev,
        { id: caseId, reference, data: finalData },
        { queuedAt: seeded.decidedAt ?? openedAt, at: addMinutes(dueAt, -125) },
        payout,
        attempts,
      )),
    };
  }
  if (closed) {
    const resolution = sc.how === 'denied' ? 'denied' : 'approved';
    await ev(addMinutes(dueAt, -120), engine, 'case.closed', `Case closed: ${resolution}`, {
      before: { status: 'open' },
      after: { status: 'closed', resolution },
    });
  }
  if (Object.keys(finalData).length > Object.keys(data).length)
    await tx.update(s.cases).set({ data: finalData }).where(eq(s.cases.id, caseId));
  return taskCount;
}
