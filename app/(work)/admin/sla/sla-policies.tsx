'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DurationSpec, DurationUnit } from '@/lib/domain/business-calendar';
import type { EscalationLevelSpec, ReminderSpec } from '@/lib/domain/sla';
import { api, ApiRequestError } from '../../../_components/api-client';
import { FieldError } from '../../../_components/field-error';

type GroupRef = { id: string; key: string; name: string };
export type AdminSlaPolicy = {
  id: string;
  key: string;
  name: string;
  version: number;
  due: DurationSpec;
  reminder: ReminderSpec | null;
  escalations: EscalationLevelSpec[];
  calendarName: string;
  fallbackGroupName: string | null;
  updatedAt: string;
};
type Action = EscalationLevelSpec['action'];
type LevelDraft = { amount: string; unit: DurationUnit; action: Action; groupKey: string };
type Draft = {
  dueAmount: string;
  dueUnit: DurationUnit;
  reminderKind: 'none' | 'before' | 'percent';
  reminderAmount: string;
  reminderUnit: DurationUnit;
  reminderPercent: string;
  levels: LevelDraft[];
};

const UNITS: { value: DurationUnit; label: string }[] = [
  { value: 'business_hours', label: 'business hours' },
  { value: 'business_days', label: 'business days' },
  { value: 'hours', label: 'hours (round the clock)' },
  { value: 'minutes', label: 'minutes (round the clock)' },
];
/** Reminders are counted back from the due time, which business days cannot be. */
const REMINDER_UNITS = UNITS.filter((u) => u.value !== 'business_days');
const ACTIONS: { value: Action; label: string }[] = [
  { value: 'notify_supervisor', label: 'notify the group’s supervisor' },
  { value: 'reassign_to_supervisor', label: 'reassign to the group’s supervisor' },
  { value: 'reassign_to_group', label: 'move to another group’s queue' },
];

const input =
  'rounded-md border border-zinc-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900';
const amountInput = `${input} tabular w-20 text-right`;
const primary =
  'rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60';
const quiet =
  'rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800';

const UNIT_WORDS: Record<DurationUnit, [one: string, many: string]> = {
  business_hours: ['business hour', 'business hours'],
  business_days: ['business day', 'business days'],
  hours: ['hour', 'hours'],
  minutes: ['minute', 'minutes'],
};
const spell = (d: DurationSpec) => `${d.amount} ${UNIT_WORDS[d.unit][d.amount === 1 ? 0 : 1]}`;
const actionLabel = (l: EscalationLevelSpec, groups: GroupRef[]) =>
  l.action === 'reassign_to_group'
    ? `move to the ${groups.find((g) => g.key === l.groupKey)?.name ?? l.groupKey} queue`
    : ACTIONS.find((a) => a.value === l.action)!.label;

function describeReminder(r: ReminderSpec | null) {
  if (!r) return 'no reminder';
  return 'atPercent' in r
    ? `reminder at ${r.atPercent}% of the allowed time`
    : `reminder ${spell(r.before)} before due`;
}

function toDraft(p: AdminSlaPolicy): Draft {
  const r = p.reminder;
  return {
    dueAmount: String(p.due.amount),
    dueUnit: p.due.unit,
    reminderKind: !r ? 'none' : 'atPercent' in r ? 'percent' : 'before',
    reminderAmount: r && 'before' in r ? String(r.before.amount) : '4',
    reminderUnit: r && 'before' in r ? r.before.unit : 'business_hours',
    reminderPercent: r && 'atPercent' in r ? String(r.atPercent) : '75',
    levels: p.escalations.map((l) => ({
      amount: String(l.after.amount),
      unit: l.after.unit,
      action: l.action,
      groupKey: l.groupKey ?? '',
    })),
  };
}

/** Blank stays blank (null), so the server names the field instead of guessing a number. */
const num = (s: string) => (s.trim() === '' ? null : Number(s));

