import { count, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import * as s from '../schema';
import { hashApiToken, displayPrefix } from '../../lib/auth/api-token';
import { hashPassword } from '../../lib/auth/password';
import {
  addBusinessMinutes,
  makeCalendar,
  subtractDuration,
  type BusinessCalendar,
} from '../../lib/domain/business-calendar';
import type { HumanStep } from '../../lib/domain/case-definition';
import { autoClaimDefinition, ruleSeeds, slaPolicySeeds, standardCalendar } from './auto-claim';

export const DEMO_PASSWORD = 'handoff-demo';
export const DEMO_TOKEN = 'demo-intake-token';

export const demoUsers = [
  {
    email: 'adjuster@example.com',
    name: 'Alex Adjuster',
    role: 'adjuster',
    groups: ['claims-adjusters'],
  },
  {
    email: 'adjuster2@example.com',
    name: 'Bea Brooks',
    role: 'adjuster',
    groups: ['claims-adjusters'],
  },
  {
    email: 'senior@example.com',
    name: 'Sam Senior',
    role: 'adjuster',
    groups: ['senior-adjusters'],
  },
  {
    email: 'siu@example.com',
    name: 'Ivy Investigator',
    role: 'adjuster',
    groups: ['special-investigations'],
  },
  { email: 'intake@example.com', name: 'Ian Intake', role: 'adjuster', groups: ['claims-intake'] },
  {
    email: 'supervisor@example.com',
    name: 'Sue Supervisor',
    role: 'supervisor',
    groups: ['claims-supervisors'],
  },
  { email: 'admin@example.com', name: 'Ada Admin', role: 'admin', groups: [] },
] as const;

const demoGroups = [
  { key: 'claims-adjusters', name: 'Claims adjusters', supervisor: 'supervisor@example.com' },
  { key: 'senior-adjusters', name: 'Senior adjusters', supervisor: 'supervisor@example.com' },
  { key: 'claims-supervisors', name: 'Claims supervisors', supervisor: 'supervisor@example.com' },
  { key: 'claims-intake', name: 'Claims intake', supervisor: 'supervisor@example.com' },
  {
    key: 'special-investigations',
    name: 'Special investigations',
    supervisor: 'admin@example.com',
  },
] as const;

/** mulberry32: the same seed gives the same demo every time. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ada',
  'Tom',
  'Grace',
  'Linus',
  'Mae',
  'Omar',
  'Priya',
  'Jonas',
  'Lena',
  'Kofi',
  'Rosa',
  'Hiro',
  'Nina',
  'Ezra',
  'Ines',
  'Yusuf',
];
const LAST = [
  'Byron',
  'Reed',
  'Hopper',
  'Park',
  'Jemison',
  'Haddad',
  'Nair',
  'Berg',
  'Schulz',
  'Mensah',
  'Diaz',
  'Tanaka',
  'Ivanova',
  'Cole',
  'Costa',
  'Aydin',
];

/** What each demo case looks like now; each entry becomes one case with a consistent history. */
type Scenario =
  | {
      kind: 'open';
      step: string;
      assignee?: string;
      due: 'on_time' | 'due_soon' | 'overdue' | 'minutes';
      level?: 0 | 1 | 2;
      estimate?: number;
      fraud?: number;
    }
  | { kind: 'waiting' }
  | { kind: 'closed'; how: 'approved' | 'straight_through' | 'denied' }
  | { kind: 'payment_failure' }
  | { kind: 'fix_data' };

const scenarios: Scenario[] = [
  ...Array.from(
    { length: 6 },
    () => ({ kind: 'open', step: 'adjuster-review', due: 'on_time' }) as Scenario,
  ),
  { kind: 'open', step: 'adjuster-review', due: 'due_soon' },
  { kind: 'open', step: 'adjuster-review', due: 'minutes' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster@example.com', due: 'on_time' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster@example.com', due: 'on_time' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster@example.com', due: 'due_soon' },
  {
    kind: 'open',
    step: 'adjuster-review',
    assignee: 'adjuster@example.com',
    due: 'overdue',
    level: 1,
  },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster2@example.com', due: 'on_time' },
  { kind: 'open', step: 'adjuster-review', assignee: 'adjuster2@example.com', due: 'due_soon' },
  {
    kind: 'open',
    step: 'adjuster-review',
    assignee: 'adjuster2@example.com',
    due: 'overdue',
    level: 1,
  },
  { kind: 'open', step: 'adjuster-review', due: 'overdue', level: 1 },
  { kind: 'open', step: 'adjuster-review', due: 'overdue', level: 1 },
  { kind: 'open', step: 'adjuster-review', due: 'overdue', level: 2 },
  { kind: 'open', step: 'senior-review', due: 'on_time', estimate: 72000 },
  { kind: 'open', step: 'senior-review', due: 'due_soon', estimate: 64000 },
  {
    kind: 'open',
    step: 'senior-review',
    assignee: 'senior@example.com',
    due: 'on_time',
    estimate: 88000,
  },
  {
    kind: 'open',
    step: 'senior-review',
    assignee: 'senior@example.com',
    due: 'overdue',
    level: 1,
    estimate: 59000,
  },
  { kind: 'open', step: 'supervisor-approval', due: 'on_time', estimate: 70500 },
  { kind: 'open', step: 'supervisor-approval', due: 'due_soon', estimate: 91000 },
  { kind: 'open', step: 'fraud-review', due: 'on_time', fraud: 0.86 },
  { kind: 'open', step: 'fraud-review', assignee: 'siu@example.com', due: 'on_time', fraud: 0.93 },
  { kind: 'fix_data' },
  { kind: 'payment_failure' },
  { kind: 'waiting' },
  { kind: 'waiting' },
  ...Array.from({ length: 6 }, () => ({ kind: 'closed', how: 'approved' }) as Scenario),
  { kind: 'closed', how: 'straight_through' },
  { kind: 'closed', how: 'straight_through' },
  { kind: 'closed', how: 'denied' },
  { kind: 'closed', how: 'denied' },
];

export type SeedResult = { seeded: boolean; cases: number; tasks: number };

export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(s.users);
  return (row?.n ?? 0) > 0;
}

/**
 * Seeds the demo data contract. Deterministic apart from `now`, which places deadlines so that
 * the demo always has work that is on time, due soon, overdue and escalated.
 * Does nothing when users already exist (returns seeded: false).
 */
export async function seedDemo(
  db: DbOrTx,
  options: { now?: Date; dueSoonSeconds?: number } = {},
): Promise<SeedResult> {
  const now = options.now ?? new Date();
  /** One task falls due this long after seeding (HANDOFF_DEMO_DUE_SOON_SECONDS, default 4 minutes). */
  const dueSoonSeconds =
    options.dueSoonSeconds ?? (Number(process.env.HANDOFF_DEMO_DUE_SOON_SECONDS) || 240);
  const rand = prng(20261127);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    if (await isSeeded(tx)) return { seeded: false, cases: 0, tasks: 0 };

    const userIds = new Map<string, string>();
    for (const u of demoUsers) {
      const [row] = await tx
        .insert(s.users)
        .values({
          email: u.email,
          name: u.name,
          role: u.role,
          passwordHash,
          timeZone: 'America/New_York',
        })
        .returning({ id: s.users.id });
      userIds.set(u.email, row!.id);
    }
    const uid = (email: string) => userIds.get(email)!;

    const groupIds = new Map<string, string>();
    for (const g of demoGroups) {
      const [row] = await tx
        .insert(s.groups)
        .values({ key: g.key, name: g.name, supervisorId: uid(g.supervisor) })
        .returning({ id: s.groups.id });
      groupIds.set(g.key, row!.id);
    }
    for (const u of demoUsers) {
      for (const g of u.groups)
        await tx
          .insert(s.groupMemberships)
          .values({ groupId: groupIds.get(g)!, userId: uid(u.email) });
    }

    const [calendar] = await tx
      .insert(s.businessCalendars)
      .values({
        key: standardCalendar.key,
        name: standardCalendar.name,
        timeZone: standardCalendar.timeZone,
        workingHours: standardCalendar.workingHours,
      })
      .returning();
    await tx
      .insert(s.calendarHolidays)
      .values(
        standardCalendar.holidays.map(([day, name]) => ({ calendarId: calendar!.id, day, name })),
      );
    const cal = makeCalendar({
      ...standardCalendar,
      holidays: standardCalendar.holidays.map(([d]) => d),
    });

    const slaIds = new Map<string, string>();
    for (const p of slaPolicySeeds) {
      const [row] = await tx
        .insert(s.slaPolicies)
        .values({
          ...p,
          calendarId: calendar!.id,
          fallbackGroupId: groupIds.get('claims-supervisors'),
        })
        .returning({ id: s.slaPolicies.id });
      slaIds.set(p.key, row!.id);
    }

    const adminId = uid('admin@example.com');
    const [caseType] = await tx
      .insert(s.caseTypes)
      .values({ key: 'auto-claim', name: 'Auto insurance claim' })
      .returning();
    const [typeVersion] = await tx
      .insert(s.caseTypeVersions)
      .values({
        caseTypeId: caseType!.id,
        version: 1,
        definition: autoClaimDefinition,
        createdById: adminId,
      })
      .returning();

    const rules: { id: string; version: number; name: string }[] = [];
    for (const [i, r] of ruleSeeds.entries()) {
      const [rule] = await tx
        .insert(s.routingRules)
        .values({ caseTypeId: caseType!.id, position: (i + 1) * 10 })
        .returning();
      await tx
        .insert(s.routingRuleVersions)
        .values({ ruleId: rule!.id, version: 1, ...r, createdById: adminId });
      rules.push({ id: rule!.id, version: 1, name: r.name });
    }
    const ruleFor = (step: string) =>
      step === 'fraud-review'
        ? rules[0]!
        : step === 'senior-review' || step === 'supervisor-approval'
          ? rules[3]!
          : rules[2]!;

    const [token] = await tx
      .insert(s.apiTokens)
      .values({
        name: 'Demo intake portal',
        tokenHash: hashApiToken(DEMO_TOKEN),
        displayPrefix: displayPrefix(DEMO_TOKEN),
        scopes: ['cases:write', 'cases:read'],
        createdById: adminId,
      })
      .returning();

    const system = {
      actorType: 'system' as const,
      actorId: 'scheduler',
      actorLabel: 'system:scheduler',
    };
    const engine = { actorType: 'system' as const, actorId: 'engine', actorLabel: 'system:engine' };
    const tokenActor = {
      actorType: 'token' as const,
      actorId: token!.id,
      actorLabel: `token:${token!.name}`,
    };
    const userActor = (email: string) => ({
      actorType: 'user' as const,
      actorId: uid(email),
      actorLabel: email,
    });

    await tx.insert(s.auditEvents).values([
      {
        ...userActor('admin@example.com'),
        occurredAt: addMinutes(now, -60 * 24 * 30),
        action: 'case_type.created',
        entityType: 'case_type',
        entityId: caseType!.id,
        summary: 'Case type "Auto insurance claim" v1 created',
        after: { key: 'auto-claim', version: 1 },
      },
      {
        ...userActor('admin@example.com'),
        occurredAt: addMinutes(now, -60 * 24 * 30),
        action: 'api_token.created',
        entityType: 'api_token',
        entityId: token!.id,
        summary: 'API token "Demo intake portal" created',
        after: { scopes: token!.scopes },
      },
    ]);

    const year = now.getUTCFullYear();
    let seq = 0;
    let taskCount = 0;
    const humanStep = (key: string) =>
      autoClaimDefinition.steps.find((st) => st.key === key) as HumanStep;

    for (const sc of scenarios) {
      seq++;
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
          caseTypeId: caseType!.id,
          caseTypeVersionId: typeVersion!.id,
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
          openedByActor: tokenActor.actorLabel,
          createdAt: openedAt,
          updatedAt: taskOpenedAt,
          closedAt: closed ? addMinutes(dueAt, -120) : null,
        })
        .returning();
      const caseId = c!.id;
      const ev = (
        at: Date,
        actor: { actorType: 'user' | 'token' | 'system'; actorId: string; actorLabel: string },
        action: string,
        summary: string,
        extra: Partial<typeof s.auditEvents.$inferInsert> = {},
      ) =>
        tx.insert(s.auditEvents).values({
          ...actor,
          occurredAt: at,
          action,
          entityType: extra.taskId ? 'task' : 'case',
          entityId: extra.taskId ?? caseId,
          caseId,
          summary,
          ...extra,
        });

      await ev(
        openedAt,
        tokenActor,
        'case.opened',
        `Case opened via API by ${tokenActor.actorLabel}`,
        { after: { reference, data } },
      );
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

      type TaskSpec = {
        step: string;
        status: 'ready' | 'claimed' | 'completed';
        assignee?: string;
        level?: number;
        outcome?: string;
        outcomeData?: Record<string, unknown>;
        context?: Record<string, unknown>;
      };
      const specs: TaskSpec[] = [];
      if (sc.kind === 'open')
        specs.push({
          step: sc.step,
          status: sc.assignee ? 'claimed' : sc.level === 2 ? 'claimed' : 'ready',
          assignee: sc.level === 2 ? 'supervisor@example.com' : sc.assignee,
          level: sc.level ?? 0,
        });
      if (sc.kind === 'fix_data')
        specs.push({
          step: 'fix-claim-data',
          status: 'ready',
          context: {
            error: 'incidentDate is after the policy end date',
            stepKey: 'validate-claim',
          },
        });
      if (sc.kind === 'payment_failure')
        specs.push({
          step: 'adjuster-review',
          status: 'completed',
          assignee: 'adjuster2@example.com',
          outcome: 'approve',
          outcomeData: { payoutAmount: payout },
        });
      if (sc.kind === 'waiting')
        specs.push({
          step: 'adjuster-review',
          status: 'completed',
          assignee: 'adjuster@example.com',
          outcome: 'request_information',
          outcomeData: {
            question: 'Please send photos of the damage and the repair shop invoice.',
          },
        });
      if (sc.kind === 'closed' && sc.how !== 'straight_through')
        specs.push({
          step: 'adjuster-review',
          status: 'completed',
          assignee: rand() < 0.5 ? 'adjuster@example.com' : 'adjuster2@example.com',
          outcome: sc.how === 'denied' ? 'deny' : 'approve',
          outcomeData:
            sc.how === 'denied'
              ? { reason: 'Damage predates the policy start date.' }
              : { payoutAmount: payout },
        });

      if (sc.kind === 'closed' && sc.how === 'straight_through') {
        await ev(
          openedAt,
          engine,
          'case.routed',
          `Approved straight through by rule "${rules[1]!.name}" v1`,
          { metadata: { ruleId: rules[1]!.id, ruleVersion: 1 } },
        );
      }

      for (const spec of specs) {
        const step = humanStep(spec.step);
        const group = groupIds.get(step.candidateGroupKey)!;
        const rule = spec.step === 'fix-claim-data' ? null : ruleFor(spec.step);
        const routing = rule
          ? {
              ruleId: rule.id,
              ruleVersion: rule.version,
              ruleName: rule.name,
              summary: `Routed to ${demoGroups.find((g) => g.key === step.candidateGroupKey)!.name} by rule "${rule.name}" v${rule.version}`,
            }
          : {
              ruleId: null,
              ruleVersion: null,
              ruleName: null,
              summary: 'Opened because "Validate claim" found invalid data',
            };
        const done = spec.status === 'completed';
        const claimedAt = spec.assignee ? addMinutes(taskOpenedAt, 25) : null;
        const completedAt = done ? addMinutes(dueAt, -180) : null;
        const level = spec.level ?? 0;
        const open = !done;
        const alreadyReminded =
          open && dueAt <= addMinutes(now, 180) && sc.kind === 'open' && sc.due !== 'minutes';
        const [t] = await tx
          .insert(s.tasks)
          .values({
            caseId,
            stepKey: step.key,
            name: step.name,
            status: spec.status,
            assigneeId: spec.assignee ? uid(spec.assignee) : null,
            candidateGroupId: group,
            priority: c!.priority,
            outcomes: step.outcomes,
            context:
              spec.context ??
              (step.key === 'senior-review' ? { approvalStepKey: 'supervisor-approval' } : {}),
            slaPolicyId: slaIds.get(step.slaPolicyKey),
            dueAt,
            // The "falls due in minutes" task is reminded half-way, so a new user sees both on screen.
            remindAt:
              !open || dueAt <= now
                ? null
                : sc.kind === 'open' && sc.due === 'minutes'
                  ? new Date(now.getTime() + (dueSoonSeconds * 1000) / 2)
                  : alreadyReminded
                    ? null
                    : policyReminder(step.slaPolicyKey, taskOpenedAt, dueAt, cal),
            remindedAt: alreadyReminded ? addMinutes(dueAt, -240) : null,
            nextEscalationAt: open
              ? level === 0
                ? dueAt
                : level === 1
                  ? addBusinessMinutes(dueAt, 8 * 60, cal)
                  : null
              : null,
            escalationLevel: level,
            escalatedAt: level > 0 ? dueAt : null,
            routing,
            outcome: spec.outcome ?? null,
            outcomeData: spec.outcomeData ?? null,
            claimedAt,
            completedById: done && spec.assignee ? uid(spec.assignee) : null,
            completedAt,
            version: 1 + (spec.assignee ? 1 : 0) + level + (done ? 1 : 0),
            createdAt: taskOpenedAt,
            updatedAt: completedAt ?? claimedAt ?? taskOpenedAt,
          })
          .returning();
        taskCount++;
        const taskId = t!.id;
        if (rule)
          await ev(taskOpenedAt, engine, 'case.routed', routing.summary, {
            metadata: { ruleId: rule.id, ruleVersion: rule.version, stepKey: step.key },
          });
        await ev(
          taskOpenedAt,
          engine,
          'task.created',
          `Task "${step.name}" created for ${demoGroups.find((g) => g.key === step.candidateGroupKey)!.name}`,
          {
            taskId,
            after: {
              status: 'ready',
              dueAt: dueAt.toISOString(),
              groupKey: step.candidateGroupKey,
            },
          },
        );
        if (spec.assignee && spec.level !== 2)
          await ev(
            claimedAt!,
            userActor(spec.assignee),
            'task.claimed',
            `Claimed by ${spec.assignee}`,
            {
              taskId,
              before: { status: 'ready', assigneeId: null },
              after: { status: 'claimed', assigneeId: uid(spec.assignee) },
            },
          );
        if (t!.remindedAt)
          await ev(
            t!.remindedAt,
            system,
            'task.reminded',
            `Reminder sent to ${spec.assignee && level < 2 ? spec.assignee : 'the group'}`,
            { taskId },
          );
        if (level >= 1)
          await ev(
            dueAt,
            system,
            'task.escalated',
            'Escalated to level 1: overdue, supervisor notified',
            { taskId, before: { escalationLevel: 0 }, after: { escalationLevel: 1 } },
          );
        if (level >= 2)
          await ev(
            addBusinessMinutes(dueAt, 8 * 60, cal),
            system,
            'task.escalated',
            'Escalated to level 2: reassigned to the supervisor',
            {
              taskId,
              before: { escalationLevel: 1, assigneeId: null },
              after: { escalationLevel: 2, assigneeId: uid('supervisor@example.com') },
            },
          );
        if (done)
          await ev(
            completedAt!,
            userActor(spec.assignee!),
            'task.completed',
            `Completed with outcome "${spec.outcome}"`,
            {
              taskId,
              before: { status: 'claimed' },
              after: { status: 'completed', outcome: spec.outcome, outcomeData: spec.outcomeData },
            },
          );
      }

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
    }

    await tx.insert(s.referenceCounters).values({ prefix: 'CLM', year, lastValue: seq });
    await tx.insert(s.auditEvents).values({
      ...engine,
      occurredAt: now,
      action: 'demo.seeded',
      entityType: 'system',
      summary: `Demo data seeded: ${seq} cases, ${taskCount} tasks`,
    });
    return { seeded: true, cases: seq, tasks: taskCount };
  });
}

/** The reminder time the task's SLA policy gives (as the engine would compute it). */
function policyReminder(
  slaKey: string,
  openedAt: Date,
  dueAt: Date,
  cal: BusinessCalendar,
): Date | null {
  const p = slaPolicySeeds.find((x) => x.key === slaKey);
  if (!p?.reminder) return null;
  const at =
    'atPercent' in p.reminder
      ? new Date(
          openedAt.getTime() +
            ((dueAt.getTime() - openedAt.getTime()) * p.reminder.atPercent) / 100,
        )
      : subtractDuration(dueAt, p.reminder.before, cal);
  return at > openedAt && at < dueAt ? at : null;
}

function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60000);
}

/** Removes every table and migration record, so migrations and the seed start from nothing. */
export async function dropEverything(db: DbOrTx): Promise<void> {
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await db.execute(sql`drop schema if exists public cascade`);
  await db.execute(sql`create schema public`);
}
