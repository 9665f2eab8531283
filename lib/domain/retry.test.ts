import { describe, expect, it } from 'vitest';
import { hasAttemptsLeft, nextRetryDelayMs } from './retry';

const policy = { maxAttempts: 5, baseDelaySeconds: 60, maxDelaySeconds: 600 };

describe('nextRetryDelayMs', () => {
  it('doubles per attempt and caps, with jitter between half and the full delay', () => {
    expect(nextRetryDelayMs(policy, 1, () => 0.999999)).toBeCloseTo(60_000, -2);
    expect(nextRetryDelayMs(policy, 1, () => 0)).toBe(30_000);
    expect(nextRetryDelayMs(policy, 3, () => 0)).toBe(120_000);
    expect(nextRetryDelayMs(policy, 10, () => 0)).toBe(300_000);
    expect(nextRetryDelayMs(policy, 10, () => 0.999999)).toBeLessThanOrEqual(600_000);
  });
  it('knows when attempts are exhausted', () => {
    expect(hasAttemptsLeft(policy, 4)).toBe(true);
    expect(hasAttemptsLeft(policy, 5)).toBe(false);
  });
});
