import type { DbOrTx } from '../../db/client';
import * as s from '../../db/schema';
import { addBusinessMinutes } from '../../lib/domain/business-calendar';
import type { HumanStep } from '../../lib/domain/case-definition';
import { addMinutes, FIRST, LAST, type Scenario } from './demo-data';
import { seedHumanTasks, taskSpecsFor } from './seed-case-tasks';
import type { SeedActor, SeedRefs } from './seed-reference-data';

export type CaseSeedContext = SeedRefs & {
  tx: DbOrTx;
  now: Date;
  rand: () => number;
  /** When the "falls due in minutes" task is due, after seeding. */
  dueSoonSeconds: number;
  year: number;
  humanStep: (key: string) => HumanStep;
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
  const { groupIds, slaIds, tokenActor, engine, rules } = ctx;
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
  const openedAt = addMinutes(taskOpenedAt, -1);

  const closed = sc.kind === 'closed';
  const status = closed ? 'closed' : sc.kind === 'waiting' ? 'waiting' : 'open';
  const [c] = await tx
    .insert(s.cases)
    .values({
      reference,
      caseTypeId: ctx.caseTypeId,
      caseTypeVersionId: ctx.caseTypeVersionId,
      status,
      priority:
        openStep === 'senior-review' ||
        openStep === 'supervisor-approval' ||
        openStep === 'fraud-review'
          ? 'high'
          : 'normal',
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
      waitUntil: sc.kind === 'waiting' ? addBusinessMinutes(now, 30 * 60, cal) : null,
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

  await ev(openedAt, tokenActor, 'case.opened', `Case opened via API by ${tokenActor.actorLabel}`, {
    after: { reference, data },
  });
  const runStep = async (
    key: string,
    handler: string,
    at: Date,
    ok: boolean,
    attempts = 1,
    error?: string,
  ) => {
    await tx.insert(s.stepRuns).values({
      caseId,
      stepKey: key,
      handler,
      status: ok ? 'succeeded' : 'failed',
      attempts,
      maxAttempts: key === 'issue-payment' ? 5 : 3,
      lastError: error ?? null,
      startedAt: at,
      finishedAt: at,
      createdAt: at,
      updatedAt: at,
      result: ok
        ? key === 'calculate-payout'
          ? { recommendedPayout: payout }
          : { valid: true }
        : null,
    });
    await ev(
      at,
      engine,
      ok ? 'step.succeeded' : 'step.failed',
      ok
        ? `${key} succeeded (${attempts} attempt${attempts > 1 ? 's' : ''})`
        : `${key} failed after ${attempts} attempts: ${error}`,
      {
        entityType: 'step_run',
        entityId: key,
        metadata: { stepKey: key, attempts, error: error ?? null },
      },
    );
  };

  if (sc.kind === 'fix_data') {
    await runStep(
      'validate-claim',
      'validate-claim',
      openedAt,
      false,
      1,
      'incidentDate is after the policy end date',
    );
  } else {
    await runStep('validate-claim', 'validate-claim', openedAt, true);
    await runStep('calculate-payout', 'calculate-payout', openedAt, true);
  }

  const specs = taskSpecsFor(sc, payout, rand);

  if (sc.kind === 'closed' && sc.how === 'straight_through') {
    await ev(
      openedAt,
      engine,
      'case.routed',
      `Approved straight through by rule "${rules[1]!.name}" v1`,
      { metadata: { ruleId: rules[1]!.id, ruleVersion: 1 } },
    );
  }

  taskCount += await seedHumanTasks(ctx, sc, c!, { dueAt, taskOpenedAt }, specs, ev);

  if (sc.kind === 'payment_failure') {
    const at = addMinutes(now, -90);
    await runStep(
      'issue-payment',
      'issue-payment',
      at,
      false,
      5,
      'Billing system answered 503 Service Unavailable',
    );
    const step = humanStep('resolve-payment-failure');
    const pDue = addBusinessMinutes(at, 4 * 60, cal);
    const [t] = await tx
      .insert(s.tasks)
      .values({
        caseId,
        stepKey: step.key,
        name: step.name,
        status: 'ready',
        candidateGroupId: groupIds.get(step.candidateGroupKey),
        priority: 'high',
        outcomes: step.outcomes,
        context: {
          error: 'Billing system answered 503 Service Unavailable',
          stepKey: 'issue-payment',
          attempts: 5,
        },
        slaPolicyId: slaIds.get(step.slaPolicyKey),
        dueAt: pDue,
        remindAt: addBusinessMinutes(pDue, -60, cal),
        dueSoonAt: addBusinessMinutes(pDue, -60, cal),
        nextEscalationAt: pDue,
        routing: {
          ruleId: null,
          ruleVersion: null,
          ruleName: null,
          summary: 'Opened because "Issue payment" failed after 5 attempts',
        },
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    taskCount++;
    await ev(at, engine, 'task.created', `Task "${step.name}" created for Claims adjusters`, {
      taskId: t!.id,
    });
  }
  if (sc.kind === 'waiting')
    await ev(
      addMinutes(dueAt, -180),
      engine,
      'case.waiting',
      'Waiting for information from the claimant',
      { metadata: { eventType: 'information_received' } },
    );
  if (closed && sc.how !== 'denied') {
    const at = addMinutes(dueAt, -125);
    await runStep('issue-payment', 'issue-payment', at, true, rand() < 0.3 ? 2 : 1);
  }
  if (closed)
    await ev(
      addMinutes(dueAt, -120),
      engine,
      'case.closed',
      `Case closed: ${sc.how === 'denied' ? 'denied' : 'approved and paid'}`,
      { before: { status: 'open' }, after: { status: 'closed' } },
    );
  return taskCount;
}
