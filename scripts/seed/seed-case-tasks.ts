import * as s from '../../db/schema';
import {
  addBusinessMinutes,
  subtractDuration,
  type BusinessCalendar,
} from '../../lib/domain/business-calendar';
import type { ApprovalRequest } from '../../lib/domain/payout-authority';
import type { RoutingOutcome } from '../../lib/domain/routing-rules';
import { businessShare } from '../../lib/domain/sla';
import { taskCreatedPayload } from '../../lib/engine/create-human-task';
import { slaPolicySeeds } from './auto-claim-policies';
import { approvalContext } from './seed-approvals';
import { seedPayoutApproved } from './seed-events';
import {
  routedEvent,
  routingOf,
  seedClaim,
  seedCompletion,
  seedEscalations,
  seedReminder,
} from './seed-task-events';
import { addMinutes, demoGroups, type Scenario } from './demo-data';
import type { CaseSeedContext, CaseEvent } from './seed-case';

export type TaskSpec = {
  step: string;
  status: 'ready' | 'claimed' | 'completed';
  assignee?: string;
  level?: number;
  outcome?: string;
  outcomeData?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** Completed before the case's open task was opened (the decision an approval step decides on). */
  precedes?: boolean;
};

/** The human tasks a scenario's case has (completed ones included), in the order they opened. */
export function taskSpecsFor(sc: Scenario, payout: number, rand: () => number): TaskSpec[] {
  const specs: TaskSpec[] = [];
  if (sc.kind === 'open' && sc.step === 'supervisor-approval') {
    // The senior adjuster's decision the approval step decides on: above their authority.
    specs.push({
      step: 'senior-review',
      status: 'completed',
      assignee: 'senior@example.com',
      outcome: 'approve',
      outcomeData: { payoutAmount: payout },
      precedes: true,
    });
  }
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
  return specs;
}

/** What a case's human tasks left for the rest of its history. */
export type TasksSeeded = {
  count: number;
  /** What the decisions added to the case data (an approved amount). */
  dataPatch: Record<string, unknown>;
  /** When the last decision was taken. */
  decidedAt: Date | null;
};

/**
 * Inserts the case's human tasks with their history (routed, created, claimed, reminded,
 * escalated, completed, the payout decision), each event with the payload the product writes.
 * `decision`: the routing step's decision, recorded before the task it opens.
 */
