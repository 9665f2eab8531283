import { loadAutomaticApprovalCents, loadGroupLimits } from '../data/authority';
import type { CaseDefinition, RoutingStep } from '../domain/case-definition';
import {
  decidePayout,
  describeLimit,
  describePayoutDecision,
  formatMoneyCents,
  payoutPathsOf,
  recommendedCents,
  type ApprovalRequest,
  type AuthorityUsed,
} from '../domain/payout-authority';
import type { RoutingOutcome } from '../domain/routing-rules';
import { ENGINE, stepOrThrow, updateCase, type CaseRow, type EngineCtx } from './case-state';
import { recordEngineAudit } from './case-writes';
import { createHumanTask } from './create-human-task';

/**
 * A straight-through rule pays the recommendation with no person involved — only up to the
 * automatic approval limit, and only when the rule does not also demand an approval. Otherwise
 * the case gets an approval step for the lowest group whose authority covers the amount, as a
 * person's decision would. Returns the case when it was held for approval, else null.
 */
export async function holdStraightThrough(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  routingStep: RoutingStep,
  routing: RoutingOutcome & { rule: NonNullable<RoutingOutcome['rule']> },
): Promise<CaseRow | null> {
  const amountCents = recommendedCents(def, c.data) ?? 0;
  const limitCents = ctx.config
    ? ctx.config.automaticApprovalCents
    : await loadAutomaticApprovalCents(ctx.tx);
  const demanded = Boolean(routing.approvalStepKey);
  if (amountCents <= limitCents && !demanded) return null;
  const authority: AuthorityUsed = {
    maxCents: limitCents,
    source: 'none',
    label: 'automatic approval',
    limitId: null,
    version: null,
  };
  const groups = ctx.config ? ctx.config.groupLimits : await loadGroupLimits(ctx.tx);
  const decision = decidePayout({ amountCents, authority, groups, requiredGroup: null });
  // Nobody's authority covers it: the highest group still has to look at it.
  const group =
    decision.kind === 'needs_approval'
      ? decision.group
      : decision.kind === 'no_authority'
        ? decision.highest
        : groups.find((g) => g.maxCents === null || g.maxCents >= amountCents);
  if (!group) return null;
  const step = stepOrThrow(def, payoutPathsOf(def).approvalStepKey);
  if (step.kind !== 'human') throw new Error(`The approval step "${step.key}" is not human`);
  const who = `Rule "${routing.rule.name}" v${routing.rule.version}`;
  const request: ApprovalRequest = {
    requestedCents: amountCents,
    recommendedCents: amountCents,
    reason: null,
    requestedBy: { id: 'system', name: who },
    // A send-back goes to the manual review the routing would use without a rule.
    requestedStepKey: routingStep.defaultStep,
    requestedTaskId: null,
    cause: amountCents > limitCents ? 'above_authority' : 'required_by_rule',
    requesterAuthority: authority,
    group: { id: group.groupId, name: group.groupName, maxCents: group.maxCents },
    ruleName: routing.rule.name,
  };
  const words =
    amountCents > limitCents
      ? `${formatMoneyCents(amountCents)} is above the automatic approval limit (${describeLimit(limitCents)}); it goes to ${group.groupName} for approval.`
      : describePayoutDecision(decision, amountCents);
  await recordEngineAudit(ctx, ENGINE, {
    action: 'payout.approval_requested',
    entityType: 'case',
    entityId: c.id,
    caseId: c.id,
    summary: `${who} would pay straight through, but ${words}`,
    metadata: { ...request },
    occurredAt: ctx.now,
  });
  await createHumanTask(ctx, c, def, step, {
    routing: { rule: null, stepKey: step.key, groupKey: group.groupKey, straightThrough: false },
    context: { approval: request },
    reason: `Approval of ${formatMoneyCents(amountCents)} requested by ${who}: ${amountCents > limitCents ? `above the automatic approval limit (${describeLimit(limitCents)})` : 'the rule requires an approval'}`,
  });
  return updateCase(ctx, c, def, { currentStepKey: step.key, status: 'open' });
}
