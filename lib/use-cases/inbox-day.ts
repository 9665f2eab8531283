import { endOfLocalDay } from '../domain/business-calendar';

/** Per time zone: the end of the local day last computed, and the instant it was computed for. */
const latest = new Map<string, { from: number; end: Date }>();

/**
 * endOfLocalDay, remembered per time zone: every instant from the one it was computed for up to
 * that end lies in the same local day, so has the same end. (The zone arithmetic costs more than
 * the rest of an inbox request's own work.)
 */
export function inboxEndOfDay(now: Date, tz: string): Date {
  const t = now.getTime();
  const hit = latest.get(tz);
  if (hit && t >= hit.from && t <= hit.end.getTime()) return hit.end;
  const end = endOfLocalDay(now, tz);
  if (latest.size >= 1000) latest.clear();
  latest.set(tz, { from: t, end });
  return end;
}
