import { recordAudit } from '../data/audit';
import type { CaseDefinition } from '../domain/case-definition';
import { findStep } from '../domain/case-definition';
import type { Actor } from '../domain/permissions';
import { updateCase, type CaseRow, type EngineCtx } from './case-state';
import { createHumanTask } from './create-human-task';

/** A waiting case resumes: a follow-up task of the step that asked, with what arrived (or that nothing did). */
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
  const next = await updateCase(ctx, c, def, {
    status: 'open',
    waitUntil: null,
    waitingForEvent: null,
    data: context.information
      ? {
          ...c.data,
          information: [...((c.data.information as unknown[]) ?? []), context.information],
        }
      : c.data,
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
    context: { followUp: true, ...context },
    reason: summary,
  });
}
