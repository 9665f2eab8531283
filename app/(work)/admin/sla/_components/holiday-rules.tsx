'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/_components/api-client';
import {
  Button,
  Field,
  Input,
  NoticeLine,
  Select,
  toApiProblem,
  useApiMutation,
  type NoticeState,
} from '@/app/_components/ui';
import type { listCalendars } from '@/lib/use-cases/list-calendars';

type Rule = Awaited<ReturnType<typeof listCalendars>>[number]['holidayRules'][number];
type Kind = Rule['kind'];

const ruleKeys = {
  list: (calendarId: string) => ['calendar', calendarId, 'holiday-rules'] as const,
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NTH = ['first', 'second', 'third', 'fourth'];

/** "Thanksgiving: fourth Thursday of November", "New Year's Day: 1 January, observed on the nearest weekday". */
export function describeRule(r: Rule) {
  const month = MONTHS[r.month - 1];
  const when =
    r.kind === 'fixed'
      ? `${r.day} ${month}${r.observeOnWeekday ? ', observed on the nearest weekday' : ''}`
      : `${r.kind === 'nth_weekday' ? NTH[(r.n ?? 1) - 1] : 'last'} ${WEEKDAYS[r.weekday ?? 0]} of ${month}`;
  return `${r.name}: ${when}`;
}

const textOf = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** The body the API expects for the form's kind; numbers stay numbers so the server names bad ones. */
function bodyOf(kind: Kind, data: FormData) {
  const num = (k: string) => Number(textOf(data.get(k)));
  const base = { kind, name: textOf(data.get('name')), month: num('month') };
  if (kind === 'fixed')
    return { ...base, day: num('day'), observeOnWeekday: data.get('observeOnWeekday') === 'on' };
  if (kind === 'nth_weekday') return { ...base, weekday: num('weekday'), n: num('n') };
  return { ...base, weekday: num('weekday') };
}

/** The rules, adding and removing them, with field errors and the outcome in words. */
function useHolidayRules(calendarId: string) {
  const router = useRouter();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>('fixed');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<NoticeState>(null);
  const url = `/api/admin/calendar/${calendarId}/holiday-rules`;
  const rules = useQuery({
    queryKey: ruleKeys.list(calendarId),
    queryFn: () => api<{ rules: Rule[] }>(url),
  });
  const settle = () => {
    void qc.invalidateQueries({ queryKey: ruleKeys.list(calendarId) });
    router.refresh();
  };
  const add = useApiMutation({
    mutationFn: (v: { body: ReturnType<typeof bodyOf>; form: HTMLFormElement }) =>
      api<{ rule: Rule; holidays: unknown[] }>(url, { method: 'POST', body: v.body }),
    onSuccess: ({ rule, holidays }, v) => {
      setErrors({});
      setNotice({ tone: 'ok', text: `${describeRule(rule)} added (${holidays.length} holidays).` });
      v.form.reset();
      settle();
    },
    onError: (e) => {
      const p = toApiProblem(e, 'Could not add the rule.');
      setErrors(p.fields);
      setNotice({ tone: 'error', text: p.message });
    },
  });
  const remove = useApiMutation({
    mutationFn: (r: Rule) => api(`${url}/${r.id}`, { method: 'DELETE', body: {} }),
    onSuccess: (_, r) => setNotice({ tone: 'ok', text: `${describeRule(r)} removed.` }),
    onError: (e) =>
      setNotice({ tone: 'error', text: toApiProblem(e, 'Could not remove the rule.').message }),
    onSettled: settle,
  });
  const id = (s: string) => `hrule-${calendarId}-${s}`;
  const busy = add.isPending || remove.isPending;
  return { kind, setKind, errors, notice, rules, add, remove, id, busy };
}

/** The fields the chosen kind needs. */
function RuleFields({
  kind,
  setKind,
  errors,
  id,
}: {
  kind: Kind;
  setKind: (k: Kind) => void;
  errors: Record<string, string>;
  id: (s: string) => string;
}) {
  return (
    <>
      <Field label="Kind" id={id('kind')} error={errors.kind}>
        {(c) => (
          <Select
            {...c}
            size="sm"
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            className="mt-1"
          >
            <option value="fixed">Fixed date</option>
            <option value="nth_weekday">Nth weekday of a month</option>
            <option value="last_weekday">Last weekday of a month</option>
          </Select>
        )}
      </Field>
      <Field label="Name" id={id('name')} error={errors.name}>
        {(c) => <Input {...c} size="sm" name="name" required minLength={2} className="mt-1 w-48" />}
      </Field>
      {kind === 'nth_weekday' && (
        <Field label="Which" id={id('n')} error={errors.n}>
          {(c) => (
            <Select {...c} size="sm" name="n" className="mt-1">
              {NTH.map((w, i) => (
                <option key={w} value={i + 1}>
                  {w}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {kind === 'fixed' ? (
        <Field label="Day" id={id('day')} error={errors.day}>
          {(c) => (
            <Input
              {...c}
              size="sm"
              name="day"
              type="number"
              min={1}
              max={31}
              required
              className="mt-1 w-20"
            />
          )}
        </Field>
      ) : (
        <Field label="Weekday" id={id('weekday')} error={errors.weekday}>
          {(c) => (
            <Select {...c} size="sm" name="weekday" className="mt-1">
              {WEEKDAYS.map((w, i) => (
                <option key={w} value={i}>
                  {w}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label="Month" id={id('month')} error={errors.month}>
        {(c) => (
          <Select {...c} size="sm" name="month" className="mt-1">
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {kind === 'fixed' && (
        <label className="mt-7 flex items-center gap-2 text-sm">
          <input type="checkbox" name="observeOnWeekday" /> Observe on the nearest weekday
        </label>
      )}
    </>
  );
}

/** A calendar's holiday rules: each adds its days for last year through three years ahead. */
export function HolidayRules({
  calendarId,
  calendarName,
}: {
  calendarId: string;
  calendarName: string;
}) {
  const { kind, setKind, errors, notice, rules, add, remove, id, busy } =
    useHolidayRules(calendarId);
  return (
    <div className="space-y-3 lg:col-span-2">
      <h3 className="text-sm font-semibold">Holiday rules</h3>
      <ul className="space-y-1 text-sm">
        {(rules.data?.rules ?? []).map((r) => (
          <li key={r.id} className="flex items-center gap-3">
            <span>{describeRule(r)}</span>
            <Button
              size="sm"
              variant="danger"
              disabled={busy}
              onClick={() => {
                if (window.confirm(`Remove ${r.name}? Its days after today stop being holidays.`))
                  remove.mutate(r);
              }}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form
        aria-label={`Add a holiday rule to ${calendarName}`}
        className="flex flex-wrap items-start gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ body: bodyOf(kind, new FormData(e.currentTarget)), form: e.currentTarget });
        }}
      >
        <RuleFields kind={kind} setKind={setKind} errors={errors} id={id} />
        <Button type="submit" disabled={busy} className="mt-6">
          Add rule
        </Button>
      </form>
      <NoticeLine notice={notice} />
    </div>
  );
}
