import { recordAudit } from '../data/audit';
import { authorityOf, isApprovalTask, loadGroupLimits, loadVarianceShare } from '../data/authority';
import type { TaskRow } from '../data/tasks';
import type { DbOrTx } from '../../db/client';
import { findStep, type CaseDefinition } from '../domain/case-definition';
import {
  decidePayout,
  describeLimit,
  describePayoutDecision,
  formatMoneyCents,
  maxPayableCents,
  payoutPathsOf,
  payoutProblems,
  PAYOUT_FIELD,
  recommendedCents,
  toCents,
  type ApprovalRequest,
  type AuthorityUsed,
  type PayoutDecision,
} from '../domain/payout-authority';
import type { UserActor } from '../domain/permissions';
import { stepOrThrow, updateCase, type CaseRow, type EngineCtx } from '../engine/case-state';
import { createHumanTask } from '../engine/create-human-task';
import { validationError } from '../validation';

export type PayoutSettlement =
  { kind: 'approved'; caseRow: CaseRow } | { kind: 'approval_requested'; caseRow: CaseRow };

/**
 * The financial controls on an approved amount, at completion, in the completing transaction:
 * bounds (never above coverage less deductible), a written reason when it strays from the
 * recommendation, then the completer's authority at this moment. Within it, the amount is
 * recorded as approved; above it (or when a routing rule demands a second approval) an approval
 * step opens for the lowest group whose authority covers it. Refusals are 400s naming the field.
 */
export async function settlePayout(
  ctx: EngineCtx,
  args: {
    actor: UserActor;
    task: TaskRow;
    caseRow: CaseRow;
    def: CaseDefinition;
    amount: number;
    reason: string | null;
  },
): Promise<PayoutSettlement> {
  const { actor, task, def } = args;
  let c = args.caseRow;
  const amountCents = toCents(args.amount);
  const f = await loadPayoutFacts(ctx.tx, { actorId: actor.id, task, caseRow: c, def });
  const facts = {
    amountCents,
    recommendedCents: f.recommendedCents,
    maxPayableCents: f.maxPayableCents,
    varianceShare: f.varianceShare,
    reason: args.reason ?? requestersReason(task, amountCents),
  };
  const problems = payoutProblems(facts);
  if (Object.keys(problems).length)
    throw validationError(
      Object.fromEntries(Object.entries(problems).map(([k, v]) => [`data.${k}`, v])),
      'The amount cannot be approved',
    );
  const { groups, authority, requiredGroup } = f;
  const approvalStep = f.isApprovalStep;
  const decision = decidePayout({
    amountCents,
    authority,
    groups,
    requiredGroup,
    requestedCents: f.requestedCents,
  });
  const words = describePayoutDecision(decision, amountCents);
  if (decision.kind === 'no_authority')
    throw validationError({ [`data.${PAYOUT_FIELD}`]: words }, 'The amount cannot be approved');

  if (decision.kind === 'within_authority') {
    c = await updateCase(ctx, c, def, { data: { ...c.data, approvedPayout: args.amount } });
    await recordAudit(ctx.tx, actor, {
      action: 'payout.approved',
      entityType: 'case',
      entityId: c.id,
      caseId: c.id,
      taskId: task.id,
      ...payoutApprovedPayload({
        amount: args.amount,
        facts,
        authority: decision.authority,
        approver: actor,
        taskId: task.id,
        fromApprovalStep: approvalStep,
      }),
      occurredAt: ctx.now,
    });
    return { kind: 'approved', caseRow: c };
  }
  c = await openApprovalStep(ctx, { ...args, caseRow: c }, decision, facts, words);
  return { kind: 'approval_requested', caseRow: c };
}

/**
 * The summary, `after` and `metadata` of a payout.approved event (the demo seed writes its
 * history with it too).
 */
export function payoutApprovedPayload(p: {
  amount: number;
  facts: {
    amountCents: number;
    recommendedCents: number | null;
    maxPayableCents: number | null;
    reason: string | null;
  };
  authority: AuthorityUsed;
  approver: { id: string; name: string };
  taskId: string;
  fromApprovalStep: boolean;
}) {
  const { facts, authority } = p;
  return {
    after: { approvedPayout: p.amount },
    summary: `${p.approver.name} approved ${formatMoneyCents(facts.amountCents)} within the authority of ${authority.label} (${describeLimit(authority.maxCents)})${facts.reason ? `. Reason for the difference: ${facts.reason}` : ''}`,
    metadata: {
      requestedCents: facts.amountCents,
      recommendedCents: facts.recommendedCents,
      maxPayableCents: facts.maxPayableCents,
      reason: facts.reason,
      authority,
      approver: { id: p.approver.id, name: p.approver.name },
      taskId: p.taskId,
      fromApprovalStep: p.fromApprovalStep,
    },
  };
}

