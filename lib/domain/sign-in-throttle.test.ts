import { describe, expect, it } from 'vitest';
import {
  decideSignInThrottle,
  pairDelaySeconds,
  SIGN_IN_THROTTLE,
  signInEmailProblem,
  waitInWords,
} from './sign-in-throttle';

const now = new Date('2026-11-24T16:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('pairDelaySeconds', () => {
  it('is free for the first failures, then doubles up to the cap', () => {
    const delays = Array.from({ length: 14 }, (_, f) => pairDelaySeconds(f));
    expect(delays).toEqual([0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900]);
    expect(pairDelaySeconds(10_000)).toBe(SIGN_IN_THROTTLE.maxDelaySeconds);
  });
});

describe('decideSignInThrottle', () => {
  it('lets free failures through', () => {
    expect(
      decideSignInThrottle({
        now,
        budgetEdgeFailureAt: null,
        pairFailures: 2,
        lastPairFailureAt: now,
      }),
    ).toEqual({ throttled: false });
  });

  it('locks a pair until its delay after the last failure has passed', () => {
    const d = decideSignInThrottle({
      now,
      budgetEdgeFailureAt: null,
      pairFailures: 4,
      lastPairFailureAt: ago(9),
    });
    expect(d).toEqual({
      throttled: true,
      scope: 'account',
      lockedUntil: new Date(ago(9).getTime() + 10_000),
    });
    expect(
      decideSignInThrottle({
        now,
        budgetEdgeFailureAt: null,
        pairFailures: 4,
        lastPairFailureAt: ago(10),
      }),
    ).toEqual({ throttled: false });
  });

  it('locks an address whose budget is spent until the edge failure leaves the window', () => {
    const window = SIGN_IN_THROTTLE.addressWindowMinutes * 60;
    expect(
      decideSignInThrottle({
        now,
        budgetEdgeFailureAt: ago(window - 1),
        pairFailures: 0,
        lastPairFailureAt: null,
      }),
    ).toMatchObject({ throttled: true, scope: 'address' });
    expect(
      decideSignInThrottle({
        now,
        budgetEdgeFailureAt: ago(window),
        pairFailures: 0,
        lastPairFailureAt: null,
      }),
    ).toEqual({ throttled: false });
  });
});

describe('waitInWords', () => {
  it('rounds up and switches to minutes', () => {
    expect(waitInWords(now, new Date(now.getTime() + 1))).toBe('1 second');
    expect(waitInWords(now, new Date(now.getTime() + 40_000))).toBe('40 seconds');
    expect(waitInWords(now, new Date(now.getTime() + 15 * 60_000))).toBe('15 minutes');
  });
});

describe('signInEmailProblem', () => {
  it('refuses what is too long or cannot be stored', () => {
    expect(signInEmailProblem('a@example.com')).toBeNull();
    expect(signInEmailProblem(`${'a'.repeat(242)}@example.com`)).toBeNull();
    expect(signInEmailProblem(`${'a'.repeat(243)}@example.com`)).toMatch(/at most 254/);
    expect(signInEmailProblem('a\u0000@example.com')).not.toBeNull();
    expect(signInEmailProblem('a\n@example.com')).not.toBeNull();
    expect(signInEmailProblem('a\ud800@example.com')).not.toBeNull();
    expect(signInEmailProblem('zoë@exämple.com')).toBeNull();
  });
});
