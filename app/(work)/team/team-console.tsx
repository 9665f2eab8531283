'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiRequestError } from '../../_components/api-client';
import { DueChip } from '../../_components/due-chip';
import { formatMoney } from '../../_components/format';
import { SlaCharts, type Figures } from './sla-charts';

type Task = {
  id: string;
  name: string;
  status: string;
  priority: string;
  dueAt: string | null;
  createdAt: string;
  remindAt: string | null;
  remindedAt: string | null;
  escalationLevel: number;
  caseId: string;
  reference: string;
  claimant: string;
  amountCents: number | null;
  groupId: string | null;
  groupName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
};
type Person = {
  id: string;
  name: string;
  email: string;
  groups: string;
  outOfOffice: boolean;
  delegateId: string | null;
  delegateName: string | null;
  open: number;
  dueSoon: number;
  overdue: number;
};
type Workload = { groups: { id: string; key: string; name: string }[]; people: Person[] };

export function TeamConsole(props: {
  now: string;
  timeZone: string;
  tasks: Task[];
  workload: Workload;
  figures: Figures;
}) {
  const router = useRouter();
  const now = new Date(props.now);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<string>('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [days, setDays] = useState<7 | 30>(props.figures.days as 7 | 30);

  const figures = useQuery({
    queryKey: ['team', 'figures', days],
    queryFn: () => api<Figures>(`/api/team/figures?days=${days}`),
    initialData: days === props.figures.days ? props.figures : undefined,
  });

  const reassign = useMutation({
    mutationFn: () =>
      api<{ tasks: unknown[] }>('/api/tasks/bulk-reassign', {
        method: 'POST',
        body: { taskIds: [...selected], toUserId: target === 'queue' ? null : target, reason },
      }),
    onSuccess: (r) => {
      const who =
        target === 'queue'
          ? 'their group queue'
          : (props.workload.people.find((p) => p.id === target)?.name ?? 'the new assignee');
      setMessage({
        kind: 'ok',
        text: `${r.tasks.length} task${r.tasks.length === 1 ? '' : 's'} reassigned to ${who}.`,
      });
      setSelected(new Set());
      setReason('');
      router.refresh();
    },
    onError: (e) =>
      setMessage({
        kind: 'error',
        text: e instanceof ApiRequestError ? e.error.message : 'Could not reassign.',
      }),
  });

  const ooo = useMutation({
    mutationFn: (v: { userId: string; outOfOffice: boolean; delegateId: string | null }) =>
      api('/api/team/out-of-office', { method: 'POST', body: v }),
    onSuccess: () => router.refresh(),
    onError: (e) =>
      setMessage({
        kind: 'error',
        text: e instanceof ApiRequestError ? e.error.message : 'Could not change out of office.',
      }),
  });

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = props.tasks.length > 0 && selected.size === props.tasks.length;
  const input =
    'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

  return (
    <div className="pb-10">
      <header className="border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 className="text-lg font-semibold tracking-tight">Team</h1>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {props.workload.groups.map((g) => g.name).join(' · ') || 'You supervise no group yet.'}
        </p>
      </header>

      <section aria-labelledby="attention-heading" className="px-6 pt-5">
        <h2 id="attention-heading" className="text-sm font-semibold">
          Needs attention{' '}
          <span className="tabular font-normal text-zinc-500">
            ({props.tasks.length} escalated or overdue)
          </span>
        </h2>
        <form
          className="mt-3 flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900/60"
          aria-label="Reassign selected tasks"
          onSubmit={(e) => {
            e.preventDefault();
            setMessage(null);
            if (!selected.size)
              return setMessage({ kind: 'error', text: 'Select at least one task.' });
            if (!target) return setMessage({ kind: 'error', text: 'Choose who gets the tasks.' });
            if (reason.trim().length < 3)
              return setMessage({
                kind: 'error',
                text: 'Say why (at least 3 characters): it is recorded with the reassignment.',
              });
            reassign.mutate();
          }}
        >
          <p className="tabular self-center text-sm">{selected.size} selected</p>
          <label className="text-sm">
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">Reassign to</span>
            <select
              className={input}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              aria-label="Reassign to"
            >
              <option value="">Choose…</option>
              <option value="queue">Back to the group queue</option>
              {props.workload.people.map((p) => (
                <option key={p.id} value={p.id} disabled={p.outOfOffice}>
                  {p.name} ({p.open} open{p.outOfOffice ? ', out of office' : ''})
                </option>
              ))}
            </select>
          </label>
          <label className="min-w-64 flex-1 text-sm">
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              Reason (required)
            </span>
            <input
              className={`${input} w-full`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. balancing workload before the holiday"
              aria-label="Reason"
            />
          </label>
          <button
            type="submit"
            disabled={reassign.isPending}
            className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60"
          >
            Reassign selected
          </button>
        </form>
        <div role="status" aria-live="polite">
          {message ? (
            <p
              className={`mt-2 text-sm ${message.kind === 'ok' ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}
              data-testid="team-message"
            >
              {message.text}
            </p>
          ) : null}
        </div>
        {props.tasks.length === 0 ? (
          <p className="py-6 text-sm text-zinc-500 dark:text-zinc-400">
            Nothing is escalated or overdue. The team is on time.
          </p>
        ) : (
          <table className="mt-3 w-full text-sm">
            <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="w-8 py-1">
                  <input
                    type="checkbox"
                    aria-label="Select all"
                    checked={allSelected}
                    onChange={() =>
                      setSelected(allSelected ? new Set() : new Set(props.tasks.map((t) => t.id)))
                    }
                  />
                </th>
                <th className="py-1 font-medium">Lateness</th>
                <th className="py-1 font-medium">Level</th>
                <th className="py-1 font-medium">Task</th>
                <th className="py-1 font-medium">Group · assignee</th>
                <th className="py-1 text-right font-medium">Amount</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {props.tasks.map((t) => (
                <tr key={t.id} data-testid="attention-row" data-reference={t.reference}>
                  <td className="py-1.5">
                    <input
                      type="checkbox"
                      aria-label={`Select ${t.reference} ${t.name}`}
                      checked={selected.has(t.id)}
                      onChange={() => toggle(t.id)}
                    />
                  </td>
                  <td className="py-1.5">
                    <DueChip now={now} timeZone={props.timeZone} task={t} />
                  </td>
                  <td className="tabular py-1.5 text-xs">
                    {t.escalationLevel > 0 ? (
                      <span className="font-medium text-red-700 dark:text-red-300">
                        ▲ L{t.escalationLevel}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="py-1.5">
                    <Link href={`/tasks/${t.id}`} className="font-medium hover:underline">
                      {t.name}
                    </Link>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                      <span className="tabular">{t.reference}</span> · {t.claimant}
                    </span>
                  </td>
                  <td className="py-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                    {t.groupName} · {t.assigneeName ?? 'unassigned'}
                  </td>
                  <td className="tabular py-1.5 text-right">{formatMoney(t.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="workload-heading" className="px-6 pt-8">
        <h2 id="workload-heading" className="text-sm font-semibold">
          Workload
        </h2>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 font-medium">Person</th>
              <th className="py-1 text-right font-medium">Open</th>
              <th className="py-1 text-right font-medium">Due soon</th>
              <th className="py-1 text-right font-medium">Overdue</th>
              <th className="py-1 pl-6 font-medium">Out of office</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {props.workload.people.map((p) => (
              <tr key={p.id} data-testid="workload-row">
                <td className="py-1.5">
                  {p.name}
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">{p.groups}</span>
                </td>
                <td className="tabular py-1.5 text-right">{p.open}</td>
                <td className="tabular py-1.5 text-right">
                  {p.dueSoon ? (
                    <span className="font-medium text-amber-800 dark:text-amber-300">
                      {p.dueSoon}
                    </span>
                  ) : (
                    0
                  )}
                </td>
                <td className="tabular py-1.5 text-right">
                  {p.overdue ? (
                    <span className="font-medium text-red-700 dark:text-red-300">{p.overdue}</span>
                  ) : (
                    0
                  )}
                </td>
                <td className="py-1.5 pl-6">
                  <div className="flex items-center gap-2">
                    <label className="flex items-center gap-1 text-xs">
                      <input
                        type="checkbox"
                        checked={p.outOfOffice}
                        onChange={(e) =>
                          ooo.mutate({
                            userId: p.id,
                            outOfOffice: e.target.checked,
                            delegateId: e.target.checked
                              ? (props.workload.people.find((x) => x.id !== p.id && !x.outOfOffice)
                                  ?.id ?? null)
                              : null,
                          })
                        }
                      />
                      out of office<span className="sr-only"> — {p.name}</span>
                    </label>
                    {p.outOfOffice ? (
                      <label className="text-xs">
                        <span className="sr-only">Delegate for {p.name}</span>
                        <select
                          className={input}
                          value={p.delegateId ?? ''}
                          onChange={(e) =>
                            ooo.mutate({
                              userId: p.id,
                              outOfOffice: true,
                              delegateId: e.target.value || null,
                            })
                          }
                        >
                          <option value="">no delegate</option>
                          {props.workload.people
                            .filter((x) => x.id !== p.id)
                            .map((x) => (
                              <option key={x.id} value={x.id}>
                                → {x.name}
                              </option>
                            ))}
                        </select>
                      </label>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="figures-heading" className="px-6 pt-8">
        <div className="flex items-center justify-between">
          <h2 id="figures-heading" className="text-sm font-semibold">
            SLA figures
          </h2>
          <div
            role="group"
            aria-label="Period"
            className="flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700"
          >
            {([7, 30] as const).map((d) => (
              <button
                key={d}
                type="button"
                aria-pressed={days === d}
                onClick={() => setDays(d)}
                className="px-2 py-1 aria-pressed:bg-accent-600 aria-pressed:text-white"
              >
                {d} days
              </button>
            ))}
          </div>
        </div>
        {figures.data ? (
          <SlaCharts figures={figures.data} />
        ) : (
          <p className="py-10 text-sm text-zinc-500">Loading figures…</p>
        )}
      </section>
    </div>
  );
}
