import * as s from '../../db/schema';
import {
  addBusinessMinutes,
  subtractDuration,
  type BusinessCalendar,
} from '../../lib/domain/business-calendar';
import { businessShare } from '../../lib/domain/sla';
import { slaPolicySeeds } from './auto-claim-policies';
import { approvalContext } from './seed-approvals';
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

/** Inserts the case's human tasks with their history (routed, created, claimed, reminded, escalated, completed). */
export async function seedHumanTasks(
  ctx: CaseSeedContext,
  sc: Scenario,
  kase: {
    id: string;
    priority: (typeof s.cases.$inferSelect)['priority'];
    amountCents: number | null;
  },
  times: { dueAt: Date; taskOpenedAt: Date },
  specs: TaskSpec[],
  ev: CaseEvent,
): Promise<number> {
  const { tx, now, dueSoonSeconds, humanStep, groupIds, ruleFor, uid, slaIds, cal } = ctx;
  const { engine, system, userActor } = ctx;
  let taskCount = 0;
  let previousTaskId: string | null = null;
  for (const spec of specs) {
    const dueAt = spec.precedes ? addMinutes(times.taskOpenedAt, -60) : times.dueAt;
    const taskOpenedAt = spec.precedes
      ? addMinutes(times.taskOpenedAt, -6 * 60)
      : times.taskOpenedAt;
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
    const completedAt = done
      ? spec.precedes
        ? addMinutes(times.taskOpenedAt, -1)
        : addMinutes(dueAt, -180)
      : null;
    const level = spec.level ?? 0;
    const open = !done;
    const alreadyReminded =
      open && dueAt <= addMinutes(now, 180) && sc.kind === 'open' && sc.due !== 'minutes';
    const context = spec.context ?? approvalContext(step.key, kase, previousTaskId, ctx);
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
        dueSoonAt:
          sc.kind === 'open' && sc.due === 'minutes'
            ? new Date(now.getTime() + (dueSoonSeconds * 1000) / 2)
            : policyDueSoon(step.slaPolicyKey, taskOpenedAt, dueAt, cal),
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
    const taskId: string = t!.id;
    previousTaskId = taskId;
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
  return taskCount;
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
