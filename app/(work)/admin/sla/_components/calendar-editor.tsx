'use client';

import type { CalendarRow } from './calendar-row';
import { Holidays } from './holidays';
import { HolidayRules } from './holiday-rules';
import { HoursForm } from './hours-form';

/** One business calendar: its working hours beside its holidays. */
export function CalendarEditor({
  calendar,
  timeZones,
  today,
}: {
  calendar: CalendarRow;
  timeZones: string[];
  /** The calendar day in the calendar's own zone, so past holidays can be told apart. */
  today: string;
}) {
  return (
    <section
      aria-labelledby={`cal-${calendar.id}-heading`}
      className="space-y-5 border-t border-zinc-200 px-6 py-5 dark:border-zinc-800"
    >
      <div>
        <h2 id={`cal-${calendar.id}-heading`} className="text-sm font-semibold">
          Business calendar: {calendar.name}{' '}
          <code className="text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {calendar.key}
          </code>
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Business hours and days in SLA policies count only these hours, never holidays.
        </p>
      </div>
      <div className="grid gap-8 lg:grid-cols-2">
        <HoursForm calendar={calendar} timeZones={timeZones} />
        <Holidays calendar={calendar} today={today} />
        <HolidayRules calendarId={calendar.id} calendarName={calendar.name} />
      </div>
    </section>
  );
}
