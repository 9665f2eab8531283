'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../_components/api-client';
import {
  Button,
  Callout,
  Field,
  LiveRegion,
  Select,
  toApiProblem,
  useApiMutation,
} from '../../../_components/ui';

type Settings = {
  groupId: string;
  groupName: string;
  delivery: 'immediate' | 'digest';
  intervalMinutes: number;
  workingHoursOnly: boolean;
};

export const DIGEST_INTERVALS = [
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 30, label: 'Every 30 minutes' },
  { minutes: 60, label: 'Hourly' },
  { minutes: 120, label: 'Every 2 hours' },
  { minutes: 240, label: 'Every 4 hours' },
  { minutes: 480, label: 'Every 8 hours' },
  { minutes: 1440, label: 'Daily' },
] as const;

const settingsKey = (groupId: string) => ['team', 'escalation-delivery', groupId] as const;

/**
 * How each supervised group's escalations reach its supervisor: one notification per
 * escalation, or a digest per period (only in working hours when asked).
 */
export function DigestSettingsSection({ groups }: { groups: { id: string; name: string }[] }) {
  if (!groups.length) return null;
  return (
    <section aria-labelledby="digest-settings-heading" className="px-6 pt-8">
      <h2 id="digest-settings-heading" className="text-sm font-semibold">
        Escalation notifications
      </h2>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        One notification per escalation, or one digest per period listing new escalations, work at
        risk, unassigned work due soon and absent people holding work.
      </p>
      <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800">
        {groups.map((g) => (
          <li key={g.id} className="py-2">
            <DigestSettingsRow groupId={g.id} groupName={g.name} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DigestSettingsRow({ groupId, groupName }: { groupId: string; groupName: string }) {
  const q = useQuery({
    queryKey: settingsKey(groupId),
    queryFn: () => api<Settings>(`/api/team/groups/${groupId}/escalation-delivery`),
  });
  if (q.isError)
    return (
      <p className="text-sm">
        {groupName}: <span className="text-red-700 dark:text-red-400">could not be loaded.</span>
      </p>
    );
  if (!q.data)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">{groupName}: loading…</p>;
  return <DigestSettingsForm initial={q.data} />;
}

function DigestSettingsForm({ initial }: { initial: Settings }) {
  const qc = useQueryClient();
  const [delivery, setDelivery] = useState(initial.delivery);
  const [interval, setInterval] = useState(initial.intervalMinutes);
  const [workingHoursOnly, setWorkingHoursOnly] = useState(initial.workingHoursOnly);
  const [saved, setSaved] = useState(false);
  const save = useApiMutation({
    mutationFn: () =>
      api<Settings>(`/api/team/groups/${initial.groupId}/escalation-delivery`, {
        method: 'PATCH',
        body: { delivery, intervalMinutes: interval, workingHoursOnly },
      }),
    onMutate: () => setSaved(false),
    onSuccess: (s) => {
      setSaved(true);
      qc.setQueryData(settingsKey(initial.groupId), s);
    },
  });
  const problem = save.error ? toApiProblem(save.error, 'The setting could not be saved.') : null;
  const fields = problem?.fields ?? {};
  const known = DIGEST_INTERVALS.some((i) => i.minutes === interval);
  return (
    <form
      aria-label={`Escalation notifications for ${initial.groupName}`}
      className="flex flex-wrap items-end gap-3"
      data-testid="digest-settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <span className="w-40 text-sm font-medium">{initial.groupName}</span>
      <Field label="Delivery" labelClassName="text-xs" error={fields.delivery}>
        {(control) => (
          <Select
            {...control}
            size="sm"
            value={delivery}
            onChange={(e) => setDelivery(e.target.value as Settings['delivery'])}
          >
            <option value="immediate">One per escalation</option>
            <option value="digest">Digest</option>
          </Select>
        )}
      </Field>
      <Field label="Period" labelClassName="text-xs" error={fields.intervalMinutes}>
        {(control) => (
          <Select
            {...control}
            size="sm"
            disabled={delivery !== 'digest'}
            value={String(interval)}
            onChange={(e) => setInterval(Number(e.target.value))}
          >
            {known ? null : <option value={interval}>Every {interval} minutes</option>}
            {DIGEST_INTERVALS.map((i) => (
              <option key={i.minutes} value={i.minutes}>
                {i.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <label className="flex items-center gap-2 pb-1 text-sm">
        <input
          type="checkbox"
          checked={workingHoursOnly}
          disabled={delivery !== 'digest'}
          onChange={(e) => setWorkingHoursOnly(e.target.checked)}
        />
        Working hours only
      </label>
      <Button type="submit" size="sm" variant="secondary" disabled={save.isPending}>
        Save
      </Button>
      <LiveRegion>
        {problem && !Object.keys(fields).length ? (
          <Callout tone="error">{problem.message}</Callout>
        ) : saved ? (
          <span className="text-xs text-emerald-700 dark:text-emerald-400">Saved.</span>
        ) : null}
      </LiveRegion>
    </form>
  );
}
