import {
  decidePayout,
  describeLimit,
  describePayoutDecision,
  differsBeyondShare,
  formatMoneyCents,
  payoutProblems,
  PAYOUT_FIELD,
  toCents,
  type AuthorityUsed,
  type PayoutDecision,
} from '@/lib/domain/payout-authority';
import { percentText } from '@/lib/domain/authority-words';
import type { PayoutControls } from './task-views';

export type PlanTone = 'ok' | 'info' | 'error';

/** What the decision form says about the amount typed so far; the server decides again. */
export type PayoutPlan = {
  /** What will happen on submit, in words; null while the text is not an amount. */
  words: { tone: PlanTone; text: string } | null;
  /** The amount strays from the recommendation: a written reason is required. */
  needsReason: boolean;
  /** Why the reason is asked for (the recommendation and the share). */
  reasonHint: string | null;
  /** The group an approval step opens for, when submitting asks for one. */
  approvingGroup: string | null;
  /** Field problems that would refuse the submit (as the server words them, by field name). */
  problems: Record<string, string>;
};

/** "You may approve up to 50,000 (Claims adjusters)". */
export function ownLimitText(a: AuthorityUsed): string {
  return a.source === 'none'
    ? 'You may not approve payouts: none of your groups has an authority limit.'
    : `You may approve ${describeLimit(a.maxCents)} (${a.label})`;
}

/** The typed amount in cents, read as the form sends it ("60,000", "$60000.50"); null if not one. */
export function amountCentsOf(text: string): number | null {
  const cleaned = text.replace(/[,\s$]/g, '');
  if (!cleaned) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) && n > 0 ? toCents(n) : null;
}

function wordsFor(
  d: PayoutDecision,
  amountCents: number,
  requiredBy: string | null,
): { tone: PlanTone; text: string } {
  switch (d.kind) {
    case 'within_authority':
      return { tone: 'ok', text: 'Within your authority: the payment is issued.' };
    case 'needs_approval':
      return {
        tone: 'info',
        text:
          d.cause === 'above_authority'
            ? `Above your authority (${formatMoneyCents(d.authority.maxCents ?? 0)}): this goes to ${d.group.groupName} for approval.`
            : d.cause === 'raised_above_request'
              ? `More than the amount requested: a raise goes to ${d.group.groupName} for another approval.`
              : `A routing rule${requiredBy ? ` ("${requiredBy}")` : ''} requires a second approval: this goes to ${d.group.groupName} for approval.`,
      };
    case 'no_authority':
      return { tone: 'error', text: describePayoutDecision(d, amountCents) };
  }
}

/**
 * The plan for an amount, from the same pure functions the server settles it with: bounds first
 * (never above coverage less deductible), then the written reason, then whose authority covers it.
 */
export function planPayout(c: PayoutControls, amountText: string, reason: string): PayoutPlan {
  const amountCents = amountCentsOf(amountText);
  if (amountCents === null)
    return {
      words: null,
      needsReason: false,
      reasonHint: null,
      approvingGroup: null,
      problems: {},
    };
  const needsReason = differsBeyondShare(amountCents, c.recommendedCents, c.varianceShare);
  const reasonHint = needsReason
    ? `It differs from the recommended payout (${formatMoneyCents(c.recommendedCents ?? 0)}) by more than ${percentText(c.varianceShare)}.`
    : null;
  const problems = payoutProblems({
    amountCents,
    recommendedCents: c.recommendedCents,
    maxPayableCents: c.maxPayableCents,
    varianceShare: c.varianceShare,
    reason,
  });
  if (problems[PAYOUT_FIELD] && c.maxPayableCents !== null)
    return {
      words: {
        tone: 'error',
        text: `Exceeds coverage less deductible (${formatMoneyCents(c.maxPayableCents)}): this amount cannot be approved.`,
      },
      needsReason,
      reasonHint,
      approvingGroup: null,
      problems,
    };
  const decision = decidePayout({
    amountCents,
    authority: c.authority,
    groups: c.groups,
    requiredGroup: c.requiredGroup,
    requestedCents: c.requestedCents,
  });
  const words = wordsFor(decision, amountCents, c.requiredBy);
  if (decision.kind === 'no_authority') problems[PAYOUT_FIELD] = words.text;
  return {
    words,
    needsReason,
    reasonHint,
    approvingGroup: decision.kind === 'needs_approval' ? decision.group.groupName : null,
    problems,
  };
}
