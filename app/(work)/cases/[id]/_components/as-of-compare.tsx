'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { SnapshotChange } from '@/lib/domain/case-as-of';
import { Button, DateTime, Field, Input, useViewerTimeZone } from '@/app/_components/ui';
import { instantToLocal, localToInstant } from './as-of-control';
import type { AsOfNames } from './as-of-view';

/** Two moments (in the viewer's time zone) to compare: /cases/:id/as-of?from=&to=. */
export function AsOfCompareForm({
  caseId,
  from,
  to,
}: {
  caseId: string;
  from?: string | null;
  to?: string | null;
}) {
  const timeZone = useViewerTimeZone();
  const router = useRouter();
  const [a, setA] = useState(() => instantToLocal(from, timeZone));
  const [b, setB] = useState(() => instantToLocal(to, timeZone));
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fromAt = localToInstant(a, timeZone);
    const toAt = localToInstant(b, timeZone);
    const problems = {
      ...(fromAt ? {} : { from: 'Enter a date and time.' }),
      ...(toAt ? {} : { to: 'Enter a date and time.' }),
    };
    setErrors(problems);
    if (fromAt && toAt)
      router.push(
        `/cases/${caseId}/as-of?from=${encodeURIComponent(fromAt)}&to=${encodeURIComponent(toAt)}`,
      );
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-end gap-2"
      aria-label="Compare two moments"
    >
      <Field label="From" error={errors.from}>
        {(c) => (
          <Input
            {...c}
            type="datetime-local"
            step={1}
            value={a}
            onChange={(e) => setA(e.target.value)}
          />
        )}
      </Field>
      <Field label="To" error={errors.to}>
        {(c) => (
          <Input
            {...c}
            type="datetime-local"
            step={1}
            value={b}
            onChange={(e) => setB(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary">
        Compare
      </Button>
    </form>
  );
}

const FIELD_TEXT: Record<string, string> = {
  status: 'Status',
  resolution: 'Resolution',
  priority: 'Priority',
  waitingForEvent: 'Waiting for',
  waitUntil: 'Waiting until',
  routing: 'Routing',
  assigneeId: 'Assignee',
  candidateGroupId: 'Group',
  dueAt: 'Due',
  sla: 'SLA',
  escalationLevel: 'Escalation level',
  outcome: 'Outcome',
  outcomeData: 'Decision form',
  completedById: 'Completed by',
  completedAt: 'Completed at',
  created: 'Created',
  comment: 'Comment added',
};

function Value({
  change,
  value,
  names,
}: {
  change: SnapshotChange;
  value: unknown;
  names: AsOfNames;
}) {
  if (value === null || value === undefined || value === '')
    return <span className="text-zinc-500">—</span>;
  if (change.kind === 'time' && typeof value === 'string') return <DateTime value={value} />;
  if (change.kind === 'user' && typeof value === 'string')
    return <>{names.users[value] ?? 'a former user'}</>;
  if (change.kind === 'group' && typeof value === 'string')
    return <>{names.groups[value] ?? value}</>;
  if (change.field === 'routing' && typeof value === 'object') {
    const r = value as { ruleName: string | null; ruleVersion: number | null };
    return <>{r.ruleName ? `“${r.ruleName}” v${r.ruleVersion}` : 'default route'}</>;
  }
  return <>{typeof value === 'string' ? value : JSON.stringify(value)}</>;
}

/** What changed between the two moments, case first, then each task, then new comments. */
export function AsOfChanges({ changes, names }: { changes: SnapshotChange[]; names: AsOfNames }) {
  if (!changes.length)
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Nothing changed between these moments.
      </p>
    );
  return (
    <table className="w-full text-left text-sm" aria-label="Changes between the two moments">
      <thead className="text-xs text-zinc-500 dark:text-zinc-400">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">
            What
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            Before
          </th>
          <th scope="col" className="py-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {changes.map((c, i) => (
          <tr key={i} data-testid="as-of-change">
            <th scope="row" className="py-1 pr-3 align-top font-normal">
              {c.scope === 'case'
                ? 'Case'
                : (c.taskName ?? (c.taskId ? names.tasks[c.taskId] : null) ?? 'Task')}
              {' · '}
              {FIELD_TEXT[c.field] ?? c.field.replace(/^data\./, '')}
            </th>
            <td className="py-1 pr-3 align-top">
              <Value change={c} value={c.before} names={names} />
            </td>
            <td className="py-1 align-top">
              <Value change={c} value={c.after} names={names} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
