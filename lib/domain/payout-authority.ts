/**
 * Financial controls on the amount a person approves: bounds, authority limits, the approval
 * chain and four eyes. Pure: the use-case loads the facts, these functions decide, and the
 * browser runs the same functions to explain before a person submits.
 */
import type { CaseDefinition, Outcome } from './case-definition';
import { valueAtPath } from './routing-rules';

/** The form field that carries the amount a completion approves. */
export const PAYOUT_FIELD = 'payoutAmount';
/** The written reason for an amount that differs from the recommendation (not part of the definition's form). */
export const VARIANCE_REASON_FIELD = 'varianceReason';
/** Default share (10%) an approved amount may differ from the recommended payout without a reason. */
export const DEFAULT_VARIANCE_SHARE = 0.1;
export const VARIANCE_SHARE_SETTING = 'payout-variance-share';
/**
 * The largest recommended payout a straight-through routing rule may pay with no person
 * involved (whole units); above it the case gets an approval step like any other decision.
 */
export const AUTOMATIC_APPROVAL_SETTING = 'automatic-approval-limit';
export const DEFAULT_AUTOMATIC_APPROVAL = 5_000;

/** Where a case type keeps the figures the controls need, and its approval step. */
export type PayoutPaths = {
  recommendedPath: string;
  coverageLimitPath: string;
  deductiblePath: string;
  /** The human step that approval tasks are opened from (its group is replaced by the approving group). */
  approvalStepKey: string;
};

const DEFAULT_PAYOUT_PATHS: PayoutPaths = {
  recommendedPath: 'recommendedPayout',
  coverageLimitPath: 'coverageLimit',
  deductiblePath: 'deductible',
  approvalStepKey: 'supervisor-approval',
};

export function payoutPathsOf(def: CaseDefinition): PayoutPaths {
  return { ...DEFAULT_PAYOUT_PATHS, ...(def.payout ?? {}) };
}

/** An approval the routing rule demanded; kept on the case until an approval step settles a decision. */
export type ApprovalRequirement = {
  stepKey: string;
  rule: { id: string; version: number; name: string };
};

/** What an approval task knows about the request it decides. */
export type ApprovalRequest = {
  requestedCents: number;
  recommendedCents: number | null;
  reason: string | null;
  requestedBy: { id: string; name: string };
  /** The decision step that asked, for a send-back. */
  requestedStepKey: string;
  /** The task that asked; null when a straight-through rule asked. */
  requestedTaskId: string | null;
  /** Why approval is needed. */
  cause: ApprovalCause;
  requesterAuthority: AuthorityUsed;
  group: { id: string; name: string; maxCents: number | null };
  ruleName?: string;
};

/** One authority limit (of a group, or of a person as an override). `maxCents` null: without limit. */
export type LimitRef = { limitId: string; version: number; maxCents: number | null };
export type GroupLimit = LimitRef & { groupId: string; groupKey: string; groupName: string };

/** The authority a completion relied on, as recorded in the audit trail. */
export type AuthorityUsed = {
  maxCents: number | null;
  source: 'person' | 'group' | 'none';
  /** "Claims adjusters", "personal limit" or "no authority". */
  label: string;
  limitId: string | null;
  version: number | null;
};

export const toCents = (amount: number) => Math.round(amount * 100);

export function formatMoneyCents(cents: number): string {
  return (cents / 100).toLocaleString('en-US', {
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  });
}

export const describeLimit = (maxCents: number | null) =>
  maxCents === null ? 'any amount' : `up to ${formatMoneyCents(maxCents)}`;

const covers = (maxCents: number | null, amountCents: number) =>
  maxCents === null || amountCents <= maxCents;
const rank = (l: { maxCents: number | null }) =>
  l.maxCents === null ? Number.POSITIVE_INFINITY : l.maxCents;

/**
 * A person's authority: their own limit when they have one (an override, higher or lower),
 * else the highest limit among their groups, else none (they may approve nothing).
 */
export function effectiveAuthority(
  personal: LimitRef | null,
  memberGroupLimits: readonly GroupLimit[],
): AuthorityUsed {
  if (personal)
    return { ...personal, source: 'person', label: 'personal limit', limitId: personal.limitId };
  const best = [...memberGroupLimits].sort((a, b) => rank(b) - rank(a))[0];
  if (!best)
    return { maxCents: 0, source: 'none', label: 'no authority', limitId: null, version: null };
  return {
    maxCents: best.maxCents,
    source: 'group',
    label: best.groupName,
    limitId: best.limitId,
    version: best.version,
  };
}

/** The group with the smallest limit that still covers `amountCents` (and is at least `floorCents`). */
export function lowestCoveringGroup(
  groups: readonly GroupLimit[],
  amountCents: number,
  floorCents: number | null = null,
): GroupLimit | null {
  const need = floorCents === null ? amountCents : Math.max(amountCents, floorCents);
  return (
    [...groups]
      .filter((g) => covers(g.maxCents, need))
      .sort((a, b) => rank(a) - rank(b) || a.groupName.localeCompare(b.groupName))[0] ?? null
  );
}

export type PayoutFacts = {
  amountCents: number;
  recommendedCents: number | null;
  /** Coverage limit less deductible; null when the case does not say. */
  maxPayableCents: number | null;
  varianceShare: number;
  reason: string | null;
};

/** The largest amount the case allows: coverage limit less deductible (never below 0). */
export function maxPayableCents(def: CaseDefinition, data: unknown): number | null {
  const p = payoutPathsOf(def);
  const limit = valueAtPath(data, p.coverageLimitPath);
  const deductible = valueAtPath(data, p.deductiblePath);
  if (typeof limit !== 'number' || typeof deductible !== 'number') return null;
  return Math.max(0, toCents(limit) - toCents(deductible));
}

