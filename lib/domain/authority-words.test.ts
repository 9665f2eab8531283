import { describe, expect, it } from 'vitest';
import {
  boundedCountText,
  describeAuthorityLimit,
  describeAutomaticApproval,
  describeChange,
  describeVarianceShare,
  flipOf,
  flipRange,
  parseMoneyText,
  percentText,
  shareProblem,
  THRESHOLD_SETTINGS,
} from './authority-words';

describe('describeAuthorityLimit', () => {
  it('says a limit as people read it', () => {
    expect(describeAuthorityLimit({ kind: 'group', name: 'Claims adjusters' }, 5_000_000)).toBe(
      'Claims adjusters may approve up to 50,000',
    );
    expect(describeAuthorityLimit({ kind: 'group', name: 'Claims management' }, null)).toBe(
      'Claims management may approve any amount',
    );
    expect(describeAuthorityLimit({ kind: 'person', name: 'Sam Senior' }, 7_500_050)).toBe(
      'Sam Senior (personal limit) may approve up to 75,000.50',
    );
  });

  it('says what a removed limit leaves', () => {
    expect(describeAuthorityLimit({ kind: 'person', name: 'Sam Senior' }, 100, false)).toBe(
      "Sam Senior has no personal limit: their groups' limits apply",
    );
    expect(describeAuthorityLimit({ kind: 'group', name: 'Claims intake' }, null, false)).toMatch(
      /^Claims intake has no authority limit/,
    );
  });
});

describe('variance share', () => {
  it('reads as a percentage', () => {
    expect(percentText(0.1)).toBe('10%');
    expect(percentText(0.125)).toBe('12.5%');
    expect(percentText(0.07)).toBe('7%');
    expect(describeVarianceShare(0.1)).toBe(
      'An amount that differs from the recommended payout by more than 10% needs a written reason',
    );
    expect(describeVarianceShare(0)).toMatch(/at all/);
  });

  it('accepts 0 to 1 with at most 4 decimals', () => {
    expect(shareProblem(0)).toBeNull();
    expect(shareProblem(1)).toBeNull();
    expect(shareProblem(0.1225)).toBeNull();
    expect(shareProblem(-0.01)).toMatch(/between 0 and 1/);
    expect(shareProblem(1.5)).toMatch(/between 0 and 1/);
    expect(shareProblem(0.12345)).toMatch(/4 decimal/);
    expect(shareProblem(NaN)).toMatch(/finite/);
    expect(shareProblem(Infinity)).toMatch(/finite/);
  });
});

describe('automatic approval limit', () => {
  it('says what a straight-through rule may pay alone', () => {
    expect(describeAutomaticApproval(5000)).toBe(
      'Straight-through rules may pay up to 5,000 with no person involved; above that the case needs an approval',
    );
    expect(describeAutomaticApproval(7500.5)).toMatch(
      /^Straight-through rules may pay up to 7,500.50 /,
    );
    expect(describeAutomaticApproval(0)).toMatch(/every payout needs an approval$/);
  });

  it('each setting has its own bounds: a share 0..1, an amount 0..1,000,000,000 in whole cents', () => {
    const share = THRESHOLD_SETTINGS['payout-variance-share'];
    const amount = THRESHOLD_SETTINGS['automatic-approval-limit'];
    expect(share.problem(0.1)).toBeNull();
    expect(share.problem(5000)).toMatch(/between 0 and 1/);
    expect(amount.problem(5000)).toBeNull();
    expect(amount.problem(0)).toBeNull();
    expect(amount.problem(1e9)).toBeNull();
    expect(amount.problem(1e9 + 1)).toBe('must be at most 1000000000');
    expect(amount.problem(-1)).toBe('must be at least 0');
    expect(amount.problem(10.005)).toBe('must have at most 2 decimal places');
    expect(amount.problem(NaN)).toMatch(/finite/);
    expect(share.valueText(0.125)).toBe('12.5%');
    expect(amount.valueText(5000)).toBe('5,000');
    expect(amount.fallback).toBe(5000);
  });
});

describe('parseMoneyText', () => {
  it('reads amounts the way people type them', () => {
    expect(parseMoneyText('50,000')).toEqual({ value: 50000 });
    expect(parseMoneyText(' 75000.50 ')).toEqual({ value: 75000.5 });
    expect(parseMoneyText('1 000')).toEqual({ value: 1000 });
    expect(parseMoneyText('0')).toEqual({ value: 0 });
  });

  it('names the problem with anything else', () => {
    expect(parseMoneyText('')).toEqual({ problem: 'is required' });
    expect(parseMoneyText('-5')).toHaveProperty('problem');
    expect(parseMoneyText('1e6')).toHaveProperty('problem');
    expect(parseMoneyText('NaN')).toHaveProperty('problem');
    expect(parseMoneyText('12.345')).toEqual({ problem: 'must have at most 2 decimal places' });
    expect(parseMoneyText('1000000001')).toEqual({ problem: 'must be at most 1000000000' });
  });
});

describe('flipRange and flipOf', () => {
  it('lowering a limit makes amounts above the new one need approval', () => {
    expect(flipRange(5_000_000, 4_000_000)).toEqual({
      lowCents: 4_000_000,
      highCents: 5_000_000,
      flip: 'needs_approval',
    });
    expect(flipOf(5_000_000, 4_000_000, 4_500_000)).toBe('needs_approval');
    expect(flipOf(5_000_000, 4_000_000, 4_000_000)).toBeNull(); // at the limit: still covered
    expect(flipOf(5_000_000, 4_000_000, 5_000_001)).toBeNull(); // needed approval before too
  });

  it('raising a limit, or removing it, lets amounts up to the new one through', () => {
    expect(flipRange(5_000_000, null)).toEqual({
      lowCents: 5_000_000,
      highCents: null,
      flip: 'within_authority',
    });
    expect(flipOf(5_000_000, null, 99_900_000)).toBe('within_authority');
    expect(flipRange(null, 5_000_000)).toEqual({
      lowCents: 5_000_000,
      highCents: null,
      flip: 'needs_approval',
    });
    expect(flipRange(0, 100)).toMatchObject({ lowCents: 0, highCents: 100 });
  });

  it('an unchanged limit flips nothing', () => {
    expect(flipRange(100, 100)).toBeNull();
    expect(flipRange(null, null)).toBeNull();
  });

  it('agrees with flipOf on every amount around the ends', () => {
    const limits = [null, 0, 100, 4_000_000, 5_000_000];
    for (const a of limits)
      for (const b of limits) {
        const r = flipRange(a, b);
        for (const amount of [0, 1, 99, 100, 101, 3_999_999, 4_000_000, 4_000_001, 5_000_001]) {
          const inRange =
            r !== null && amount > r.lowCents && (r.highCents === null || amount <= r.highCents);
          expect(flipOf(a, b, amount), `${a} → ${b} at ${amount}`).toBe(inRange ? r.flip : null);
        }
      }
  });
});

describe('words of a change', () => {
  it('says before and after', () => {
    expect(describeChange(5_000_000, 6_000_000)).toBe('up to 50,000 → up to 60,000');
    expect(describeChange(undefined, null)).toBe('no limit set → any amount');
    expect(boundedCountText(1001, 1000)).toBe('more than 1,000');
    expect(boundedCountText(12, 1000)).toBe('12');
  });
});
