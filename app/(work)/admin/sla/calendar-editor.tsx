'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Weekday, WorkingHours } from '@/lib/domain/business-calendar';
import { api, ApiRequestError } from '../../../_components/api-client';
import { FieldError } from '../../../_components/field-error';

export type AdminCalendar = {
  id: string;
  key: string;
  name: string;
  timeZone: string;
  workingHours: WorkingHours;
  holidays: { id: string; day: string; name: string }[];
};
type Interval = { start: string; end: string };
type Notice = { kind: 'error' | 'info'; text: string } | null;

const DAYS: { key: Weekday; name: string }[] = [
  { key: '1', name: 'Monday' },
  { key: '2', name: 'Tuesday' },
  { key: '3', name: 'Wednesday' },
  { key: '4', name: 'Thursday' },
  { key: '5', name: 'Friday' },
  { key: '6', name: 'Saturday' },
  { key: '7', name: 'Sunday' },
];
const CLOCK_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';
const input =
  'rounded-md border border-zinc-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900';
const clockInput = `${input} tabular w-20`;
const primary =
  'rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60';
const link =
  'rounded px-2 py-1 text-xs font-medium text-accent-700 hover:bg-accent-50 disabled:opacity-60 dark:text-accent-100 dark:hover:bg-zinc-800';
const danger =
  'rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 disabled:opacity-60 dark:text-red-300 dark:hover:bg-red-950';
/** Holidays are calendar dates, not instants: read them in UTC so every viewer sees the same weekday. */
const weekdayOf = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });

function NoticeLine({ notice }: { notice: Notice }) {
  return notice ? (
    <p
      role={notice.kind === 'error' ? 'alert' : 'status'}
      className={`text-sm ${notice.kind === 'error' ? 'text-red-700 dark:text-red-300' : 'text-emerald-700 dark:text-emerald-300'}`}
    >
      {notice.text}
    </p>
  ) : null;
}

