/**
 * Local days of a business calendar, remembered per calendar object (business-calendar.ts).
 * Finding the local day of an instant and its working intervals takes several luxon calls
 * (tens of microseconds); a sweep asks for the same few days for thousands of tasks. So each
 * day, once computed, is filed under every 15-minute UTC slot it covers, and an instant finds
 * its day with one division and one map lookup. Pure: what is remembered depends only on the
 * calendar, which is never changed after makeCalendar, so an answer is the same with or without
 * the cache (business-calendar.test.ts checks this on generated inputs).
 */

/** One local day: from its first instant (inclusive) to the next day's first (exclusive). */
export type CalendarDay<I> = { start: number; end: number; intervals: I[] };

/**
 * Every zone offset in use since 1970 is a whole number of quarter hours, so a local day's
 * bounds fall on slot bounds; a slot a bound crosses anyway (local mean time before 1900) is
 * not filed, and its instants are computed every time.
 */
const SLOT_MS = 15 * 60_000;
/** Slots remembered per calendar before it starts over (~100 days, a few hundred kB). */
const MAX_SLOTS = 10_000;

type Days<I> = Map<number, CalendarDay<I>>;
const byCalendar = new WeakMap<object, Days<unknown>>();
const uncached = new WeakSet<object>();

/**
 * The day containing `at`, from the cache or else from `compute` (which must return the day
 * containing `at`); the computed day is filed under every slot it fully covers.
 */
export function cachedDay<I>(
  calendar: object,
  at: number,
  compute: (at: number) => CalendarDay<I>,
): CalendarDay<I> {
  if (uncached.has(calendar)) return compute(at);
  let days = byCalendar.get(calendar) as Days<I> | undefined;
  if (!days) {
    days = new Map();
    byCalendar.set(calendar, days);
  }
  const hit = days.get(Math.floor(at / SLOT_MS));
  if (hit && hit.start <= at && at < hit.end) return hit;
  const day = compute(at);
  if (days.size >= MAX_SLOTS) days.clear();
  for (let s = Math.ceil(day.start / SLOT_MS); (s + 1) * SLOT_MS <= day.end; s++) days.set(s, day);
  return day;
}

/**
 * A copy of a calendar whose days are always computed afresh: the reference the cached answers
 * are tested against.
 */
export function withoutDayCache<C extends object>(calendar: C): C {
  const copy = { ...calendar };
  uncached.add(copy);
  return copy;
}
