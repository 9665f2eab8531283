import { Button, Field, Input } from '@/app/_components/ui';
import type { HolidaysState } from './use-holidays';

/** Date and name of a new holiday; the form clears once it is added. */
export function HolidayForm({
  calendarId,
  calendarName,
  holidays: h,
}: {
  calendarId: string;
  calendarName: string;
  holidays: HolidaysState;
}) {
  const id = (s: string) => `hol-${calendarId}-${s}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        h.add(e.currentTarget);
      }}
      aria-label={`Add a holiday to ${calendarName}`}
      className="flex flex-wrap items-start gap-3"
      noValidate
    >
      <Field label="Date" id={id('day')} error={h.errors.day}>
        {(control) => (
          <Input {...control} size="sm" name="day" type="date" required className="tabular mt-1" />
        )}
      </Field>
      <Field label="Name" id={id('name')} error={h.errors.name}>
        {(control) => (
          <Input
            {...control}
            size="sm"
            name="name"
            required
            minLength={2}
            placeholder="e.g. Company day"
            className="mt-1 w-64"
          />
        )}
      </Field>
      <Button type="submit" disabled={h.busy} className="mt-6">
        Add holiday
      </Button>
    </form>
  );
}
