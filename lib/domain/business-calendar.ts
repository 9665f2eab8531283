import { DateTime } from 'luxon';
import { cachedDay, type CalendarDay } from './calendar-day-cache';

/**
 * Business-time arithmetic in a calendar's time zone. Pure: every function takes the
 * instant to start from; nothing reads the clock.
 *
 * Working intervals are local wall-clock times, so a 09:00–17:00 day is 8 business hours
 * on DST-change days too; an interval that itself spans a DST change counts the real
 * elapsed time (a 00:00–24:00 day is 23 or 25 hours long then).
 */

export type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';
/** Working intervals per ISO weekday (1 = Monday … 7 = Sunday), local "HH:MM" (end may be "24:00"). */
export type WorkingHours = Partial<Record<Weekday, { start: string; end: string }[]>>;

export type BusinessCalendar = {
  timeZone: string;
  workingHours: WorkingHours;
  /** Local dates "YYYY-MM-DD" with no working time. */
  holidays: ReadonlySet<string>;
};

export const DURATION_UNITS = ['business_hours', 'business_days', 'hours', 'minutes'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export type DurationSpec = { amount: number; unit: DurationUnit };

const MINUTE = 60_000;
/** Searching further than this for working time means the calendar has none. */
const MAX_DAYS_SCANNED = 3_700;

type Interval = { start: number; end: number };

export function makeCalendar(input: {
  timeZone: string;
  workingHours: WorkingHours;
  holidays?: Iterable<string>;
}): BusinessCalendar {
  if (!DateTime.local().setZone(input.timeZone).isValid) {
    throw new RangeError(`Unknown time zone "${input.timeZone}"`);
  }
  for (const [day, ranges] of Object.entries(input.workingHours)) {
    for (const r of ranges ?? []) {
      const s = parseClock(r.start);
      const e = parseClock(r.end);
      if (e <= s)
        throw new RangeError(
          `Working hours on weekday ${day}: end ${r.end} is not after start ${r.start}`,
        );
    }
  }
  return {
    timeZone: input.timeZone,
    workingHours: input.workingHours,
    holidays: new Set(input.holidays ?? []),
  };
}

function parseClock(clock: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!m) throw new RangeError(`Invalid clock time "${clock}" (expected HH:MM)`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0))
    throw new RangeError(`Invalid clock time "${clock}"`);
  return h * 60 + min;
}

/** Minutes since midnight of a clock time already validated as "HH:MM" ("24:00" is 1440). */
export function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
}

/** The last instant of the local day that contains `now` in `timeZone` ("due today"). */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone }).endOf('day').toJSDate();
}

function localDay(at: number, zone: string): DateTime {
  return DateTime.fromMillis(at, { zone }).startOf('day');
}

function atClock(day: DateTime, minutes: number): number {
  // 24:00 is the start of the next day; a wall time inside a DST gap is moved forward by luxon.
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
    .toMillis();
}

type Day = CalendarDay<Interval>;

/** The working intervals of one local day, as absolute instants, sorted. */
function intervalsOf(day: DateTime, cal: BusinessCalendar): Interval[] {
  if (cal.holidays.has(day.toISODate()!)) return [];
  const ranges = cal.workingHours[String(day.weekday) as Weekday] ?? [];
  return ranges
    .map((r) => ({
      start: atClock(day, parseClock(r.start)),
      end: atClock(day, parseClock(r.end)),
    }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
}

/** The local day containing `at` with its working intervals (remembered: calendar-day-cache.ts). */
function dayOf(at: number, cal: BusinessCalendar): Day {
  return cachedDay(cal, at, (t) => {
    const day = localDay(t, cal.timeZone);
    const end = day.plus({ days: 1 }).startOf('day').toMillis();
    return {
      start: Math.min(day.toMillis(), t),
      end: Math.max(end, t + 1),
      intervals: intervalsOf(day, cal),
    };
  });
}

const nextDay = (day: Day, cal: BusinessCalendar) => dayOf(day.end, cal);
const previousDay = (day: Day, cal: BusinessCalendar) => dayOf(day.start - 1, cal);

export function isBusinessTime(at: Date, cal: BusinessCalendar): boolean {
  const t = at.getTime();
  return dayOf(t, cal).intervals.some((i) => t >= i.start && t < i.end);
}

/** Adds (or, for a negative amount, subtracts) working minutes. */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(minutes)) throw new RangeError('minutes must be finite');
  if (minutes === 0) return new Date(start.getTime());
  let remaining = Math.abs(minutes) * MINUTE;
  let cursor = start.getTime();
  let day = dayOf(cursor, cal);
  const forward = minutes > 0;
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
    const { intervals } = day;
    if (forward) {
      for (const i of intervals) {
        if (i.end <= cursor) continue;
        const from = Math.max(i.start, cursor);
        const available = i.end - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
        cursor = i.end;
      }
      day = nextDay(day, cal);
    } else {
      for (let k = intervals.length - 1; k >= 0; k--) {
        const i = intervals[k]!;
        if (i.start >= cursor) continue;
        const to = Math.min(i.end, cursor);
        const available = to - i.start;
        if (remaining <= available) return new Date(to - remaining);
        remaining -= available;
        cursor = i.start;
      }
      day = previousDay(day, cal);
    }
  }
  throw new RangeError('The business calendar has no working time within ten years');
}