export function recommendedCents(def: CaseDefinition, data: unknown): number | null {
  const v = valueAtPath(data, payoutPathsOf(def).recommendedPath);
  return typeof v === 'number' && Number.isFinite(v) ? toCents(v) : null;
}

/** True when the amount is further from the recommendation than the allowed share. */
export function differsBeyondShare(
  amountCents: number,
  recommended: number | null,
  share: number,
): boolean {
  if (recommended === null) return false;
  return Math.abs(amountCents - recommended) > share * recommended;
}

/** Field problems of an approved amount, keyed by form field (empty when it may go ahead). */
export function payoutProblems(f: PayoutFacts): Record<string, string> {
  const problems: Record<string, string> = {};
  if (f.maxPayableCents !== null && f.amountCents > f.maxPayableCents)
    problems[PAYOUT_FIELD] =
      `must not exceed the coverage limit less the deductible (${formatMoneyCents(f.maxPayableCents)})`;
  if (
    differsBeyondShare(f.amountCents, f.recommendedCents, f.varianceShare) &&
    !(f.reason && f.reason.trim())
  )
    problems[VARIANCE_REASON_FIELD] =
      `is required: the amount differs from the recommended payout (${formatMoneyCents(f.recommendedCents ?? 0)}) by more than ${Math.round(f.varianceShare * 100)}%`;
  return problems;
}

/**
 * above_authority: more than the completer may approve; required_by_rule: a routing rule demands
 * a second approval; raised_above_request: an approver approving more than was asked of them.
 */
export type ApprovalCause = 'above_authority' | 'required_by_rule' | 'raised_above_request';

export type PayoutDecision =
  | { kind: 'within_authority'; authority: AuthorityUsed }
  | {
      kind: 'needs_approval';
      cause: ApprovalCause;
      group: GroupLimit;
      authority: AuthorityUsed;
    }
  | { kind: 'no_authority'; authority: AuthorityUsed; highest: GroupLimit | null };

/**
 * Whether an approved amount may be paid now or needs an approval step, and by whom: from the
 * amount and the completer's authority at this moment, whatever routed the case. A routing
 * rule that demands an approval (`requiredGroup`) adds one to a decision step even within the
 * completer's authority; an approval step itself settles it.
 */
export function decidePayout(input: {
  amountCents: number;
  authority: AuthorityUsed;
  groups: readonly GroupLimit[];
  /** The group a rule-required approval goes to, when the case carries one and this is not an approval step. */
  requiredGroup: GroupLimit | null;
  /** On an approval step: the amount asked for. More than that is a new request, never paid on one say-so. */
  requestedCents?: number | null;
}): PayoutDecision {
  const { amountCents, authority, groups, requiredGroup } = input;
  const within = covers(authority.maxCents, amountCents);
  const raised = input.requestedCents != null && amountCents > input.requestedCents;
  if (within && !requiredGroup && !raised) return { kind: 'within_authority', authority };
  const floor = requiredGroup ? requiredGroup.maxCents : null;
  const group =
    requiredGroup && covers(requiredGroup.maxCents, amountCents)
      ? requiredGroup
      : lowestCoveringGroup(groups, amountCents, floor);
  if (!group) {
    const highest = [...groups].sort((x, y) => rank(x) - rank(y)).at(-1) ?? null;
    return { kind: 'no_authority', authority, highest };
  }
  const cause: ApprovalCause = !within
    ? 'above_authority'
    : requiredGroup
      ? 'required_by_rule'
      : 'raised_above_request';
  return { kind: 'needs_approval', cause, group, authority };
}

/** The decision in words, for the form (before submitting) and the audit trail (after). */
export function describePayoutDecision(d: PayoutDecision, amountCents: number): string {
  const amount = formatMoneyCents(amountCents);
  const yours = `${d.authority.label}: ${describeLimit(d.authority.maxCents)}`;
  switch (d.kind) {
    case 'within_authority':
      return `${amount} is within the authority used (${yours}); the payment is issued.`;
    case 'needs_approval': {
      const to = `${d.group.groupName} (${describeLimit(d.group.maxCents)})`;
      if (d.cause === 'above_authority')
        return `${amount} is above the authority used (${yours}); it goes to ${to} for approval.`;
      if (d.cause === 'raised_above_request')
        return `${amount} is more than was asked for approval; a raised amount needs another approver: it goes to ${to}.`;
      return `A routing rule requires a second approval; ${amount} goes to ${to} for approval.`;
    }
    case 'no_authority':
      return `${amount} is above every authority limit${d.highest ? ` (the highest is ${d.highest.groupName}, ${describeLimit(d.highest.maxCents)})` : ''}; no one may approve it.`;
  }
}

/** True for outcomes that approve money (they carry the payout field). */
export function approvesPayout(outcome: Pick<Outcome, 'fields'>): boolean {
  return outcome.fields.some((f) => f.name === PAYOUT_FIELD && f.type === 'money');
}

/**
 * Four eyes: no one completes (or claims, or is handed) an approval step of a case on which
 * they completed an earlier decision step — whatever their role, admins included.
 * Returns the reason for a refusal, or null when the person may act.
 */
export function fourEyesRefusal(input: {
  personId: string;
  isApprovalStep: boolean;
  earlierDeciderIds: readonly string[];
}): string | null {
  if (!input.isApprovalStep) return null;
  return input.earlierDeciderIds.includes(input.personId)
    ? 'Four eyes: you made an earlier decision on this case, so a different person must approve it.'
    : null;
}
