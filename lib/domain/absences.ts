/**
 * Absences with dates (issue 17): a person is away from `startsAt` to `endsAt`, new work routed
 * to them goes to their delegate meanwhile, and the scheduler starts and ends the absence on its
 * own. Pure: the time zone and `now` are parameters.
 */
import { isCalendarDate, isIsoInstant } from './input-limits';

const DAY_MS = 86_400_000;
/** Longest absence: a year and a day, so "the same date next year" fits. */
export const MAX_ABSENCE_DAYS = 366;
/** How far ahead an absence may be planned. */
export const MAX_ABSENCE_LEAD_DAYS = 2 * 366;
/**
 * How far back a start may lie: "from today" typed as a date means 00:00 of today in the
 * person's zone, which can be up to a day (and a zone's offset) ago.
 */
export const MAX_START_IN_PAST_MS = 2 * DAY_MS;
export const MAX_ABSENCE_NOTE_LENGTH = 500;

export type AbsenceStatus = 'scheduled' | 'active' | 'ended' | 'cancelled';
export type AbsencePeriod = { startsAt: Date; endsAt: Date };

/** Minutes the zone is ahead of UTC at `at` (Europe/Berlin in winter: 60). */
function offsetMinutes(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * 00:00 of a calendar date (YYYY-MM-DD) in `zone`, as an instant. Where a DST change skips
 * midnight, the first moment of the day that exists.
 */
export function startOfZonedDay(date: string, zone: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  let guess = utcMidnight - offsetMinutes(zone, new Date(utcMidnight)) * 60_000;
  // A second pass settles the offset when it differs at the guessed instant (DST edges).
  guess = utcMidnight - offsetMinutes(zone, new Date(guess)) * 60_000;
  return new Date(guess);
}

/** The date after `date` (YYYY-MM-DD). */
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

export type AbsenceInput = { startsAt: string; endsAt: string };
export type PeriodResult =
  { ok: true; period: AbsencePeriod } | { ok: false; fields: Record<string, string> };

/**
 * The absence's period from what a person typed: a date (YYYY-MM-DD) in the absent person's
 * zone — a start date means from 00:00 of that day, an end date until 24:00 of it (the whole
 * day is off) — or an exact instant (2026-12-01T08:00:00.000Z). Checked against `now`: the end
 * lies ahead, the start at most two days back, at most a year long, planned at most two years
 * ahead.
 */
export function absencePeriod(input: AbsenceInput, zone: string, now: Date): PeriodResult {
  const fields: Record<string, string> = {};
  const read = (value: string, field: 'startsAt' | 'endsAt'): Date | null => {
    if (isCalendarDate(value)) {
      const year = Number(value.slice(0, 4));
      if (year < 2000 || year > 9000) {
        fields[field] = 'must be a date between the years 2000 and 9000';
        return null;
      }
      return startOfZonedDay(field === 'startsAt' ? value : nextDate(value), zone);
    }
    if (isIsoInstant(value)) return new Date(value);
    fields[field] =
      'must be a date (YYYY-MM-DD) that exists, or an instant like 2026-12-01T08:00:00.000Z';
    return null;
  };
  const startsAt = read(input.startsAt, 'startsAt');
  const endsAt = read(input.endsAt, 'endsAt');
  if (!startsAt || !endsAt) return { ok: false, fields };
  if (endsAt.getTime() <= startsAt.getTime()) fields.endsAt = 'must be after the start';
  else if (endsAt.getTime() <= now.getTime()) fields.endsAt = 'must lie in the future';
  else if (endsAt.getTime() - startsAt.getTime() > MAX_ABSENCE_DAYS * DAY_MS)
    fields.endsAt = `must be at most ${MAX_ABSENCE_DAYS} days after the start`;
  if (startsAt.getTime() < now.getTime() - MAX_START_IN_PAST_MS)
    fields.startsAt = 'must not lie more than two days in the past';
  else if (startsAt.getTime() > now.getTime() + MAX_ABSENCE_LEAD_DAYS * DAY_MS)
    fields.startsAt = `must be at most ${MAX_ABSENCE_LEAD_DAYS} days ahead`;
  return Object.keys(fields).length
    ? { ok: false, fields }
    : { ok: true, period: { startsAt, endsAt } };
}

/** Two periods share a moment (an absence ending when the next starts does not overlap it). */
export function periodsOverlap(a: AbsencePeriod, b: AbsencePeriod): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Absences that still hold a period of the person's calendar (cancelled and ended ones do not). */
export function blocksCalendar(status: AbsenceStatus): boolean {
  return status === 'scheduled' || status === 'active';
}

/** What the scheduler does with an absence at `now`. */
export function absenceDueAction(
  a: AbsencePeriod & { status: AbsenceStatus },
  now: Date,
): 'start' | 'end' | 'lapse' | null {
  const t = now.getTime();
  if (a.status === 'scheduled') {
    // Over before any scheduler saw it (a long outage): nothing to start or hand over.
    if (a.endsAt.getTime() <= t) return 'lapse';
    return a.startsAt.getTime() <= t ? 'start' : null;
  }
  if (a.status === 'active') return a.endsAt.getTime() <= t ? 'end' : null;
  return null;
}

/** Cancel a planned absence, end a running one early; a finished one stays as it is. */
export function stopAbsence(status: AbsenceStatus): 'cancel' | 'end' | null {
  if (status === 'scheduled') return 'cancel';
  if (status === 'active') return 'end';
  return null;
}