function HoursForm({ calendar, timeZones }: { calendar: AdminCalendar; timeZones: string[] }) {
  const router = useRouter();
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [hours, setHours] = useState<Record<Weekday, Interval[]>>(
    () =>
      Object.fromEntries(DAYS.map((d) => [d.key, calendar.workingHours[d.key] ?? []])) as Record<
        Weekday,
        Interval[]
      >,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const id = (s: string) => `cal-${calendar.id}-${s}`;
  const a11y = (path: string) => ({
    'aria-invalid': errors[path] ? true : undefined,
    'aria-describedby': errors[path] ? id(`${path}-error`) : undefined,
  });
  const setRange = (day: Weekday, i: number, patch: Partial<Interval>) =>
    setHours((h) => ({ ...h, [day]: h[day].map((r, k) => (k === i ? { ...r, ...patch } : r)) }));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api(`/api/admin/calendar/${calendar.id}`, {
        method: 'PATCH',
        body: {
          timeZone,
          workingHours: Object.fromEntries(Object.entries(hours).filter(([, list]) => list.length)),
        },
      });
      setErrors({});
      setNotice({
        kind: 'info',
        text: 'Working hours saved. New deadlines use them; existing deadlines stay as they are.',
      });
      router.refresh();
    } catch (err) {
      const p = err instanceof ApiRequestError ? err.error : null;
      setErrors(p?.fields ?? {});
      setNotice({ kind: 'error', text: p?.message ?? 'Could not save the working hours.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={save}
      aria-label={`Working hours of ${calendar.name}`}
      className="space-y-3"
      noValidate
    >
      <div>
        <label htmlFor={id('tz')} className="block text-sm font-medium">
          Time zone
        </label>
        <input
          id={id('tz')}
          list={id('tz-list')}
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          className={`${input} mt-1 w-72`}
          autoComplete="off"
          spellCheck={false}
          {...a11y('timeZone')}
        />
        <datalist id={id('tz-list')}>
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <FieldError id={id('timeZone-error')} text={errors.timeZone} />
      </div>
      <table className="text-sm">
        <caption className="mb-1 text-left text-sm font-medium">
          Working hours (local time, HH:MM; 24:00 for midnight at the end of the day)
        </caption>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {DAYS.map((d) => (
            <tr key={d.key} className="align-top">
              <th scope="row" className="w-28 py-1.5 pr-3 text-left font-normal">
                {d.name}
              </th>
              <td className="py-1.5">
                {hours[d.key].length === 0 ? (
                  <span className="mr-2 text-xs text-zinc-500 dark:text-zinc-400">Closed</span>
                ) : null}
                {hours[d.key].map((r, i) => {
                  const p = `workingHours.${d.key}.${i}`;
                  return (
                    <div key={i} className="mb-1 flex items-center gap-2">
                      <label htmlFor={id(`${d.key}-${i}-start`)} className="sr-only">
                        {d.name} interval {i + 1} start
                      </label>
                      <input
                        id={id(`${d.key}-${i}-start`)}
                        value={r.start}
                        pattern={CLOCK_PATTERN}
                        placeholder="09:00"
                        inputMode="numeric"
                        onChange={(e) => setRange(d.key, i, { start: e.target.value })}
                        className={clockInput}
                        {...a11y(`${p}.start`)}
                      />
                      <span aria-hidden="true">–</span>
                      <label htmlFor={id(`${d.key}-${i}-end`)} className="sr-only">
                        {d.name} interval {i + 1} end
                      </label>
                      <input
                        id={id(`${d.key}-${i}-end`)}
                        value={r.end}
                        pattern={CLOCK_PATTERN}
                        placeholder="17:00"
                        inputMode="numeric"
                        onChange={(e) => setRange(d.key, i, { end: e.target.value })}
                        className={clockInput}
                        {...a11y(`${p}.end`)}
                      />
                      <button
                        type="button"
                        onClick={() =>
                          setHours((h) => ({ ...h, [d.key]: h[d.key].filter((_, k) => k !== i) }))
                        }
                        className={danger}
                      >
                        Remove
                        <span className="sr-only">
                          {' '}
                          {d.name} interval {i + 1}
                        </span>
                      </button>
                      <FieldError id={id(`${p}.start-error`)} text={errors[`${p}.start`]} />
                      <FieldError id={id(`${p}.end-error`)} text={errors[`${p}.end`]} />
                    </div>
                  );
                })}
                {hours[d.key].length < 4 ? (
                  <button
                    type="button"
                    onClick={() =>
                      setHours((h) => ({
                        ...h,
                        [d.key]: [
                          ...h[d.key],
                          h[d.key].length
                            ? { start: '13:00', end: '17:00' }
                            : { start: '09:00', end: '17:00' },
                        ],
                      }))
                    }
                    className={link}
                  >
                    Add hours<span className="sr-only"> on {d.name}</span>
                  </button>
                ) : null}
                <FieldError
                  id={id(`workingHours.${d.key}-error`)}
                  text={errors[`workingHours.${d.key}`]}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError id={id('workingHours-error')} text={errors.workingHours} />
      <NoticeLine notice={notice} />
      <button type="submit" disabled={busy} className={primary}>
        Save time zone and hours
      </button>
    </form>
  );
}

function Holidays({ calendar, today }: { calendar: AdminCalendar; today: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const id = (s: string) => `hol-${calendar.id}-${s}`;

  async function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    try {
      const { holiday } = await api<{ holiday: { day: string; name: string } }>(
        `/api/admin/calendar/${calendar.id}/holidays`,
        {
          method: 'POST',
          body: { day: String(form.get('day') ?? ''), name: String(form.get('name') ?? '') },
        },
      );
      setErrors({});
      setNotice({ kind: 'info', text: `${holiday.name} (${holiday.day}) added.` });
      formEl.reset();
      router.refresh();
    } catch (err) {
      const p = err instanceof ApiRequestError ? err.error : null;
      setErrors(p?.fields ?? {});
      setNotice({ kind: 'error', text: p?.message ?? 'Could not add the holiday.' });
    } finally {
      setBusy(false);
    }
  }

  async function remove(h: AdminCalendar['holidays'][number]) {
    if (!window.confirm(`Remove ${h.name} (${h.day})? It becomes a working day for new deadlines.`))
      return;
    setBusy(true);
    try {
      await api(`/api/admin/calendar/${calendar.id}/holidays/${h.id}`, {
        method: 'DELETE',
        body: {},
      });
      setNotice({ kind: 'info', text: `${h.name} (${h.day}) removed.` });
    } catch (err) {
      setNotice({
        kind: 'error',
        text: err instanceof ApiRequestError ? err.error.message : 'Could not remove the holiday.',
      });
    } finally {
      setBusy(false);
      router.refresh();
    }
  }

  return (
    <div className="space-y-3">
      <table className="w-full max-w-xl text-sm">
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
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {calendar.holidays.map((h) => (
            <tr
              key={h.id}
              className={h.day < today ? 'text-zinc-400 dark:text-zinc-500' : ''}
              data-testid="holiday-row"
            >
              <td className="tabular w-36 py-1.5 pr-3 whitespace-nowrap">
                {h.day}{' '}
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{weekdayOf(h.day)}</span>
              </td>
              <td className="py-1.5 pr-3">{h.name}</td>
              <td className="py-1 text-right">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void remove(h)}
                  className={danger}
                >
                  Remove
                  <span className="sr-only">
                    {' '}
                    {h.name} {h.day}
                  </span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        onSubmit={add}
        aria-label={`Add a holiday to ${calendar.name}`}
        className="flex flex-wrap items-start gap-3"
        noValidate
      >
        <div>
          <label htmlFor={id('day')} className="block text-sm font-medium">
            Date
          </label>
          <input
            id={id('day')}
            name="day"
            type="date"
            required
            className={`${input} tabular mt-1`}
            aria-invalid={errors.day ? true : undefined}
            aria-describedby={errors.day ? id('day-error') : undefined}
          />
          <FieldError id={id('day-error')} text={errors.day} />
        </div>
        <div>
          <label htmlFor={id('name')} className="block text-sm font-medium">
            Name
          </label>
          <input
            id={id('name')}
            name="name"
            required
            minLength={2}
            placeholder="e.g. Company day"
            className={`${input} mt-1 w-64`}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? id('name-error') : undefined}
          />
          <FieldError id={id('name-error')} text={errors.name} />
        </div>
        <button type="submit" disabled={busy} className={`${primary} mt-6`}>
          Add holiday
        </button>
      </form>
      <NoticeLine notice={notice} />
    </div>
  );
}

export function CalendarEditor({
  calendar,
  timeZones,
  today,
}: {
  calendar: AdminCalendar;
  timeZones: string[];
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
      </div>
    </section>
  );
}
