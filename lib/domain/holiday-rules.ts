/**
 * Holidays as rules, so a calendar never runs out: a fixed date (moved to the nearest weekday
 * when it falls on a weekend, if the rule says so), the nth weekday of a month ("fourth
 * Thursday of November") or the last one ("last Monday of May"). Pure: years are parameters.
 */

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type HolidayRule =
  | {
      kind: 'fixed';
      name: string;
      /** 1–12 */
      month: number;
      day: number;
      /** Saturday → the Friday before, Sunday → the Monday after (US federal practice). */
      observeOnWeekday: boolean;
    }
  | { kind: 'nth_weekday'; name: string; month: number; weekday: Weekday; n: 1 | 2 | 3 | 4 }
  | { kind: 'last_weekday'; name: string; month: number; weekday: Weekday };

/** A holiday on a day of the calendar (YYYY-MM-DD): the shape calendar_holidays stores. */
export type DatedHoliday = { day: string; name: string };

const DAY_MS = 86_400_000;

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The day a rule gives in a year (a fixed date may be observed in the year before, e.g. 31 Dec). */
export function holidayOf(rule: HolidayRule, year: number): DatedHoliday {
  switch (rule.kind) {
    case 'fixed': {
      const d = utc(year, rule.month, rule.day);
      if (d.getUTCMonth() !== rule.month - 1)
        throw new RangeError(`${rule.name}: ${year} has no ${rule.month}/${rule.day}`);
      const shift = !rule.observeOnWeekday
        ? 0
        : d.getUTCDay() === 6
          ? -1
          : d.getUTCDay() === 0
            ? 1
            : 0;
      if (!shift) return { day: iso(d), name: rule.name };
      return { day: iso(new Date(d.getTime() + shift * DAY_MS)), name: `${rule.name} (observed)` };
    }
    case 'nth_weekday': {
      const first = utc(year, rule.month, 1);
      const offset = (rule.weekday - first.getUTCDay() + 7) % 7;
      return { day: iso(utc(year, rule.month, 1 + offset + (rule.n - 1) * 7)), name: rule.name };
    }
    case 'last_weekday': {
      const last = utc(year, rule.month + 1, 0);
      const offset = (last.getUTCDay() - rule.weekday + 7) % 7;
      return { day: iso(new Date(last.getTime() - offset * DAY_MS)), name: rule.name };
    }
  }
}

/**
 * Every holiday the rules give on a day of the years `fromYear`–`toYear`, by day. A day is
 * counted in the year it falls on: New Year's Day 2028 (a Saturday) is observed on 31 December
 * 2027, so it belongs to 2027. Two rules on one day make one holiday with both names.
 */
export function holidaysForYears(
  rules: readonly HolidayRule[],
  fromYear: number,
  toYear: number,
): DatedHoliday[] {
  const byDay = new Map<string, string[]>();
  for (let year = fromYear - 1; year <= toYear + 1; year++) {
    for (const rule of rules) {
      const h = holidayOf(rule, year);
      const y = Number(h.day.slice(0, 4));
      if (y < fromYear || y > toYear) continue;
      byDay.set(h.day, [...(byDay.get(h.day) ?? []), h.name]);
    }
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, names]) => ({ day, name: names.join(' / ') }));
}
