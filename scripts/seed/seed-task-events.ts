import { addBusinessMinutes } from '../../lib/domain/business-calendar';
import { taskMovePayload } from '../../lib/use-cases/apply-task-operation';
import { formatMoneyCents, type ApprovalRequest } from '../../lib/domain/payout-authority';
import type { RoutingOutcome } from '../../lib/domain/routing-rules';
import { caseRoutedPayload } from '../../lib/engine/case-engine';
import { demoGroups, demoUsers } from './demo-data';
import type { TaskSpec } from './seed-case-tasks';
import type { CaseEvent, CaseSeedContext } from './seed-case';

/**
 * A seeded task's history after its creation, with the payloads the product writes: the claim
 * and the completion as applyTaskOperation writes them, reminders and escalations as the
 * scheduler's sweeps do (send-due-reminders.ts, escalate-due-tasks.ts).
 */

type Moment = {
  status: 'ready' | 'claimed' | 'completed';
  assigneeId: string | null;
  version: number;
};
const none = { nextEscalationAt: null, outcome: null, outcomeData: null };

/** A person claims the ready task (version 1 → 2). */
export async function seedClaim(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  taskId: string,
  email: string,
  at: Date,
): Promise<Moment> {
  const next: Moment = { status: 'claimed', assigneeId: ctx.uid(email), version: 2 };
  await ev(at, ctx.userActor(email), 'task.claimed', `Claimed by ${ctx.nameOf(email)}`, {
    taskId,
    ...taskMovePayload(
      'claim',
      { status: 'ready', assigneeId: null, version: 1 },
      { ...next, ...none },
      false,
    ),
  });
  return next;
}

/** The reminder sweep: to the holder, or to every member of the group when nobody holds it. */
export async function seedReminder(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  task: { id: string; groupKey: string; holder: string | null; remindAt: Date },
  at: Date,
): Promise<void> {
  const recipients = task.holder
    ? [task.holder]
    : demoUsers
        .filter((u) => (u.groups as readonly string[]).includes(task.groupKey))
        .map((u) => u.email);
  await ev(
    at,
    ctx.system,
    'task.reminded',
    task.holder
      ? `Reminder sent to ${ctx.nameOf(task.holder)}`
      : `Reminder sent to the group (${recipients.length} ${recipients.length === 1 ? 'person' : 'people'})`,
    {
      taskId: task.id,
      metadata: { recipients, sent: recipients.length, remindAt: task.remindAt.toISOString() },
    },
  );
}

/**
 * The escalation ladder of the demo's policies up to `level`: level 1 notifies the supervisor at
 * the due time; level 2, eight business hours later, gives the task to the supervisor.
 */
export async function seedEscalations(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  task: { id: string; groupId: string; dueAt: Date },
  level: number,
  from: Moment,
): Promise<Moment> {
  const supervisor = ctx.uid('supervisor@example.com');
  const levelTwoAt = addBusinessMinutes(task.dueAt, 8 * 60, ctx.cal);
  let m = from;
  for (let l = 1; l <= level; l++) {
    const reassign = l === 2;
    const next: Moment = reassign
      ? { status: 'claimed', assigneeId: supervisor, version: m.version + 1 }
      : m;
    await ev(
      reassign ? levelTwoAt : task.dueAt,
      ctx.system,
      'task.escalated',
      reassign
        ? `Escalated to level 2: overdue, reassigned to ${ctx.nameOf('supervisor@example.com')} (supervisor)`
        : `Escalated to level 1: overdue, ${ctx.nameOf('supervisor@example.com')} (supervisor) notified`,
      {
        taskId: task.id,
        before: {
          escalationLevel: l - 1,
          assigneeId: m.assigneeId,
          candidateGroupId: task.groupId,
          status: m.status,
        },
        after: {
          escalationLevel: l,
          assigneeId: next.assigneeId,
          candidateGroupId: task.groupId,
          status: next.status,
          nextEscalationAt: reassign ? null : levelTwoAt.toISOString(),
        },
        metadata: {
          level: l,
          action: reassign ? 'reassign_to_supervisor' : 'notify_supervisor',
          notifiedUserIds: [supervisor],
        },
      },
    );
    m = next;
  }
  return m;
}

/** The holder completes the task with an outcome (the SLA clock stops). */
export async function seedCompletion(
  ctx: CaseSeedContext,
  ev: CaseEvent,
  taskId: string,
  email: string,
  at: Date,
  from: Moment,
  decision: { outcome: string; outcomeData: Record<string, unknown> },
): Promise<void> {
  const form = Object.entries(decision.outcomeData)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`)
    .join(', ');
  await ev(
    at,
    ctx.userActor(email),
    'task.completed',
    `Completed with outcome "${decision.outcome}"${form ? ` (${form})` : ''}`,
    {
      taskId,
      ...taskMovePayload(
        'complete',
        from,
        {
          status: 'completed',
          assigneeId: from.assigneeId,
          version: from.version + 1,
          ...none,
          ...decision,
        },
        true,
      ),
    },
  );
}

/** How the task came to its group: the routing rule, or why it opened without one. */
export function routingOf(
  ctx: CaseSeedContext,
  spec: TaskSpec,
  rule: { id: string; version: number; name: string } | null,
  request: ApprovalRequest | null,
) {
  const step = ctx.humanStep(spec.step);
  const groupName = demoGroups.find((g) => g.key === step.candidateGroupKey)!.name;
  if (rule)
    return {
      ruleId: rule.id,
      ruleVersion: rule.version,
      ruleName: rule.name,
      summary: `Routed to ${groupName} by rule "${rule.name}" v${rule.version}`,
    };
  const none = { ruleId: null, ruleVersion: null, ruleName: null };
  if (request)
    return {
      ...none,
      summary: `Approval of ${formatMoneyCents(request.requestedCents)} requested by ${request.requestedBy.name}: rule "${request.ruleName}" requires a second approval`,
    };
  return {
    ...none,
    summary: `Opened because "Validate claim" failed: ${String(spec.context?.error)}`,
  };
}

export function routedEvent(decision: RoutingOutcome) {
  const { summary, metadata } = caseRoutedPayload(decision);
  return [summary, { metadata }] as const;
}
