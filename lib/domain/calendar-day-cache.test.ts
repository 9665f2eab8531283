import { describe, expect, it } from 'vitest';
import { cachedDay, withoutDayCache, type CalendarDay } from './calendar-day-cache';

const HOUR = 3_600_000;
/** Days of 24 hours starting `shift` ms after UTC midnight, with the number of computations. */
function days(shift: number) {
  let computed = 0;
  const compute = (at: number): CalendarDay<number> => {
    computed++;
    const start = Math.floor((at - shift) / (24 * HOUR)) * 24 * HOUR + shift;
    return { start, end: start + 24 * HOUR, intervals: [start] };
  };
  return { compute, computed: () => computed };
}

describe('cachedDay', () => {
  it('computes a day once and answers every instant in it from the cache', () => {
    const cal = {};
    const d = days(0);
    const t = Date.UTC(2027, 2, 14);
    expect(cachedDay(cal, t + 5 * HOUR, d.compute).start).toBe(t);
    expect(cachedDay(cal, t + 23 * HOUR + 59 * 60_000, d.compute).start).toBe(t);
    expect(cachedDay(cal, t, d.compute).start).toBe(t);
    expect(d.computed()).toBe(1);
    expect(cachedDay(cal, t + 24 * HOUR, d.compute).start).toBe(t + 24 * HOUR);
    expect(d.computed()).toBe(2);
  });

  it('keeps days apart per calendar object', () => {
    const d = days(0);
    const t = Date.UTC(2027, 2, 14, 12);
    cachedDay({}, t, d.compute);
    cachedDay({}, t, d.compute);
    expect(d.computed()).toBe(2);
  });

  it('answers instants in a slot a day bound crosses (a bound off the quarter hours) correctly', () => {
    const cal = {};
    const d = days(7 * 60_000 + 13_000); // local mean time: days begin at 00:07:13 UTC
    const bound = Date.UTC(2027, 2, 15) + 7 * 60_000 + 13_000;
    for (const at of [bound - 1, bound, bound + 1, bound - 1, bound - 2 * HOUR, bound + 2 * HOUR]) {
      const day = cachedDay(cal, at, d.compute);
      expect(day.start <= at && at < day.end).toBe(true);
    }
  });

  it('computes every time for a calendar without the cache', () => {
    const d = days(0);
    const fresh = withoutDayCache({ timeZone: 'UTC' });
    const t = Date.UTC(2027, 2, 14, 12);
    cachedDay(fresh, t, d.compute);
    cachedDay(fresh, t + 1, d.compute);
    expect(d.computed()).toBe(2);
  });
});