export async function seedHumanTasks(
  ctx: CaseSeedContext,
  sc: Scenario,
  kase: {
    id: string;
    priority: (typeof s.cases.$inferSelect)['priority'];
    amountCents: number | null;
    data: Record<string, unknown>;
  },
  times: { dueAt: Date; taskOpenedAt: Date },
  specs: TaskSpec[],
  decision: RoutingOutcome | null,
  ev: CaseEvent,
): Promise<TasksSeeded> {
  const { tx, now, dueSoonSeconds, humanStep, groupIds, uid, slaIds, cal } = ctx;
  const out: TasksSeeded = { count: 0, dataPatch: {}, decidedAt: null };
  let request: ApprovalRequest | null = null;
  for (const spec of specs) {
    const dueAt = spec.precedes ? addMinutes(times.taskOpenedAt, -60) : times.dueAt;
    const taskOpenedAt = spec.precedes
      ? addMinutes(times.taskOpenedAt, -6 * 60)
      : times.taskOpenedAt;
    const step = humanStep(spec.step);
    const group = groupIds.get(step.candidateGroupKey)!;
    const routed = decision?.rule && decision.stepKey === spec.step ? decision.rule : null;
    const routing = routingOf(ctx, spec, routed, request);
    const done = spec.status === 'completed';
    const level = spec.level ?? 0;
    // Level 2 gives the task to the supervisor; otherwise its holder claimed it.
    const claimedBy = spec.assignee && level < 2 ? spec.assignee : null;
    const levelTwoAt = addBusinessMinutes(dueAt, 8 * 60, cal);
    const claimedAt = claimedBy ? addMinutes(taskOpenedAt, 25) : level >= 2 ? levelTwoAt : null;
    const completedAt = done
      ? spec.precedes
        ? addMinutes(times.taskOpenedAt, -1)
        : addMinutes(dueAt, -180)
      : null;
    const open = !done;
    const alreadyReminded =
      open && dueAt <= addMinutes(now, 180) && sc.kind === 'open' && sc.due !== 'minutes';
    const minutes = sc.kind === 'open' && sc.due === 'minutes';
    const soon = new Date(now.getTime() + (dueSoonSeconds * 1000) / 2);
    // The reminder the policy set when the task opened (the "in minutes" task's comes half-way).
    const remindAt = minutes ? soon : policyReminder(step.slaPolicyKey, taskOpenedAt, dueAt, cal);
    const dueSoonAt = minutes ? soon : policyDueSoon(step.slaPolicyKey, taskOpenedAt, dueAt, cal);
    const context =
      spec.context ?? (request && step.key === 'supervisor-approval' ? { approval: request } : {});
    const [t] = await tx
      .insert(s.tasks)
      .values({
        caseId: kase.id,
        stepKey: step.key,
        name: step.name,
        status: spec.status,
        assigneeId: spec.assignee ? uid(spec.assignee) : null,
        candidateGroupId: group,
        priority: kase.priority,
        outcomes: step.outcomes,
        context,
        slaPolicyId: slaIds.get(step.slaPolicyKey),
        dueAt,
        remindAt: !open || dueAt <= now || alreadyReminded ? null : remindAt,
        remindedAt: alreadyReminded ? addMinutes(dueAt, -240) : null,
        dueSoonAt,
        nextEscalationAt: open ? (level === 0 ? dueAt : level === 1 ? levelTwoAt : null) : null,
        escalationLevel: level,
        escalatedAt: level > 0 ? dueAt : null,
        routing,
        outcome: spec.outcome ?? null,
        outcomeData: spec.outcomeData ?? null,
        claimedAt,
        completedById: done && spec.assignee ? uid(spec.assignee) : null,
        completedAt,
        version: 1 + (claimedBy ? 1 : 0) + (level >= 2 ? 1 : 0) + (done ? 1 : 0),
        createdAt: taskOpenedAt,
        updatedAt: completedAt ?? claimedAt ?? taskOpenedAt,
      })
      .returning();
    out.count++;
    const taskId: string = t!.id;
    if (routed) await ev(taskOpenedAt, ctx.engine, 'case.routed', ...routedEvent(decision!));
    const groupName = demoGroups.find((g) => g.key === step.candidateGroupKey)!.name;
    await ev(
      taskOpenedAt,
      ctx.engine,
      'task.created',
      `Task "${step.name}" created for ${groupName}. ${routing.summary}`,
      {
        taskId,
        ...taskCreatedPayload({
          status: 'ready',
          step,
          groupKey: step.candidateGroupKey,
          groupId: group,
          assigneeId: null,
          priority: kase.priority,
          deadlines: { dueAt, dueSoonAt, remindAt },
          slaKey: step.slaPolicyKey,
          routing,
        }),
      },
    );
    let m = { status: 'ready' as const, assigneeId: null, version: 1 } as Parameters<
      typeof seedEscalations
    >[4];
    if (claimedBy) m = await seedClaim(ctx, ev, taskId, claimedBy, claimedAt!);
    if (t!.remindedAt)
      await seedReminder(
        ctx,
        ev,
        { id: taskId, groupKey: step.candidateGroupKey, holder: claimedBy, remindAt: remindAt! },
        t!.remindedAt,
      );
    m = await seedEscalations(ctx, ev, { id: taskId, groupId: group, dueAt }, level, m);
    if (!done) continue;
    const decided = { outcome: spec.outcome!, outcomeData: spec.outcomeData! };
    await seedCompletion(ctx, ev, taskId, spec.assignee!, completedAt!, m, decided);
    out.decidedAt = completedAt;
    const amount = spec.outcomeData?.payoutAmount;
    if (spec.outcome !== 'approve' || typeof amount !== 'number') continue;
    if (spec.precedes) {
      // Above what the rule lets one person approve: the approval step opens next.
      request = approvalContext('supervisor-approval', kase, taskId, ctx)
        .approval as ApprovalRequest;
      await ev(
        completedAt!,
        ctx.userActor(spec.assignee!),
        'payout.approval_requested',
        `${ctx.nameOf(spec.assignee!)} asked for approval: rule "${request.ruleName}" requires a second approval`,
        { entityType: 'case', entityId: kase.id, taskId, metadata: { ...request } },
      );
    } else
      Object.assign(
        out.dataPatch,
        await seedPayoutApproved(ctx, ev, {
          caseId: kase.id,
          taskId,
          email: spec.assignee!,
          at: completedAt!,
          amount,
          data: kase.data,
        }),
      );
  }
  return out;
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
      ? businessShare(openedAt, dueAt, p.reminder.atPercent / 100, cal)
      : subtractDuration(dueAt, p.reminder.before, cal);
  return at > openedAt && at < dueAt ? at : null;
}

/** Where "due soon" starts, as computeTaskDeadlines would place it for these seeded times. */
function policyDueSoon(slaKey: string, openedAt: Date, dueAt: Date, cal: BusinessCalendar): Date {
  const p = slaPolicySeeds.find((x) => x.key === slaKey);
  if (!p?.reminder) return businessShare(openedAt, dueAt, 0.75, cal);
  const at =
    'atPercent' in p.reminder
      ? businessShare(openedAt, dueAt, p.reminder.atPercent / 100, cal)
      : subtractDuration(dueAt, p.reminder.before, cal);
  return new Date(Math.min(Math.max(at.getTime(), openedAt.getTime()), dueAt.getTime()));
}
