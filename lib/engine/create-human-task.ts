import { randomUUID } from 'node:crypto';
import type { HumanStep, CaseDefinition } from '../domain/case-definition';
import { notifications, tasks } from '../../db/schema';
import { lastHandlerInGroup, pickAssignee, resolveDelegate } from '../data/assignment';
import { fourEyesBar } from '../data/authority';
import { getActiveUserByEmail, getGroupByKey, loadSlaPolicy } from '../data/definitions';
import type { RoutingOutcome } from '../domain/routing-rules';
import { computeTaskDeadlines } from '../domain/sla';
import { decideStickyAssignee } from '../domain/sticky-routing';
import { ENGINE, type CaseRow, type EngineCtx } from './case-state';
import { recordEngineAudit } from './case-writes';

/**
 * The `after` and `metadata` of a task.created event: everything the case-as-of view rebuilds the
 * new task from (lib/domain/case-as-of.ts). The demo seed writes its history with it too.
 */
export function taskCreatedPayload(t: {
  status: string;
  step: Pick<HumanStep, 'key' | 'name'>;
  groupKey: string;
  groupId: string;
  assigneeId: string | null;
  priority: string;
  deadlines: { dueAt: Date; dueSoonAt: Date; remindAt: Date | null };
  slaKey: string;
  routing: { ruleId: string | null; ruleVersion: number | null; ruleName: string | null };
}) {
  return {
    after: {
      status: t.status,
      stepKey: t.step.key,
      name: t.step.name,
      groupKey: t.groupKey,
      candidateGroupId: t.groupId,
      assigneeId: t.assigneeId,
      priority: t.priority,
      dueAt: t.deadlines.dueAt.toISOString(),
      dueSoonAt: t.deadlines.dueSoonAt.toISOString(),
      remindAt: t.deadlines.remindAt?.toISOString() ?? null,
      slaPolicy: t.slaKey,
    },
    metadata: {
      ruleId: t.routing.ruleId,
      ruleVersion: t.routing.ruleVersion,
      ruleName: t.routing.ruleName,
    },
  };
}

/** Opens the human task of `step`: group and SLA from the routing decision or the step, assignee by strategy. */
export async function createHumanTask(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  step: HumanStep,
  opts: { routing?: RoutingOutcome; context?: Record<string, unknown>; reason?: string },
) {
  const r = opts.routing;
  const groupKey = r?.groupKey ?? step.candidateGroupKey;
  const group = ctx.config
    ? ctx.config.groupByKey.get(groupKey)
    : await getGroupByKey(ctx.tx, groupKey);
  if (!group) throw new Error(`Group "${groupKey}" of step "${step.key}" does not exist`);
  const slaKey = r?.slaPolicyKey ?? step.slaPolicyKey;
  const sla = ctx.config ? ctx.config.slaByKey.get(slaKey) : await loadSlaPolicy(ctx.tx, slaKey);
  if (!sla) throw new Error(`SLA policy "${slaKey}" does not exist`);
  const deadlines = computeTaskDeadlines(ctx.now, sla.spec, sla.calendar);

  let assigneeId: string | null = null;
  if (r?.userEmail) assigneeId = (await getActiveUserByEmail(ctx.tx, r.userEmail))?.id ?? null;
  // A sticky step stays with whoever of this group handled the case before, or waits in the
  // queue while they are away; the strategy picks only when nobody of the group has.
  const sticky =
    !assigneeId && step.sticky
      ? // A case being opened (intake's collected writes) has no completed task yet.
        decideStickyAssignee(ctx.writes ? null : await lastHandlerInGroup(ctx.tx, c.id, group.id))
      : null;
  if (sticky?.kind === 'kept') assigneeId = sticky.assigneeId;
  else if (!assigneeId && sticky?.kind !== 'queue') {
    assigneeId = await pickAssignee(ctx.tx, group.id, step.assignment, ctx.now);
    if (assigneeId) assigneeId = await resolveDelegate(ctx.tx, assigneeId);
  } else if (assigneeId) assigneeId = await resolveDelegate(ctx.tx, assigneeId);
  let stickyNote = sticky && sticky.kind !== 'strategy' ? sticky.note : null;
  // Four eyes: an approval step never lands with someone who decided on the case; it waits in
  // the group queue for someone else.
  if (
    assigneeId &&
    (await fourEyesBar(ctx.tx, { id: '', caseId: c.id, context: opts.context ?? {} }, assigneeId))
  ) {
    if (sticky?.kind === 'kept')
      stickyNote = 'To the queue: four eyes bar the person who handled the case before.';
    assigneeId = null;
  }

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
  if (stickyNote)
    routing.summary = `${routing.summary}${/[.!?]$/.test(routing.summary) ? '' : '.'} ${stickyNote}`;
  const context = opts.context ?? {};
  const values = {
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
    dueSoonAt: deadlines.dueSoonAt,
    nextEscalationAt: deadlines.nextEscalationAt,
    routing,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  } satisfies typeof tasks.$inferInsert;
  let task: { id: string; status: string };
  if (ctx.writes) {
    task = { id: randomUUID(), status: values.status };
    ctx.writes.tasks.push({ ...values, id: task.id });
  } else {
    const [row] = await ctx.tx.insert(tasks).values(values).returning();
    task = row!;
  }
  await recordEngineAudit(ctx, ENGINE, {
    action: 'task.created',
    entityType: 'task',
    entityId: task.id,
    caseId: c.id,
    taskId: task.id,
    summary: `Task "${step.name}" created for ${group.name}${assigneeId && !stickyNote ? ', assigned by ' + step.assignment.replace('_', '-') : ''}. ${routing.summary}`,
    ...taskCreatedPayload({
      status: task.status,
      step,
      groupKey,
      groupId: group.id,
      assigneeId,
      priority: values.priority,
      deadlines,
      slaKey,
      routing,
    }),
    occurredAt: ctx.now,
  });
  if (assigneeId) {
    const notification = {
      userId: assigneeId,
      kind: 'assignment' as const,
      caseId: c.id,
      taskId: task.id,
      title: `New task: ${step.name} (${c.reference})`,
      link: `/tasks/${task.id}`,
      dedupeKey: `assignment:${task.id}:1`,
    };
    if (ctx.writes) ctx.writes.notifications.push(notification);
    else
      await ctx.tx
        .insert(notifications)
        .values(notification)
        .onConflictDoNothing({ target: notifications.dedupeKey });
  }
  return task;
}
