'use client';

import { useState, type FormEvent } from 'react';
import { Button, Field, Input, Select } from '@/app/_components/ui';
import type { AbsencesData, useAbsences } from './use-absences';

type Mutation = ReturnType<typeof useAbsences>['plan'];

/**
 * Plans an absence: a first and a last day off (whole days in the absent person's time zone),
 * who stands in, and whether their open work is handed over when it starts.
 */
export function AbsenceForm({
  idPrefix,
  data,
  userId,
  plan,
}: {
  idPrefix: string;
  data: AbsencesData;
  userId: string | null;
  plan: Mutation;
}) {
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [delegateId, setDelegateId] = useState('');
  const [handOver, setHandOver] = useState(false);
  const [note, setNote] = useState('');
  const errors = plan.problem?.fields ?? {};
  const own = userId === null;

  function submit(e: FormEvent) {
    e.preventDefault();
    plan.mutate(
      {
        ...(userId ? { userId } : {}),
        startsAt,
        endsAt,
        delegateId: delegateId || null,
        handOver,
        note: note.trim() || null,
      },
      {
        onSuccess: () => {
          setStartsAt('');
          setEndsAt('');
          setNote('');
          setHandOver(false);
        },
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-2"
      aria-label={own ? 'Plan an absence' : `Plan an absence for ${data.person.name}`}
    >
      <DayFields
        idPrefix={idPrefix}
        zone={data.person.timeZone}
        errors={errors}
        startsAt={startsAt}
        endsAt={endsAt}
        setStartsAt={setStartsAt}
        setEndsAt={setEndsAt}
      />
      <Field id={`${idPrefix}-delegate`} label="Delegate" error={errors.delegateId}>
        {(control) => (
          <Select
            {...control}
            block
            value={delegateId}
            onChange={(e) => setDelegateId(e.target.value)}
          >
            <option value="">
              {data.delegates.length
                ? 'No delegate: new work waits in the queues'
                : 'No colleague in the same groups'}
            </option>
            {data.delegates.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {d.outOfOffice ? ' (out of office now)' : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <HandOverBox own={own} checked={handOver} onChange={setHandOver} />
      <Field id={`${idPrefix}-note`} label="Note (optional)" error={errors.note}>
        {(control) => (
          <Input
            {...control}
            block
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      {plan.problem && !Object.keys(errors).length ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {plan.problem.message}
        </p>
      ) : plan.problem ? (
        <p role="alert" className="sr-only">
          {plan.problem.message}
        </p>
      ) : null}
      <Button type="submit" size="sm" disabled={plan.isPending}>
        Plan absence
      </Button>
    </form>
  );
}

/** The first and last day off, as dates in the absent person's zone. */
function DayFields({
  idPrefix,
  zone,
  errors,
  startsAt,
  endsAt,
  setStartsAt,
  setEndsAt,
}: {
  idPrefix: string;
  zone: string;
  errors: Record<string, string>;
  startsAt: string;
  endsAt: string;
  setStartsAt: (v: string) => void;
  setEndsAt: (v: string) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-2">
      <Field
        id={`${idPrefix}-start`}
        label="First day off"
        error={errors.startsAt}
        hint={`From 00:00, ${zone}`}
      >
        {(control) => (
          <Input
            {...control}
            type="date"
            block
            required
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-end`}
        label="Last day off"
        error={errors.endsAt}
        hint="Until the end of that day"
      >
        {(control) => (
          <Input
            {...control}
            type="date"
            block
            required
            min={startsAt || undefined}
            value={endsAt}
            onChange={(e) => setEndsAt(e.target.value)}
          />
        )}
      </Field>
    </div>
  );
}

function HandOverBox({
  own,
  checked,
  onChange,
}: {
  own: boolean;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        className="mt-1"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>
        Hand over {own ? 'my' : 'their'} open tasks when the absence starts
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          All at once, to the delegate where they may take it, otherwise back to its queue.
        </span>
      </span>
    </label>
  );
}
