import { Button, FieldError, Input } from '@/app/_components/ui';
import { HiddenLabel, PathErrors, type FieldPaths } from './field-paths';
import type { HoursFormState } from './use-hours-form';
import { CLOCK_PATTERN, MAX_INTERVALS_PER_DAY, type Day } from './week';

/** One "09:00 – 17:00" interval of a day, with its own Remove. */
function IntervalRow({
  f,
  day: d,
  index: i,
  form,
}: {
  f: FieldPaths;
  day: Day;
  index: number;
  form: HoursFormState;
}) {
  const r = form.hours[d.key][i]!;
  const p = `workingHours.${d.key}.${i}`;
  const clock = (end: 'start' | 'end', placeholder: string) => (
    <>
      <HiddenLabel htmlFor={f.id(`${d.key}-${i}-${end}`)}>
        {d.name} interval {i + 1} {end}
      </HiddenLabel>
      <Input
        size="sm"
        id={f.id(`${d.key}-${i}-${end}`)}
        value={r[end]}
        pattern={CLOCK_PATTERN}
        placeholder={placeholder}
        inputMode="numeric"
        onChange={(e) => form.setRange(d.key, i, { [end]: e.target.value })}
        className="tabular w-20"
        {...f.a11y(`${p}.${end}`)}
      />
    </>
  );
  return (
    <div className="mb-1 flex items-center gap-2">
      {clock('start', '09:00')}
      <span aria-hidden="true">–</span>
      {clock('end', '17:00')}
      <Button
        variant="danger"
        size="sm"
        onClick={() => form.removeRange(d.key, i)}
        className="rounded font-normal"
      >
        Remove
        <span className="sr-only">
          {' '}
          {d.name} interval {i + 1}
        </span>
      </Button>
      <PathErrors f={f} paths={[`${p}.start`, `${p}.end`]} />
    </div>
  );
}

/** A weekday's row: its intervals (or "Closed") and the button that adds one. */
export function DayHours({ f, day: d, form }: { f: FieldPaths; day: Day; form: HoursFormState }) {
  const list = form.hours[d.key];
  return (
    <tr className="align-top">
      <th scope="row" className="w-28 py-1.5 pr-3 text-left font-normal">
        {d.name}
      </th>
      <td className="py-1.5">
        {list.length === 0 ? (
          <span className="mr-2 text-xs text-zinc-500 dark:text-zinc-400">Closed</span>
        ) : null}
        {list.map((_, i) => (
          <IntervalRow key={i} f={f} day={d} index={i} form={form} />
        ))}
        {list.length < MAX_INTERVALS_PER_DAY ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => form.addRange(d.key)}
            className="rounded"
          >
            Add hours<span className="sr-only"> on {d.name}</span>
          </Button>
        ) : null}
        <FieldError
          id={f.id(`workingHours.${d.key}-error`)}
          text={f.errors[`workingHours.${d.key}`]}
        />
      </td>
    </tr>
  );
}
