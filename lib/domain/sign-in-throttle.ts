import { MAX_EMAIL_LENGTH, textProblem } from './input-limits';

/**
 * When a password sign-in may be checked. Two limits, neither of which lets a stranger lock an
 * account for everyone:
 * - per (account, address): a few free failures, then a delay that doubles with each further
 *   failure (capped), counted since that pair's last success;
 * - per address: a budget of failures across all accounts in a sliding window (spraying).
 * Refused attempts are not counted, so a trickle of them cannot extend a lock.
 */
export const SIGN_IN_THROTTLE = {
  /** Failures of one (account, address) pair that cost nothing. */
  freeFailures: 3,
  /** The delay after the first failure past the free ones; doubled for each further failure. */
  firstDelaySeconds: 5,
  maxDelaySeconds: 15 * 60,
  /** Failures of a pair older than this no longer count. */
  pairMemoryHours: 24,
  addressBudget: 20,
  addressWindowMinutes: 15,
  /** Longer inputs are refused before any database or bcrypt work. */
  maxEmailLength: MAX_EMAIL_LENGTH,
  maxPasswordLength: 1024,
} as const;

export type ThrottleScope = 'address' | 'account';

export type ThrottleDecision =
  { throttled: false } | { throttled: true; scope: ThrottleScope; lockedUntil: Date };

/** Seconds to wait after `failures` consecutive failures of one pair (0 while they are free). */
export function pairDelaySeconds(failures: number): number {
  const t = SIGN_IN_THROTTLE;
  if (failures < t.freeFailures) return 0;
  const doublings = Math.min(failures - t.freeFailures, 30);
  return Math.min(t.firstDelaySeconds * 2 ** doublings, t.maxDelaySeconds);
}

/**
 * @param budgetEdgeFailureAt the address's `addressBudget`-th most recent failure within the
 *   window (null when it has fewer): the address is locked until that one leaves the window.
 * @param pairFailures consecutive failures of the (account, address) pair, the last at `lastPairFailureAt`.
 */
export function decideSignInThrottle(input: {
  now: Date;
  budgetEdgeFailureAt: Date | null;
  pairFailures: number;
  lastPairFailureAt: Date | null;
}): ThrottleDecision {
  const t = SIGN_IN_THROTTLE;
  if (input.budgetEdgeFailureAt) {
    const until = new Date(input.budgetEdgeFailureAt.getTime() + t.addressWindowMinutes * 60_000);
    if (until > input.now) return { throttled: true, scope: 'address', lockedUntil: until };
  }
  const delay = pairDelaySeconds(input.pairFailures);
  if (delay > 0 && input.lastPairFailureAt) {
    const until = new Date(input.lastPairFailureAt.getTime() + delay * 1000);
    if (until > input.now) return { throttled: true, scope: 'account', lockedUntil: until };
  }
  return { throttled: false };
}

/** "Try again in 40 seconds" / "in 3 minutes": rounded up, never "0". */
export function waitInWords(now: Date, until: Date): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/**
 * Why an e-mail typed at sign-in is refused before any lookup: too long, or characters no
 * address has (control characters such as NUL, unpaired surrogates) that PostgreSQL would
 * refuse as text.
 */
export function signInEmailProblem(email: string): string | null {
  if (email.length > SIGN_IN_THROTTLE.maxEmailLength)
    return `must be at most ${SIGN_IN_THROTTLE.maxEmailLength} characters`;
  if (/[\u0000-\u001f\u007f]/.test(email)) return 'must not contain control characters';
  return textProblem(email);
}