function toBody(d: Draft, version: number) {
  return {
    due: { amount: num(d.dueAmount), unit: d.dueUnit },
    reminder:
      d.reminderKind === 'none'
        ? null
        : d.reminderKind === 'percent'
          ? { atPercent: num(d.reminderPercent) }
          : { before: { amount: num(d.reminderAmount), unit: d.reminderUnit } },
    escalations: d.levels.map((l, i) => ({
      level: i + 1,
      after: { amount: num(l.amount), unit: l.unit },
      action: l.action,
      ...(l.action === 'reassign_to_group' ? { groupKey: l.groupKey || null } : {}),
    })),
    version,
  };
}

function PolicyForm({
  policy,
  groups,
  onDone,
  onCancel,
}: {
  policy: AdminSlaPolicy;
  groups: GroupRef[];
  onDone: (text: string, conflict?: boolean) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<Draft>(() => toDraft(policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (s: string) => `sla-${policy.id}-${s}`;
  /** Props for an input whose server field is `path`: invalid state and the error it is described by. */
  const a11y = (path: string) => ({
    'aria-invalid': errors[path] ? true : undefined,
    'aria-describedby': errors[path] ? id(`${path}-error`) : undefined,
  });
  const setLevel = (i: number, patch: Partial<LevelDraft>) =>
    setD((x) => ({ ...x, levels: x.levels.map((l, k) => (k === i ? { ...l, ...patch } : l)) }));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const { policy: saved } = await api<{ policy: { version: number } }>(
        `/api/admin/sla/${policy.id}`,
        { method: 'PUT', body: toBody(d, policy.version) },
      );
      onDone(
        saved.version === policy.version
          ? `No changes to ${policy.name}.`
          : `${policy.name} saved as version ${saved.version}.`,
      );
    } catch (err) {
      const p = err instanceof ApiRequestError ? err.error : null;
      if (p?.status === 409) return onDone(p.message, true);
      setErrors(p?.fields ?? {});
      setMessage(p?.message ?? 'Could not save the policy.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={save}
      aria-label={`Edit ${policy.name}`}
      className="mt-3 space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      noValidate
    >
      <fieldset>
        <legend className="text-sm font-medium">Due</legend>
        <div className="mt-1 flex items-center gap-2">
          <label htmlFor={id('due-amount')} className="sr-only">
            Due after, amount
          </label>
          <input
            id={id('due-amount')}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={d.dueAmount}
            onChange={(e) => setD({ ...d, dueAmount: e.target.value })}
            className={amountInput}
            {...a11y('due.amount')}
          />
          <label htmlFor={id('due-unit')} className="sr-only">
            Due after, unit
          </label>
          <select
            id={id('due-unit')}
            value={d.dueUnit}
            onChange={(e) => setD({ ...d, dueUnit: e.target.value as DurationUnit })}
            className={input}
            {...a11y('due.unit')}
          >
            {UNITS.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
          <span className="text-sm text-zinc-500 dark:text-zinc-400">after the task opens</span>
        </div>
        <FieldError id={id('due.amount-error')} text={errors['due.amount']} />
        <FieldError id={id('due.unit-error')} text={errors['due.unit']} />
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium">Reminder</legend>
        <div className="mt-1 space-y-1.5 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={id('reminder')}
              checked={d.reminderKind === 'none'}
              onChange={() => setD({ ...d, reminderKind: 'none' })}
            />{' '}
            No reminder
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name={id('reminder')}
                checked={d.reminderKind === 'before'}
                onChange={() => setD({ ...d, reminderKind: 'before' })}
              />{' '}
              Before due:
            </label>
            <label htmlFor={id('reminder-amount')} className="sr-only">
              Reminder before due, amount
            </label>
            <input
              id={id('reminder-amount')}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              disabled={d.reminderKind !== 'before'}
              value={d.reminderAmount}
              onChange={(e) => setD({ ...d, reminderAmount: e.target.value })}
              className={amountInput}
              {...a11y('reminder.before.amount')}
            />
            <label htmlFor={id('reminder-unit')} className="sr-only">
              Reminder before due, unit
            </label>
            <select
              id={id('reminder-unit')}
              disabled={d.reminderKind !== 'before'}
              value={d.reminderUnit}
              onChange={(e) => setD({ ...d, reminderUnit: e.target.value as DurationUnit })}
              className={input}
              {...a11y('reminder.before.unit')}
            >
              {REMINDER_UNITS.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </select>
            <span className="text-zinc-500 dark:text-zinc-400">before due</span>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name={id('reminder')}
                checked={d.reminderKind === 'percent'}
                onChange={() => setD({ ...d, reminderKind: 'percent' })}
              />{' '}
              At
            </label>
            <label htmlFor={id('reminder-percent')} className="sr-only">
              Reminder at percent of the allowed time
            </label>
            <input
              id={id('reminder-percent')}
              type="number"
              min={1}
              max={99}
              step={1}
              inputMode="numeric"
              disabled={d.reminderKind !== 'percent'}
              value={d.reminderPercent}
              onChange={(e) => setD({ ...d, reminderPercent: e.target.value })}
              className={amountInput}
              {...a11y('reminder.atPercent')}
            />
            <span className="text-zinc-500 dark:text-zinc-400">% of the allowed time</span>
          </div>
        </div>
        {['reminder', 'reminder.before.amount', 'reminder.before.unit', 'reminder.atPercent'].map(
          (k) => (
            <FieldError key={k} id={id(`${k}-error`)} text={errors[k]} />
          ),
        )}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium">Escalation ladder</legend>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Each level is counted from the due time; level 1 at 0 minutes escalates the moment work is
          overdue.
        </p>
        <ol className="mt-2 space-y-2">
          {d.levels.map((l, i) => {
            const p = `escalations.${i}`;
            return (
              <li
                key={i}
                className="flex flex-wrap items-center gap-2 text-sm"
                data-testid="escalation-level"
              >
                <span className="tabular w-14 font-medium">Level {i + 1}</span>
                <label htmlFor={id(`l${i}-amount`)} className="sr-only">
                  Level {i + 1} after due, amount
                </label>
                <input
                  id={id(`l${i}-amount`)}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={l.amount}
                  onChange={(e) => setLevel(i, { amount: e.target.value })}
                  className={amountInput}
                  {...a11y(`${p}.after.amount`)}
                />
                <label htmlFor={id(`l${i}-unit`)} className="sr-only">
                  Level {i + 1} after due, unit
                </label>
                <select
                  id={id(`l${i}-unit`)}
                  value={l.unit}
                  onChange={(e) => setLevel(i, { unit: e.target.value as DurationUnit })}
                  className={input}
                  {...a11y(`${p}.after.unit`)}
                >
                  {UNITS.map((u) => (
                    <option key={u.value} value={u.value}>
                      {u.label}
                    </option>
                  ))}
                </select>
                <span className="text-zinc-500 dark:text-zinc-400">after due:</span>
                <label htmlFor={id(`l${i}-action`)} className="sr-only">
                  Level {i + 1} action
                </label>
                <select
                  id={id(`l${i}-action`)}
                  value={l.action}
                  onChange={(e) => setLevel(i, { action: e.target.value as Action })}
                  className={input}
                  {...a11y(`${p}.action`)}
                >
                  {ACTIONS.map((x) => (
                    <option key={x.value} value={x.value}>
                      {x.label}
                    </option>
                  ))}
                </select>
                {l.action === 'reassign_to_group' ? (
                  <>
                    <label htmlFor={id(`l${i}-group`)} className="sr-only">
                      Level {i + 1} group
                    </label>
                    <select
                      id={id(`l${i}-group`)}
                      value={l.groupKey}
                      onChange={(e) => setLevel(i, { groupKey: e.target.value })}
                      className={input}
                      {...a11y(`${p}.groupKey`)}
                    >
                      <option value="">— choose a group —</option>
                      {groups.map((g) => (
                        <option key={g.key} value={g.key}>
                          {g.name}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
                <button
                  type="button"
                  onClick={() => setD({ ...d, levels: d.levels.filter((_, k) => k !== i) })}
                  className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
                >
                  Remove<span className="sr-only"> level {i + 1}</span>
                </button>
                <div className="basis-full">
                  {['level', 'after.amount', 'after.unit', 'action', 'groupKey'].map((k) => (
                    <FieldError key={k} id={id(`${p}.${k}-error`)} text={errors[`${p}.${k}`]} />
                  ))}
                </div>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          disabled={d.levels.length >= 10}
          onClick={() =>
            setD({
              ...d,
              levels: [
                ...d.levels,
                {
                  amount: d.levels.length ? '8' : '0',
                  unit: d.levels.length ? 'business_hours' : 'minutes',
                  action: d.levels.length ? 'reassign_to_supervisor' : 'notify_supervisor',
                  groupKey: '',
                },
              ],
            })
          }
          className="mt-2 rounded px-2 py-1 text-xs font-medium text-accent-700 hover:bg-accent-50 disabled:opacity-60 dark:text-accent-100 dark:hover:bg-zinc-800"
        >
          Add level {d.levels.length + 1}
        </button>
        <FieldError id={id('escalations-error')} text={errors.escalations} />
      </fieldset>

      {message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      ) : null}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Tasks opened from now on get the new due and reminder times; open tasks keep theirs, and
        their next escalation levels follow the new ladder.
      </p>
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className={primary}>
          Save as version {policy.version + 1}
        </button>
        <button type="button" onClick={onCancel} className={quiet}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function SlaPolicies({
  policies,
  groups,
}: {
  policies: AdminSlaPolicy[];
  groups: GroupRef[];
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const done = (text: string, conflict = false) => {
    setNotice({ kind: conflict ? 'error' : 'info', text });
    setEditing(null);
    router.refresh();
  };

  return (
    <section aria-labelledby="sla-heading" className="space-y-3 px-6 py-5">
      <h2 id="sla-heading" className="text-sm font-semibold">
        SLA policies{' '}
        <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">
          ({policies.length})
        </span>
      </h2>
      {notice ? (
        <p
          role={notice.kind === 'error' ? 'alert' : 'status'}
          className={`text-sm ${notice.kind === 'error' ? 'text-red-700 dark:text-red-300' : 'text-emerald-700 dark:text-emerald-300'}`}
        >
          {notice.text}
        </p>
      ) : null}
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {policies.map((p) => (
          <li key={p.id} className="py-3" data-testid="sla-policy">
            <div className="flex items-start justify-between gap-4">
              <div className="min-w-0">
                <p className="text-sm">
                  <span className="font-medium">{p.name}</span>{' '}
                  <code className="text-xs text-zinc-500 dark:text-zinc-400">{p.key}</code>{' '}
                  <span className="tabular text-xs text-zinc-500 dark:text-zinc-400">
                    v{p.version}
                  </span>
                </p>
                <p className="text-xs text-zinc-600 dark:text-zinc-400">
                  Due <span className="tabular">{spell(p.due)}</span> after opening ·{' '}
                  {describeReminder(p.reminder)} · {p.calendarName}
                </p>
                <ol className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                  {p.escalations.length ? (
                    p.escalations.map((l) => (
                      <li key={l.level} className="tabular">
                        L{l.level} {l.after.amount === 0 ? 'at due' : `${spell(l.after)} after due`}
                        : {actionLabel(l, groups)}
                      </li>
                    ))
                  ) : (
                    <li>No escalation.</li>
                  )}
                </ol>
              </div>
              {editing !== p.id ? (
                <button
                  type="button"
                  onClick={() => setEditing(p.id)}
                  className="shrink-0 rounded px-2 py-1 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  Edit<span className="sr-only"> {p.name}</span>
                </button>
              ) : null}
            </div>
            {editing === p.id ? (
              <PolicyForm
                policy={p}
                groups={groups}
                onDone={done}
                onCancel={() => setEditing(null)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
