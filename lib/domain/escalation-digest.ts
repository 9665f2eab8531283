import { nextBusinessInstant, type BusinessCalendar } from './business-calendar';

/**
 * Escalation digests (issue 18): a group's supervisor hears of escalations once per period
 * instead of once per task. Pure: periods, whether one is sent, and what the message says.
 */

/** How a group's supervisor hears of escalations (groups.escalation_delivery). */
export const DIGEST_DELIVERIES = ['immediate', 'digest'] as const;
export const DIGEST_INTERVAL_MIN = 15;
export const DIGEST_INTERVAL_MAX = 24 * 60;
/** A digest never reaches back further than this, however long none was sent. */
export const DIGEST_LOOKBACK_MAX_MS = 7 * 24 * 60 * 60_000;
/** Items listed per section; the rest is counted ("and N more"). */
export const DIGEST_SECTION_CAP = 100;
/** Unassigned work is "due soon" when due within this much after the digest is made. */
export const DIGEST_DUE_SOON_MS = 24 * 60 * 60_000;
/** A snooze lasts at most this long: an escalation is not silenced for good by accident. */
export const SNOOZE_MAX_MS = 7 * 24 * 60 * 60_000;
export const SNOOZE_MIN_MS = 5 * 60_000;

export type DigestTask = {
  taskId: string;
  caseId: string;
  reference: string | null;
  name: string;
  dueAt: string | null;
  escalationLevel: number;
  assigneeName: string | null;
};
export type DigestSection<T> = { items: T[]; total: number };
export type DigestContent = {
  escalations: DigestSection<DigestTask>;
  atRisk: DigestSection<DigestTask & { latenessMinutes: number; risk: number }>;
  unassignedDueSoon: DigestSection<DigestTask>;
  absentHolders: DigestSection<{ userId: string; name: string; claimedTasks: number }>;
};

export type DigestPeriod = { periodStart: Date; periodEnd: Date };

/**
 * A period is closed only this long after it ends: an escalation is stamped with its sweep's
 * tick (tasks.escalated_at), and a sweep that started before the end may commit a little after
 * it; the digest is built once those commits are in.
 */
export const DIGEST_GRACE_MS = 5 * 60_000;

/**
 * The last whole period ending at least DIGEST_GRACE_MS before `now`, aligned on multiples of
 * the interval since the epoch (an hourly digest covers 09:00–10:00 UTC, whoever computes it):
 * every scheduler copy names the same period, which the unique (group, supervisor, period_end)
 * key then sends once. The period starts where the previous digest ended (nothing falls between
 * two digests, e.g. overnight when only working hours are sent), at most DIGEST_LOOKBACK_MAX_MS
 * back, and never before `since` (when the group switched to digests: what came before was
 * notified one by one). Null when that switch leaves nothing of the period to send.
 */
export function digestPeriod(
  now: Date,
  intervalMinutes: number,
  previousEnd: Date | null,
  since: Date | null = null,
): DigestPeriod | null {
  const ms = clampInterval(intervalMinutes) * 60_000;
  const periodEnd = closedPeriodEnd(now, intervalMinutes);
  const earliest = periodEnd.getTime() - DIGEST_LOOKBACK_MAX_MS;
  let start =
    previousEnd && previousEnd < periodEnd
      ? Math.max(previousEnd.getTime(), earliest)
      : periodEnd.getTime() - ms;
  if (since) start = Math.max(start, since.getTime());
  if (start >= periodEnd.getTime()) return null;
  return { periodStart: new Date(start), periodEnd };
}

/** The end of the last period closed at `now` (aligned, DIGEST_GRACE_MS past). */
export function closedPeriodEnd(now: Date, intervalMinutes: number): Date {
  const ms = clampInterval(intervalMinutes) * 60_000;
  return new Date(Math.floor((now.getTime() - DIGEST_GRACE_MS) / ms) * ms);
}

export function clampInterval(minutes: number): number {
  if (!Number.isFinite(minutes)) return 60;
  return Math.min(DIGEST_INTERVAL_MAX, Math.max(DIGEST_INTERVAL_MIN, Math.round(minutes)));
}

/**
 * Whether a digest goes out for the period ending at `periodEnd`: always, or (working hours
 * only) when the last interval before it holds working time of the calendar, so nothing is sent
 * at night and the first digest of the morning gathers what happened overnight.
 */
export function sendsAt(
  periodEnd: Date,
  intervalMinutes: number,
  workingHoursOnly: boolean,
  calendar: BusinessCalendar | null,
): boolean {
  if (!workingHoursOnly || !calendar) return true;
  const from = new Date(periodEnd.getTime() - clampInterval(intervalMinutes) * 60_000);
  try {
    return nextBusinessInstant(from, calendar) < periodEnd;
  } catch {
    return false; // a calendar without working time never sends
  }
}

export const digestIsEmpty = (c: DigestContent): boolean =>
  c.escalations.total === 0 &&
  c.atRisk.total === 0 &&
  c.unassignedDueSoon.total === 0 &&
  c.absentHolders.total === 0;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The notification's title and body (the e-mail has the same texts and the link). */
export function digestMessage(
  groupName: string,
  c: DigestContent,
): { title: string; body: string } {
  const parts = [
    plural(c.escalations.total, 'new escalation'),
    plural(c.atRisk.total, 'task', 'tasks') + ' at risk',
    plural(c.unassignedDueSoon.total, 'unassigned task') + ' due soon',
    plural(c.absentHolders.total, 'absent person', 'absent people') + ' holding work',
  ];
  const lines = c.escalations.items
    .slice(0, 10)
    .map((t) => `- ${t.reference ?? ''} “${t.name}” (level ${t.escalationLevel})`);
  const more = c.escalations.total - lines.length;
  if (more > 0) lines.push(`- and ${more} more`);
  return {
    title: `Escalation digest for ${groupName}: ${parts[0]}`,
    body: [parts.join(', ') + '.', ...lines].join('\n'),
  };
}

/**
 * An acknowledgement holds for the ladder it was given on: a deadline extension or a
 * supervisor's reassignment restarts the ladder (tasks.ladder_started_at), and escalations of
 * the new ladder are heard again.
 */
export function acknowledgementHolds(
  acknowledgedAt: Date | null,
  ladderStartedAt: Date | null,
): boolean {
  if (!acknowledgedAt) return false;
  return !ladderStartedAt || acknowledgedAt >= ladderStartedAt;
}

export type SnoozeInput = { minutes: number } | { until: Date };

/** When a snooze ends, or why it is refused (field named for the 400). */
export function snoozeEnd(
  input: SnoozeInput,
  now: Date,
): { ok: true; until: Date } | { ok: false; field: string; message: string } {
  const field = 'minutes' in input ? 'minutes' : 'until';
  const until = 'minutes' in input ? new Date(now.getTime() + input.minutes * 60_000) : input.until;
  if (Number.isNaN(until.getTime())) return { ok: false, field, message: 'must be a valid time' };
  const ahead = until.getTime() - now.getTime();
  if (ahead < SNOOZE_MIN_MS)
    return { ok: false, field, message: 'must be at least 5 minutes in the future' };
  if (ahead > SNOOZE_MAX_MS)
    return { ok: false, field, message: 'must be at most 7 days in the future' };
  return { ok: true, until };
}
