import type { Weekday, WorkingHours } from '@/lib/domain/business-calendar';
import { formatInstant } from '@/app/_components/ui';

export type Interval = { start: string; end: string };
export type WeekHours = Record<Weekday, Interval[]>;

export type Day = { key: Weekday; name: string };
export const DAYS: Day[] = [
  { key: '1', name: 'Monday' },
  { key: '2', name: 'Tuesday' },
  { key: '3', name: 'Wednesday' },
  { key: '4', name: 'Thursday' },
  { key: '5', name: 'Friday' },
  { key: '6', name: 'Saturday' },
  { key: '7', name: 'Sunday' },
];
/** The browser's hint for HH:MM; the server checks the same and more. */
export const CLOCK_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';
export const MAX_INTERVALS_PER_DAY = 4;

/** Every weekday, closed ones as an empty list. */
export const toWeekHours = (w: WorkingHours) =>
  Object.fromEntries(DAYS.map((d) => [d.key, w[d.key] ?? []])) as WeekHours;

/** Holidays are calendar dates, not instants: read them in UTC so every viewer sees the same weekday. */
export const weekdayOf = (day: string) => formatInstant(`${day}T12:00:00Z`, 'UTC', 'weekday');
