import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getCaseForUpdate } from '../data/cases';
import { getDefinitionVersion, loadSlaPolicyById } from '../data/definitions';
import { getTask, type TaskRow } from '../data/tasks';
import { addBusinessMinutes } from '../domain/business-calendar';
import { outcomeFormSchema } from '../domain/case-data';
import { findStep } from '../domain/case-definition';
import type { UserActor } from '../domain/permissions';
import { advanceCase } from '../engine/case-engine';
import { nextInOrder, updateCase, type EngineCtx } from '../engine/case-state';
import { DomainError } from '../errors';
import { parseOrThrow } from '../validation';
import { applyTaskOperation } from './apply-task-operation';
import { guard } from './guard';

export type CompleteTaskInput = {
  taskId: string;
  outcome: string;
  data: Record<string, unknown>;
  expectedVersion?: number;
};

/**
 * Completes a task with an outcome and its form, and moves the case on — in one transaction.
 * A stale version (someone reassigned or completed it meanwhile) is a 409; a double submit
 * completes once.
 */
export async function completeTask(
  db: DbOrTx,
  actor: UserActor,
  input: CompleteTaskInput,
  now = new Date(),
  random: () => number = Math.random,
) {
  const seen = await getTask(db, input.taskId);
  if (!seen) throw new DomainError('not_found', 'Task was not found.');
  // Authorize before validating, so the form of someone else's task reveals nothing.
  await guard(
    db,
    actor,
    'task.complete',
    { type: 'task', candidateGroupId: seen.candidateGroupId, assigneeId: seen.assigneeId },
    { type: 'task', id: seen.id, caseId: seen.caseId, taskId: seen.id },
  );
  const outcome = seen.outcomes.find((o) => o.key === input.outcome);
  if (!outcome) {
    throw new DomainError(
      'validation',
      `Unknown outcome "${input.outcome}"; expected one of ${seen.outcomes.map((o) => o.key).join(', ')}.`,
      {
        outcome: `must be one of ${seen.outcomes.map((o) => o.key).join(', ')}`,
      },
    );
  }
  const formData = parseOrThrow(outcomeFormSchema(outcome.fields), input.data ?? {}, {
    prefix: ['data'],
    lead: `Invalid ${outcome.label.toLowerCase()} form`,
  }) as Record<string, unknown>;

  return applyTaskOperation(
    db,
    actor,
    {
      taskId: input.taskId,
      expectedVersion: input.expectedVersion,
      command: {
        op: 'complete',
        outcome: outcome.key,
        allowedOutcomes: seen.outcomes.map((o) => o.key),
      },
      summary: () => `${actor.name} completed with “${outcome.label}”${describeForm(formData)}`,
      patch: () => ({
        outcome: outcome.key,
        outcomeData: formData,
        completedById: actor.id,
        completedAt: now,
      }),
      advanceCase: (tx, before) => continueCase({ tx, now, random }, before, outcome.key, formData),
    },
    now,
  );
}

function describeForm(data: Record<string, unknown>): string {
  const parts = Object.entries(data).map(
    ([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`,
  );
  return parts.length ? ` (${parts.join(', ')})` : '';
}

async function continueCase(
  ctx: EngineCtx,
  task: TaskRow,
  outcomeKey: string,
  formData: Record<string, unknown>,
) {
  const c = await getCaseForUpdate(ctx.tx, task.caseId);
  if (!c) throw new Error('Case of the task is missing');
  if (c.status === 'closed' || c.status === 'cancelled') return;
  const version = await getDefinitionVersion(ctx.tx, c.caseTypeVersionId);
  const def = version!.definition;
  const outcome = task.outcomes.find((o) => o.key === outcomeKey)!;

  let current = c;
  if (typeof formData.payoutAmount === 'number')
    current = await updateCase(ctx, current, def, {
      data: { ...current.data, approvedPayout: formData.payoutAmount },
    });

  if (outcome.waitForEvent) {
    const sla = await loadSlaPolicyById(ctx.tx, task.slaPolicyId);
    const waitUntil = sla
      ? addBusinessMinutes(ctx.now, outcome.waitForEvent.timeoutBusinessHours * 60, sla.calendar)
      : new Date(ctx.now.getTime() + outcome.waitForEvent.timeoutBusinessHours * 3_600_000);
    await updateCase(ctx, current, def, {
      status: 'waiting',
      waitingForEvent: outcome.waitForEvent.eventType,
      waitUntil,
      currentStepKey: task.stepKey,
    });
    await recordAudit(
      ctx.tx,
      { kind: 'system', name: 'engine' },
      {
        action: 'case.waiting',
        entityType: 'case',
        entityId: c.id,
        caseId: c.id,
        summary: `Waiting for "${outcome.waitForEvent.eventType}" (${outcome.waitForEvent.timeoutBusinessHours} business hours at most)${typeof formData.question === 'string' ? `: ${formData.question}` : ''}`,
        metadata: { eventType: outcome.waitForEvent.eventType, waitUntil: waitUntil.toISOString() },
        occurredAt: ctx.now,
      },
    );
    return;
  }

  const approval =
    typeof task.context.approvalStepKey === 'string' && outcomeKey === 'approve'
      ? task.context.approvalStepKey
      : undefined;
  const next =
    approval ?? (outcome.next === undefined ? nextInOrder(def, task.stepKey) : outcome.next);
  if (next !== null && !findStep(def, next))
    throw new Error(`Outcome "${outcomeKey}" leads to unknown step "${next}"`);
  await advanceCase(
    ctx,
    current,
    def,
    next,
    outcome.resolution ?? (outcomeKey === 'approve' ? 'approved' : outcomeKey),
  );
}
