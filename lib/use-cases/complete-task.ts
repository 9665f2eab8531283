import type { Db } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getCaseForUpdate } from '../data/cases';
import { getDefinitionVersion, loadSlaPolicyById } from '../data/definitions';
import { getTask, type TaskRow } from '../data/tasks';
import { addBusinessMinutes } from '../domain/business-calendar';
import { outcomeFormSchema } from '../domain/case-data';
import { findStep, type Outcome } from '../domain/case-definition';
import {
  approvesPayout,
  PAYOUT_FIELD,
  VARIANCE_REASON_FIELD,
  type ApprovalRequest,
} from '../domain/payout-authority';
import { isApprovalTask } from '../data/authority';
import { runQueuedSteps } from './run-queued-steps';
import { settlePayout } from './settle-payout';
import { authorize, type UserActor } from '../domain/permissions';
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
  db: Db,
  actor: UserActor,
  input: CompleteTaskInput,
  now = new Date(),
  random: () => number = Math.random,
) {
  const seen = await getTask(db, input.taskId);
  if (!seen) throw new DomainError('not_found', 'Task was not found.');
  const resource = {
    type: 'task' as const,
    candidateGroupId: seen.candidateGroupId,
    assigneeId: seen.assigneeId,
  };
  // A view that went stale (the task was reassigned, released or completed since it was loaded)
  // is told so — "it changed" — rather than "claim it first"; only to someone who may read it.
  if (
    input.expectedVersion !== undefined &&
    input.expectedVersion !== seen.version &&
    seen.assigneeId !== actor.id &&
    authorize(actor, 'task.read', resource).allowed
  ) {
    throw new DomainError(
      'conflict',
      `The task changed since you loaded it (version ${input.expectedVersion}, now ${seen.version}).`,
      undefined,
      { currentVersion: seen.version, status: seen.status },
    );
  }
  // Authorize before validating, so the form of someone else's task reveals nothing.
  await guard(db, actor, 'task.complete', resource, {
    type: 'task',
    id: seen.id,
    caseId: seen.caseId,
    taskId: seen.id,
  });
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
  const { formData, reason } = parseDecision(outcome, input.data ?? {});

  const completed = await applyTaskOperation(
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
      advanceCase: (tx, before) =>
        continueCase({ tx, now, random }, actor, before, outcome.key, formData, reason),
    },
    now,
  );
  // A payment the decision queued runs now that its state has committed (the scheduler retries).
  await runQueuedSteps(db, { caseId: completed.caseId, random }, now);
  return completed;
}

function describeForm(data: Record<string, unknown>): string {
  const parts = Object.entries(data).map(
    ([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`,
  );
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * The outcome's form, strictly. An outcome that approves money also takes the written reason
 * for an amount away from the recommendation (`varianceReason`), whichever definition it has.
 */
function parseDecision(outcome: Outcome, data: Record<string, unknown>) {
  const payout = approvesPayout(outcome);
  const { [VARIANCE_REASON_FIELD]: rawReason, ...rest } = data;
  const formData = parseOrThrow(outcomeFormSchema(outcome.fields), payout ? rest : data, {
    prefix: ['data'],
    lead: `Invalid ${outcome.label.toLowerCase()} form`,
  }) as Record<string, unknown>;
  const reason =
    payout && rawReason !== undefined && rawReason !== null && rawReason !== ''
      ? (parseOrThrow(
          outcomeFormSchema([REASON_FIELD]),
          { [VARIANCE_REASON_FIELD]: rawReason },
          {
            prefix: ['data'],
            lead: `Invalid ${outcome.label.toLowerCase()} form`,
          },
        )[VARIANCE_REASON_FIELD] as string)
      : null;
  return { formData, reason };
}

const REASON_FIELD = {
  name: VARIANCE_REASON_FIELD,
  label: 'Reason for a different amount',
  type: 'text',
  required: true,
  maxLength: 2000,
} as const;

async function continueCase(
  ctx: EngineCtx,
  actor: UserActor,
  task: TaskRow,
  outcomeKey: string,
  formData: Record<string, unknown>,
  reason: string | null,
) {
  const c = await getCaseForUpdate(ctx.tx, task.caseId);
  if (!c) throw new Error('Case of the task is missing');
  if (c.status === 'closed' || c.status === 'cancelled') return;
  const version = await getDefinitionVersion(ctx.tx, c.caseTypeVersionId);
  const def = version!.definition;
  const outcome = task.outcomes.find((o) => o.key === outcomeKey)!;

  let current = c;
  const amount = formData[PAYOUT_FIELD];
  if (typeof amount === 'number' && approvesPayout(outcome)) {
    const settled = await settlePayout(ctx, { actor, task, caseRow: c, def, amount, reason });
    // Above the completer's authority: the case waits for the approval step that just opened.
    if (settled.kind === 'approval_requested') return;
    current = settled.caseRow;
  }

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

  // An approval step sends back to the decision that asked for it.
  const requester = isApprovalTask(task)
    ? (task.context.approval as ApprovalRequest).requestedStepKey
    : undefined;
  const next =
    outcomeKey === 'send_back' && requester
      ? requester
      : outcome.next === undefined
        ? nextInOrder(def, task.stepKey)
        : outcome.next;
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
