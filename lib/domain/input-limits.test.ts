import { describe, expect, it } from 'vitest';
import {
  isCalendarDate,
  isIsoInstant,
  jsonNestingExceeds,
  MAX_MONEY,
  moneyProblem,
  textProblem,
  unsafeJsonValues,
} from './input-limits';

describe('textProblem', () => {
  it('refuses NUL and unpaired surrogates, accepts pairs and other control characters', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\ud800')).toMatch(/surrogate/);
    expect(textProblem('x\udc00')).toMatch(/surrogate/);
    expect(textProblem('\ud83d\ude00')).toBeNull();
    expect(textProblem('tab\tnew\nline\u2028')).toBeNull();
  });
});

describe('isCalendarDate and isIsoInstant', () => {
  it('accepts only dates of the calendar', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const d of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-01',
      '2026-2-3',
      '+275760-09-13',
    ])
      expect(isCalendarDate(d)).toBe(false);
  });
  it('accepts only instants written as toISOString writes them', () => {
    expect(isIsoInstant('2026-03-01T12:00:00.000Z')).toBe(true);
    for (const s of [
      '1',
      'March 7',
      '2026-02-30T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '2026-03-01T12:00:00Z',
    ])
      expect(isIsoInstant(s)).toBe(false);
  });
});

describe('moneyProblem', () => {
  it('bounds amounts and keeps them to whole cents', () => {
    expect(moneyProblem(0)).toBeNull();
    expect(moneyProblem(12000.55)).toBeNull();
    expect(moneyProblem(MAX_MONEY)).toBeNull();
    expect(moneyProblem(MAX_MONEY + 1)).toMatch(/at most/);
    expect(moneyProblem(1e17)).toMatch(/at most/);
    expect(moneyProblem(1.7976931348623157e308)).toMatch(/at most/);
    expect(moneyProblem(Infinity)).toMatch(/finite/);
    expect(moneyProblem(-0.01)).toMatch(/at least/);
    expect(moneyProblem(0.001)).toMatch(/decimal/);
  });
});

describe('jsonNestingExceeds', () => {
  it('counts brackets outside strings only, without recursion', () => {
    expect(jsonNestingExceeds(`${'['.repeat(64)}${']'.repeat(64)}`, 64)).toBe(false);
    expect(jsonNestingExceeds(`${'['.repeat(65)}${']'.repeat(65)}`, 64)).toBe(true);
    expect(jsonNestingExceeds(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, 64)).toBe(true);
    expect(jsonNestingExceeds(JSON.stringify({ s: '[[[[[[[[[[\\"[[[[' }), 2)).toBe(false);
  });
});

describe('unsafeJsonValues', () => {
  it('names every unstorable string, member name and number by its path', () => {
    expect(
      unsafeJsonValues({ a: { b: ['ok', 'x\u0000'] }, 'k\ud800': 1, n: Infinity, fine: '😀' }),
    ).toEqual({
      'a.b.1': 'must not contain the NUL character (\\u0000)',
      'k\\ud800': 'has a name that must not contain unpaired surrogates (invalid Unicode)',
      n: 'must be a finite number',
    });
    expect(unsafeJsonValues('\u0000')).toEqual({ '(body)': expect.stringMatching(/NUL/) });
  });
});
