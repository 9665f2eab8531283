import { describe, expect, it } from 'vitest';
import { holidayOf, holidaysForYears, type HolidayRule } from './holiday-rules';

const newYear: HolidayRule = {
  kind: 'fixed',
  name: 'New Year’s Day',
  month: 1,
  day: 1,
  observeOnWeekday: true,
};
const juneteenth: HolidayRule = {
  kind: 'fixed',
  name: 'Juneteenth',
  month: 6,
  day: 19,
  observeOnWeekday: true,
};
const independence: HolidayRule = {
  kind: 'fixed',
  name: 'Independence Day',
  month: 7,
  day: 4,
  observeOnWeekday: true,
};
const christmas: HolidayRule = {
  kind: 'fixed',
  name: 'Christmas Day',
  month: 12,
  day: 25,
  observeOnWeekday: true,
};
const memorial: HolidayRule = { kind: 'last_weekday', name: 'Memorial Day', month: 5, weekday: 1 };
const labor: HolidayRule = { kind: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 };
const thanksgiving: HolidayRule = {
  kind: 'nth_weekday',
  name: 'Thanksgiving Day',
  month: 11,
  weekday: 4,
  n: 4,
};
const seedRules = [newYear, memorial, independence, labor, thanksgiving, christmas];

describe('holidayOf', () => {
  it('moves a fixed date off the weekend: Saturday to Friday, Sunday to Monday', () => {
    // 1 January 2028 is a Saturday: observed on Friday 31 December 2027.
    expect(holidayOf(newYear, 2028)).toEqual({
      day: '2027-12-31',
      name: 'New Year’s Day (observed)',
    });
    // 4 July 2027 is a Sunday: observed on Monday the 5th.
    expect(holidayOf(independence, 2027)).toEqual({
      day: '2027-07-05',
      name: 'Independence Day (observed)',
    });
    expect(holidayOf(juneteenth, 2027).day).toBe('2027-06-18');
    expect(holidayOf(juneteenth, 2028)).toEqual({ day: '2028-06-19', name: 'Juneteenth' });
  });

  it('keeps a weekend date when the rule does not observe it on a weekday', () => {
    expect(holidayOf({ ...christmas, observeOnWeekday: false }, 2027)).toEqual({
      day: '2027-12-25',
      name: 'Christmas Day',
    });
  });

  it('finds the nth weekday of a month, first of the month included', () => {
    expect(holidayOf(thanksgiving, 2028).day).toBe('2028-11-23');
    expect(holidayOf(thanksgiving, 2026).day).toBe('2026-11-26');
    // 1 September 2025 is itself a Monday.
    expect(holidayOf(labor, 2025).day).toBe('2025-09-01');
    expect(holidayOf(labor, 2027).day).toBe('2027-09-06');
  });

  it('finds the last weekday of a month, last of the month included', () => {
    expect(holidayOf(memorial, 2028).day).toBe('2028-05-29');
    expect(holidayOf(memorial, 2026).day).toBe('2026-05-25');
    // 31 May 2027 is itself a Monday.
    expect(holidayOf(memorial, 2027).day).toBe('2027-05-31');
  });

  it('refuses a date the year does not have', () => {
    expect(() =>
      holidayOf(
        { kind: 'fixed', name: 'Leap day', month: 2, day: 29, observeOnWeekday: false },
        2027,
      ),
    ).toThrow(RangeError);
  });
});

describe('holidaysForYears', () => {
  it('gives the seed’s former hand-written list for 2026–2027, plus the 31 December 2027 it missed', () => {
    expect(holidaysForYears(seedRules, 2026, 2027)).toEqual([
      { day: '2026-01-01', name: 'New Year’s Day' },
      { day: '2026-05-25', name: 'Memorial Day' },
      { day: '2026-07-03', name: 'Independence Day (observed)' },
      { day: '2026-09-07', name: 'Labor Day' },
      { day: '2026-11-26', name: 'Thanksgiving Day' },
      { day: '2026-12-25', name: 'Christmas Day' },
      { day: '2027-01-01', name: 'New Year’s Day' },
      { day: '2027-05-31', name: 'Memorial Day' },
      { day: '2027-07-05', name: 'Independence Day (observed)' },
      { day: '2027-09-06', name: 'Labor Day' },
      { day: '2027-11-25', name: 'Thanksgiving Day' },
      { day: '2027-12-24', name: 'Christmas Day (observed)' },
      { day: '2027-12-31', name: 'New Year’s Day (observed)' },
    ]);
  });

  it('counts a holiday in the year it falls on: 2028 has no New Year’s Day of its own', () => {
    const days = holidaysForYears(seedRules, 2028, 2028).map((h) => h.day);
    expect(days).toEqual(['2028-05-29', '2028-07-04', '2028-09-04', '2028-11-23', '2028-12-25']);
  });

  it('makes one holiday with both names when two rules fall on one day', () => {
    const companyDay: HolidayRule = {
      kind: 'nth_weekday',
      name: 'Company day',
      month: 11,
      weekday: 4,
      n: 4,
    };
    expect(holidaysForYears([thanksgiving, companyDay], 2028, 2028)).toEqual([
      { day: '2028-11-23', name: 'Thanksgiving Day / Company day' },
    ]);
  });
});
