/**
 * When a failed webhook delivery is tried again: exponential backoff with full jitter
 * (a uniformly random delay in [0, min(cap, base·2^(attempt−1)))), so many receivers that fail
 * together do not retry in lockstep. `random` is injected so tests are exact.
 */
export type WebhookBackoffPolicy = { baseSeconds: number; maxSeconds: number; maxAttempts: number };

export function webhookRetryDelayMs(
  policy: WebhookBackoffPolicy,
  attemptsMade: number,
  random: () => number,
): number {
  const exp = policy.baseSeconds * 2 ** Math.max(0, Math.min(attemptsMade - 1, 40));
  const ceiling = Math.min(exp, policy.maxSeconds) * 1000;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(ceiling * r);
}

/** What to do after a failed attempt: retry at a time, or give up (dead letter). */
export function afterFailedAttempt(
  policy: WebhookBackoffPolicy,
  attemptsMade: number,
  now: Date,
  random: () => number,
): { kind: 'retry'; at: Date } | { kind: 'dead' } {
  if (attemptsMade >= policy.maxAttempts) return { kind: 'dead' };
  return {
    kind: 'retry',
    at: new Date(now.getTime() + webhookRetryDelayMs(policy, attemptsMade, random)),
  };
}
