import {
  Button,
  Field,
  FieldError,
  Input,
  NoticeLine,
  Table,
  TableBody,
} from '@/app/_components/ui';
import type { CalendarRow } from './calendar-row';
import { DayHours } from './day-hours';
import { fieldPaths } from './field-paths';
import { useHoursForm } from './use-hours-form';
import { DAYS } from './week';

/** The calendar's time zone and its working hours, weekday by weekday. */
export function HoursForm({ calendar, timeZones }: { calendar: CalendarRow; timeZones: string[] }) {
  const form = useHoursForm(calendar);
  const f = fieldPaths(`cal-${calendar.id}`, form.errors);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        form.save();
      }}
      aria-label={`Working hours of ${calendar.name}`}
      className="space-y-3"
      noValidate
    >
      <Field label="Time zone" id={f.id('tz')} error={form.errors.timeZone}>
        {(control) => (
          <>
            <Input
              {...control}
              size="sm"
              list={f.id('tz-list')}
              value={form.timeZone}
              onChange={(e) => form.setTimeZone(e.target.value)}
              className="mt-1 w-72"
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id={f.id('tz-list')}>
              {timeZones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Table className="w-auto">
        <caption className="mb-1 text-left text-sm font-medium">
          Working hours (local time, HH:MM; 24:00 for midnight at the end of the day)
        </caption>
        <TableBody>
          {DAYS.map((d) => (
            <DayHours key={d.key} f={f} day={d} form={form} />
          ))}
        </TableBody>
      </Table>
      <FieldError id={f.id('workingHours-error')} text={form.errors.workingHours} />
      <NoticeLine notice={form.notice} />
      <Button type="submit" disabled={form.busy}>
        Save time zone and hours
      </Button>
    </form>
  );
}