/**
 * What the controls decide from, at this moment: every group's limit, the person's authority,
 * the group a rule-required approval goes to (decision steps only), the recommendation, the
 * largest payable amount and the variance share. The task screen shows the same facts.
 */
export async function loadPayoutFacts(
  db: DbOrTx,
  args: { actorId: string; task: TaskRow; caseRow: CaseRow; def: CaseDefinition },
) {
  const { task, caseRow, def } = args;
  const groups = await loadGroupLimits(db);
  const isApprovalStep = isApprovalTask(task);
  const requirement = isApprovalStep ? null : caseRow.approvalRequirement;
  const step = requirement ? findStep(def, requirement.stepKey) : undefined;
  const requiredGroup = requirement
    ? (groups.find((g) => step?.kind === 'human' && g.groupKey === step.candidateGroupKey) ??
      lowestFallback(groups))
    : null;
  return {
    groups,
    authority: await authorityOf(db, args.actorId, groups),
    isApprovalStep,
    requiredGroup,
    requiredBy: requirement?.rule.name ?? null,
    /** On an approval step, the amount asked for: approving more is a new request. */
    requestedCents: isApprovalStep
      ? (task.context.approval as ApprovalRequest).requestedCents
      : null,
    recommendedCents: recommendedCents(def, caseRow.data),
    maxPayableCents: maxPayableCents(def, caseRow.data),
    varianceShare: await loadVarianceShare(db),
  };
}
export type PayoutFacts = Awaited<ReturnType<typeof loadPayoutFacts>>;

function causeText(
  d: Extract<PayoutDecision, { kind: 'needs_approval' }>,
  request: ApprovalRequest,
): string {
  if (d.cause === 'above_authority')
    return `above the authority of ${d.authority.label} (${describeLimit(d.authority.maxCents)})`;
  if (d.cause === 'raised_above_request') return 'more than the amount they were asked to approve';
  return `rule "${request.ruleName ?? 'routing'}" requires a second approval`;
}

/** An approver who keeps the requested amount adopts the requester's reason for it. */
function requestersReason(task: TaskRow, amountCents: number): string | null {
  if (!isApprovalTask(task)) return null;
  const request = task.context.approval as ApprovalRequest;
  return request.requestedCents === amountCents ? request.reason : null;
}

/** A rule names a step whose group has no limit: the lowest limited group stands in. */
function lowestFallback<T extends { maxCents: number | null }>(groups: readonly T[]): T | null {
  return [...groups].sort((a, b) => (a.maxCents ?? Infinity) - (b.maxCents ?? Infinity))[0] ?? null;
}

async function openApprovalStep(
  ctx: EngineCtx,
  args: { actor: UserActor; task: TaskRow; caseRow: CaseRow; def: CaseDefinition },
  decision: Extract<PayoutDecision, { kind: 'needs_approval' }>,
  facts: { amountCents: number; recommendedCents: number | null; reason: string | null },
  words: string,
): Promise<CaseRow> {
  const { actor, task, def } = args;
  const step = stepOrThrow(def, payoutPathsOf(def).approvalStepKey);
  if (step.kind !== 'human')
    throw new Error(`The approval step "${step.key}" of the case type is not a human step`);
  const previous = isApprovalTask(task) ? (task.context.approval as ApprovalRequest) : null;
  const request: ApprovalRequest = {
    requestedCents: facts.amountCents,
    recommendedCents: facts.recommendedCents,
    reason: facts.reason ?? previous?.reason ?? null,
    requestedBy: { id: actor.id, name: actor.name },
    // A chain of approvals sends back to the decision that started it.
    requestedStepKey: previous?.requestedStepKey ?? task.stepKey,
    requestedTaskId: task.id,
    cause: decision.cause,
    requesterAuthority: decision.authority,
    group: {
      id: decision.group.groupId,
      name: decision.group.groupName,
      maxCents: decision.group.maxCents,
    },
    ...(decision.cause === 'required_by_rule' && args.caseRow.approvalRequirement
      ? { ruleName: args.caseRow.approvalRequirement.rule.name }
      : {}),
  };
  await recordAudit(ctx.tx, actor, {
    action: 'payout.approval_requested',
    entityType: 'case',
    entityId: args.caseRow.id,
    caseId: args.caseRow.id,
    taskId: task.id,
    summary: `${actor.name} asked for approval: ${words}`,
    metadata: { ...request },
    occurredAt: ctx.now,
  });
  await createHumanTask(ctx, args.caseRow, def, step, {
    routing: {
      rule: null,
      stepKey: step.key,
      groupKey: decision.group.groupKey,
      straightThrough: false,
    },
    context: { approval: request },
    reason: `Approval of ${formatMoneyCents(facts.amountCents)} requested by ${actor.name}: ${causeText(decision, request)}`,
  });
  return updateCase(ctx, args.caseRow, def, { currentStepKey: step.key, status: 'open' });
}
