import type { RetryPolicy } from './case-definition';

/**
 * Exponential backoff with jitter: base·2^(attempt−1), capped, then scaled by a random
 * factor in [0.5, 1) so that many failing cases do not retry in lockstep.
 * `random` is injected so tests are exact.
 */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  attemptsMade: number,
  random: () => number,
): number {
  const exp = policy.baseDelaySeconds * 2 ** Math.max(0, attemptsMade - 1);
  const capped = Math.min(exp, policy.maxDelaySeconds);
  return Math.round(capped * 1000 * (0.5 + random() * 0.5));
}

export function hasAttemptsLeft(policy: RetryPolicy, attemptsMade: number): boolean {
  return attemptsMade < policy.maxAttempts;
}
