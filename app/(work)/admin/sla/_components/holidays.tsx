import { Button, Day, NoticeLine, Table, TableBody } from '@/app/_components/ui';
import type { CalendarRow } from './calendar-row';
import { HolidayForm } from './holiday-form';
import { useHolidays } from './use-holidays';

/** The calendar's holidays (past ones greyed), each removable, and the form to add one. */
export function Holidays({ calendar, today }: { calendar: CalendarRow; today: string }) {
  const h = useHolidays(calendar);
  return (
    <div className="space-y-3">
      <Table className="max-w-xl">
        <caption className="mb-1 text-left text-sm font-medium">
          Holidays{' '}
          <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">
            ({calendar.holidays.length})
          </span>
        </caption>
        <thead className="sr-only">
          <tr>
            <th>Date</th>
            <th>Name</th>
            <th>Actions</th>
          </tr>
        </thead>
        <TableBody>
          {calendar.holidays.map((x) => (
            <tr
              key={x.id}
              className={x.day < today ? 'text-zinc-500 dark:text-zinc-400' : ''}
              data-testid="holiday-row"
            >
              <td className="tabular w-36 py-1.5 pr-3 whitespace-nowrap">
                <Day value={x.day} />
              </td>
              <td className="py-1.5 pr-3">{x.name}</td>
              <td className="py-1 text-right">
                <Button
                  variant="danger"
                  size="sm"
                  disabled={h.busy}
                  onClick={() => h.remove(x)}
                  className="rounded font-normal"
                >
                  Remove
                  <span className="sr-only">
                    {' '}
                    {x.name} {x.day}
                  </span>
                </Button>
              </td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <HolidayForm calendarId={calendar.id} calendarName={calendar.name} holidays={h} />
      <NoticeLine notice={h.notice} />
    </div>
  );
}
