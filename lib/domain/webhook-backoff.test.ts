import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, webhookRetryDelayMs } from './webhook-backoff';

const policy = { baseSeconds: 30, maxSeconds: 3600, maxAttempts: 8 };

describe('webhook backoff (exponential, full jitter)', () => {
  it('draws uniformly below base·2^(n−1), capped', () => {
    expect(webhookRetryDelayMs(policy, 1, () => 0.999999)).toBe(29_999);
    expect(webhookRetryDelayMs(policy, 1, () => 0)).toBe(0);
    expect(webhookRetryDelayMs(policy, 3, () => 0.5)).toBe(60_000);
    expect(webhookRetryDelayMs(policy, 10, () => 0.5)).toBe(1_800_000);
    expect(webhookRetryDelayMs(policy, 1000, () => 1)).toBe(3_600_000);
  });

  it('grows with the attempt number', () => {
    const at = (n: number) => webhookRetryDelayMs(policy, n, () => 1);
    for (let n = 1; n < 7; n++) expect(at(n + 1)).toBe(at(n) * 2);
  });

  it('is dead after the last attempt, else a retry time after now', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(afterFailedAttempt(policy, 8, now, () => 0.5)).toEqual({ kind: 'dead' });
    expect(afterFailedAttempt(policy, 2, now, () => 0.5)).toEqual({
      kind: 'retry',
      at: new Date(now.getTime() + 30_000),
    });
  });

  it('clamps a random source out of [0, 1]', () => {
    expect(webhookRetryDelayMs(policy, 1, () => 7)).toBe(30_000);
    expect(webhookRetryDelayMs(policy, 1, () => -1)).toBe(0);
  });
});
