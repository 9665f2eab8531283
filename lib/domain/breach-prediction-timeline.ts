import { DateTime } from 'luxon';
import { clockMinutes, type BusinessCalendar, type Weekday } from './business-calendar';

const MINUTE = 60_000;
/** Past this many local days the timeline stops growing (the calendar has no more working time). */
const MAX_DAYS = 1_500;

/**
 * The working time of one calendar from one instant on, as a list of intervals with running
 * totals, so "now + N working minutes" and "working minutes until T" are binary searches. A
 * schedule asks these for thousands of tasks spread over months; walking the calendar day by day
 * for each (business-calendar.ts) would cost a scan per task. Same interval rules as
 * business-calendar.ts (local wall-clock ranges, holidays with no working time, "24:00" = the next
 * day's start); business-calendar.test.ts's semantics are checked against it in
 * breach-prediction.test.ts.
 */
export class WorkTimeline {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Working minutes from the origin to the start of each interval. */
  private readonly before: number[] = [];
  private total = 0;
  private day: DateTime;
  private days = 0;

  constructor(
    readonly origin: Date,
    private readonly cal: BusinessCalendar,
  ) {
    this.day = DateTime.fromJSDate(origin, { zone: cal.timeZone }).startOf('day');
  }

  private grow(): boolean {
    if (this.days >= MAX_DAYS) return false;
    const day = this.day;
    this.day = day.plus({ days: 1 }).startOf('day');
    this.days++;
    if (this.cal.holidays.has(day.toISODate()!)) return true;
    const ranges = this.cal.workingHours[String(day.weekday) as Weekday] ?? [];
    const at = (m: number) =>
      m === 24 * 60
        ? day.plus({ days: 1 }).startOf('day').toMillis()
        : day
            .set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 })
            .toMillis();
    const intervals = ranges
      .map((r) => ({ start: at(clockMinutes(r.start)), end: at(clockMinutes(r.end)) }))
      .filter((i) => i.end > i.start)
      .sort((a, b) => a.start - b.start);
    const o = this.origin.getTime();
    for (const i of intervals) {
      const start = Math.max(i.start, o);
      if (i.end <= start) continue;
      this.starts.push(start);
      this.ends.push(i.end);
      this.before.push(this.total);
      this.total += (i.end - start) / MINUTE;
    }
    return true;
  }

  /** The instant `minutes` working minutes after the origin (the origin itself for 0). */
  at(minutes: number): Date {
    if (!(minutes > 0)) return new Date(this.origin.getTime());
    while (this.total < minutes) {
      if (!this.grow()) return new Date(this.ends.at(-1) ?? this.origin.getTime());
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.before[mid]! + (this.ends[mid]! - this.starts[mid]!) / MINUTE >= minutes) hi = mid;
      else lo = mid + 1;
    }
    return new Date(this.starts[lo]! + (minutes - this.before[lo]!) * MINUTE);
  }

  /** Working minutes from the origin until `t` (0 for an instant at or before the origin). */
  minutesUntil(t: Date): number {
    const x = t.getTime();
    if (x <= this.origin.getTime()) return 0;
    while ((this.ends.at(-1) ?? -Infinity) < x && this.day.toMillis() <= x) {
      if (!this.grow()) break;
    }
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    // Intervals [0, lo) start before x.
    if (lo === 0) return 0;
    const i = lo - 1;
    return this.before[i]! + (Math.min(x, this.ends[i]!) - this.starts[i]!) / MINUTE;
  }
}
