/**
 * Authority limits and the threshold settings (variance share, automatic approval limit) in
 * words, and which way a change of a limit moves a payout decision. Pure: the admin screen,
 * its preview, the API's checks and the audit trail share these.
 */
import { MAX_MONEY, moneyProblem } from './input-limits';
import {
  AUTOMATIC_APPROVAL_SETTING,
  DEFAULT_AUTOMATIC_APPROVAL,
  DEFAULT_VARIANCE_SHARE,
  describeLimit,
  formatMoneyCents,
  toCents,
  VARIANCE_SHARE_SETTING,
} from './payout-authority';

/** Whose limit it is: a group's, or one person's override of their groups'. */
export type LimitSubject = { kind: 'group' | 'person'; name: string };

/** "Claims adjusters", "Sam Senior (personal limit)". */
export function subjectLabel(s: LimitSubject): string {
  return s.kind === 'group' ? s.name : `${s.name} (personal limit)`;
}

/**
 * "Claims adjusters may approve up to 50,000", "Claims management may approve any amount";
 * a removed limit says what happens instead.
 */
export function describeAuthorityLimit(
  subject: LimitSubject,
  maxCents: number | null,
  active = true,
): string {
  if (!active)
    return subject.kind === 'group'
      ? `${subject.name} has no authority limit: its members approve nothing by it`
      : `${subject.name} has no personal limit: their groups' limits apply`;
  return `${subjectLabel(subject)} may approve ${describeLimit(maxCents)}`;
}

/** 0.1 → "10%", 0.125 → "12.5%". */
export function percentText(share: number): string {
  return `${Number((share * 100).toFixed(2)).toLocaleString('en-US')}%`;
}

/** The variance-share setting in a sentence. */
export function describeVarianceShare(share: number): string {
  return share === 0
    ? 'An amount that differs from the recommended payout at all needs a written reason'
    : `An amount that differs from the recommended payout by more than ${percentText(share)} needs a written reason`;
}

/** Why a share cannot be stored (0 to 1, at most 4 decimals: 12.25% is 0.1225), or null. */
export function shareProblem(v: number): string | null {
  if (!Number.isFinite(v)) return 'must be a finite number';
  if (v < 0 || v > 1) return 'must be between 0 and 1 (0% to 100%)';
  if (Number(v.toFixed(4)) !== v) return 'must have at most 4 decimal places';
  return null;
}

/** The automatic approval limit (whole units, e.g. 5000) in a sentence. */
export function describeAutomaticApproval(amount: number): string {
  return amount === 0
    ? 'Straight-through rules may pay nothing with no person involved; every payout needs an approval'
    : `Straight-through rules may pay up to ${formatMoneyCents(toCents(amount))} with no person involved; above that the case needs an approval`;
}

/** What the threshold admin knows of each setting in the `threshold_settings` table. */
export type ThresholdSettingSpec = {
  /** "the variance share", for messages. */
  name: string;
  /** "Variance share", for the audit trail. */
  title: string;
  /** In force while a database has no row for it. */
  fallback: number;
  /** The setting in a sentence. */
  describe: (value: number) => string;
  /** The value alone: "12.5%", "5,000". */
  valueText: (value: number) => string;
  /** Why a value cannot be stored, or null. */
  problem: (value: number) => string | null;
  /** What the API says to a value that is not a number at all. */
  typeError: string;
};

export const THRESHOLD_SETTINGS = {
  [VARIANCE_SHARE_SETTING]: {
    name: 'the variance share',
    title: 'Variance share',
    fallback: DEFAULT_VARIANCE_SHARE,
    describe: describeVarianceShare,
    valueText: percentText,
    problem: shareProblem,
    typeError: 'must be a number between 0 and 1 (0.1 is 10%)',
  },
  [AUTOMATIC_APPROVAL_SETTING]: {
    name: 'the automatic approval limit',
    title: 'Automatic approval limit',
    fallback: DEFAULT_AUTOMATIC_APPROVAL,
    describe: describeAutomaticApproval,
    valueText: (v) => formatMoneyCents(toCents(v)),
    problem: (v) => moneyProblem(v, 0, MAX_MONEY),
    typeError: 'must be an amount (a number) such as 5000',
  },
} as const satisfies Record<string, ThresholdSettingSpec>;

export type ThresholdSettingKey = keyof typeof THRESHOLD_SETTINGS;

/**
 * An amount as a person types it ("50,000", "75000.50", " 1 000 "): whole units with cents
 * allowed. `{ value }` or `{ problem }` in the words of moneyProblem.
 */
export function parseMoneyText(text: string): { value: number } | { problem: string } {
  const cleaned = text.replace(/[\s,_]/g, '');
  if (!cleaned) return { problem: 'is required' };
  if (!/^\d+(?:\.\d+)?$/.test(cleaned))
    return { problem: 'must be an amount such as 50,000 or 75000.50' };
  const value = Number(cleaned);
  const problem = moneyProblem(value, 0, MAX_MONEY);
  return problem ? { problem } : { value };
}

/** Which way a payout decision moves when a limit changes. */
export type Flip = 'needs_approval' | 'within_authority';

const covers = (maxCents: number | null, amountCents: number) =>
  maxCents === null || amountCents <= maxCents;

/**
 * The amounts whose decision changes when an authority moves from `before` to `after`
 * (cents; null = without limit): every amount in (low, high] — `high` null meaning no upper
 * end — and the way they flip. Null when nothing changes.
 */
export function flipRange(
  before: number | null,
  after: number | null,
): { lowCents: number; highCents: number | null; flip: Flip } | null {
  if (before === after) return null;
  const tightening = after !== null && (before === null || after < before);
  return tightening
    ? { lowCents: after, highCents: before, flip: 'needs_approval' }
    : { lowCents: before!, highCents: after, flip: 'within_authority' };
}

/** How an amount's decision moves, or null when it does not. */
export function flipOf(
  before: number | null,
  after: number | null,
  amountCents: number,
): Flip | null {
  const was = covers(before, amountCents);
  const now = covers(after, amountCents);
  if (was === now) return null;
  return now ? 'within_authority' : 'needs_approval';
}

/** "now needs approval (was within authority)". */
export function describeFlip(flip: Flip): string {
  return flip === 'needs_approval'
    ? 'now needs approval (was within authority)'
    : 'now within authority (needed approval)';
}

/** "up to 50,000 → up to 60,000" for a change; one side alone when the other is absent. */
export function describeChange(
  before: number | null | undefined,
  after: number | null | undefined,
): string {
  const side = (v: number | null | undefined) =>
    v === undefined ? 'no limit set' : describeLimit(v);
  return `${side(before)} → ${side(after)}`;
}

/** A bounded count in words: 1001 with a cap of 1000 is "more than 1,000". */
export function boundedCountText(count: number, cap: number): string {
  return count > cap ? `more than ${cap.toLocaleString('en-US')}` : count.toLocaleString('en-US');
}
