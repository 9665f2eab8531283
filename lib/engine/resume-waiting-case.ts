import { and, desc, eq, sql } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getRecipient, notifyOnce } from '../data/recipients';
import { isOpenTask, type TaskRow } from '../data/tasks';
import type { CaseDefinition } from '../domain/case-definition';
import { findStep } from '../domain/case-definition';
import type { Actor } from '../domain/permissions';
import { updateCase, type CaseRow, type EngineCtx } from './case-state';
import { createHumanTask } from './create-human-task';
import { findInformationRequest, followUpReason } from './information-request';

/** What arrived, appended to the case data's `information` list (its whole history). */
function withInformation(c: CaseRow, information: unknown): Record<string, unknown> {
  return {
    ...c.data,
    information: [...((c.data.information as unknown[]) ?? []), information],
  };
}

/**
 * A waiting case resumes: a follow-up task of the step that asked, with what arrived (or that
 * nothing did) and the request it answers (who asked, the question, when, the deadline).
 */
export async function resumeWaitingCase(
  ctx: EngineCtx,
  actor: Actor,
  c: CaseRow,
  def: CaseDefinition,
  context: Record<string, unknown>,
  summary: string,
) {
  const step = findStep(def, c.currentStepKey ?? '');
  if (!step || step.kind !== 'human')
    throw new Error(`Waiting case ${c.reference} has no human step to resume`);
  // Read before the case stops waiting: the step and event it waited on find the request.
  const request = await findInformationRequest(ctx.tx, c);
  const next = await updateCase(ctx, c, def, {
    status: 'open',
    waitUntil: null,
    waitingForEvent: null,
    data: context.information ? withInformation(c, context.information) : c.data,
  });
  await recordAudit(ctx.tx, actor, {
    action: 'case.resumed',
    entityType: 'case',
    entityId: c.id,
    caseId: c.id,
    summary,
    metadata: context,
    occurredAt: ctx.now,
  });
  await createHumanTask(ctx, next, def, step, {
    context: { followUp: true, ...context, ...(request ? { request } : {}) },
    reason: followUpReason(request, context.timedOut === true),
  });
}

/**
 * The open follow-up task the wait-deadline sweep made because `event` did not arrive in time
 * (locked: a late delivery and a completion of the task run one after the other), or null.
 */
export async function getTimedOutFollowUpForUpdate(
  ctx: EngineCtx,
  caseId: string,
  event: string,
): Promise<TaskRow | null> {
  const [task] = await ctx.tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.caseId, caseId),
        isOpenTask,
        sql`${tasks.context} @> ${JSON.stringify({ followUp: true, timedOut: true, event })}::jsonb`,
      ),
    )
    .orderBy(desc(tasks.createdAt))
    .limit(1)
    .for('update');
  return task ?? null;
}

/**
 * What the case waited for arrives after the deadline, while the follow-up task is open: kept
 * on the case like a timely answer, shown on the task (its `information` becomes a list from
 * the second delivery on), and its assignee told. The task's version moves on, so a completion
 * prepared before the information arrived is refused as stale instead of deciding without it.
 */
export async function attachLateInformation(
  ctx: EngineCtx,
  actor: Actor,
  c: CaseRow,
  def: CaseDefinition,
  task: TaskRow,
  information: Record<string, unknown>,
) {
  await updateCase(ctx, c, def, { data: withInformation(c, information) });
  const before: unknown = task.context.information;
  const earlier: unknown[] = Array.isArray(before) ? before : before === undefined ? [] : [before];
  const shown = earlier.length ? [...earlier, information] : information;
  const [next] = await ctx.tx
    .update(tasks)
    .set({
      context: { ...task.context, information: shown },
      version: task.version + 1,
      updatedAt: ctx.now,
    })
    .where(and(eq(tasks.id, task.id), eq(tasks.version, task.version)))
    .returning();
  if (!next) throw new Error(`Task ${task.id} changed concurrently`);
  const event = String(task.context.event);
  await recordAudit(ctx.tx, actor, {
    action: 'case.information_received_late',
    entityType: 'case',
    entityId: c.id,
    caseId: c.id,
    taskId: task.id,
    summary: `"${event}" received from ${actor.name} after the wait deadline: added to the open task "${task.name}"`,
    metadata: { event, information },
    occurredAt: ctx.now,
  });
  const recipient = task.assigneeId ? await getRecipient(ctx.tx, task.assigneeId) : null;
  if (recipient) {
    await notifyOnce(
      ctx.tx,
      {
        recipient,
        kind: 'info',
        caseId: c.id,
        taskId: task.id,
        title: `Information arrived for “${task.name}” (${c.reference})`,
        body: `${actor.name} sent it after the wait deadline; it is on the task now.`,
        link: `/tasks/${task.id}`,
        dedupeKey: `late-information:${task.id}:${next.version}`,
      },
      ctx.now,
    );
  }
}