export function addBusinessHours(start: Date, hours: number, cal: BusinessCalendar): Date {
  return addBusinessMinutes(start, hours * 60, cal);
}

/** The first working instant at or after `at`. */
export function nextBusinessInstant(at: Date, cal: BusinessCalendar): Date {
  const t = at.getTime();
  let day = dayOf(t, cal);
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
    for (const i of day.intervals) {
      if (i.end <= t) continue;
      return new Date(Math.max(i.start, t));
    }
    day = nextDay(day, cal);
  }
  throw new RangeError('The business calendar has no working time within ten years');
}

/**
 * N business days later at the same local time of day: Friday 16:00 + 2 = Tuesday 16:00.
 * A start outside working time counts from the next working instant; a target time outside
 * that day's working hours is moved into them (to the next interval, else the day's end).
 */
export function addBusinessDays(start: Date, days: number, cal: BusinessCalendar): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError('days must be a non-negative integer');
  if (days === 0) return new Date(start.getTime());
  const from = nextBusinessInstant(start, cal).getTime();
  const anchor = DateTime.fromMillis(from, { zone: cal.timeZone });
  const minuteOfDay = anchor.hour * 60 + anchor.minute;
  const secondsPart = anchor.second * 1000 + anchor.millisecond;
  let day = dayOf(from, cal);
  let left = days;
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
    day = nextDay(day, cal);
    const { intervals } = day;
    if (intervals.length === 0) continue;
    if (--left > 0) continue;
    const wanted = atClock(localDay(day.start, cal.timeZone), minuteOfDay) + secondsPart;
    for (const i of intervals) {
      if (wanted < i.start) return new Date(i.start);
      if (wanted <= i.end) return new Date(wanted);
    }
    return new Date(intervals.at(-1)!.end);
  }
  throw new RangeError('The business calendar has no working time within ten years');
}

/** Working minutes between two instants (negative when `to` is before `from`). */
export function businessMinutesBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const a = Math.min(from.getTime(), to.getTime());
  const b = Math.max(from.getTime(), to.getTime());
  let total = 0;
  for (let day = dayOf(a, cal), scanned = 0; day.start <= b; day = nextDay(day, cal), scanned++) {
    if (scanned > MAX_DAYS_SCANNED * 3) throw new RangeError('Range too long');
    for (const i of day.intervals) {
      const s = Math.max(i.start, a);
      const e = Math.min(i.end, b);
      if (e > s) total += e - s;
    }
  }
  const minutes = total / MINUTE;
  return from.getTime() <= to.getTime() ? minutes : -minutes;
}

/** Applies a duration of any unit; calendar units use the business calendar, the others wall time. */
export function addDuration(start: Date, d: DurationSpec, cal: BusinessCalendar): Date {
  switch (d.unit) {
    case 'business_days':
      return addBusinessDays(start, d.amount, cal);
    case 'business_hours':
      return addBusinessMinutes(start, d.amount * 60, cal);
    case 'hours':
      return new Date(start.getTime() + d.amount * 60 * MINUTE);
    case 'minutes':
      return new Date(start.getTime() + d.amount * MINUTE);
  }
}

export function subtractDuration(start: Date, d: DurationSpec, cal: BusinessCalendar): Date {
  switch (d.unit) {
    case 'business_days':
      throw new RangeError('Subtracting business days is not supported; use business_hours');
    case 'business_hours':
      return addBusinessMinutes(start, -d.amount * 60, cal);
    case 'hours':
      return new Date(start.getTime() - d.amount * 60 * MINUTE);
    case 'minutes':
      return new Date(start.getTime() - d.amount * MINUTE);
  }
}
