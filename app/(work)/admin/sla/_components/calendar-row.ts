import type { listCalendars } from '@/lib/use-cases/list-calendars';

/** A business calendar as its editor needs it: zone, weekly hours and holidays. */
export function toCalendarRow(c: Awaited<ReturnType<typeof listCalendars>>[number]) {
  return {
    id: c.id,
    key: c.key,
    name: c.name,
    timeZone: c.timeZone,
    workingHours: c.workingHours,
    holidays: c.holidays,
  };
}
export type CalendarRow = ReturnType<typeof toCalendarRow>;
export type Holiday = CalendarRow['holidays'][number];
