'use client';

import { Button, DateTime } from '@/app/_components/ui';
import { AbsenceForm } from './absence-form';
import { useAbsences, type AbsenceItem } from './use-absences';

const STATUS = {
  scheduled: 'Planned',
  active: 'Away now',
  ended: 'Ended',
  cancelled: 'Cancelled',
} as const;

/**
 * Absences with dates: the list (with cancel / end now) and a form to plan one. On the profile
 * for oneself (`userId` null); in the team view for a member, by their supervisor.
 */
export function AbsencesPanel({ userId, idPrefix }: { userId: string | null; idPrefix: string }) {
  const { list, plan, stop } = useAbsences(userId);
  if (list.isPending) return <p className="text-sm text-zinc-500">Loading absences…</p>;
  if (list.isError)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        Could not load the absences.
      </p>
    );
  const data = list.data;
  return (
    <div className="space-y-3" data-testid="absences">
      {data.absences.length ? (
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {data.absences.map((a) => (
            <AbsenceLine
              key={a.id}
              absence={a}
              busy={stop.isPending && stop.variables?.id === a.id}
              onStop={(how) => stop.mutate({ id: a.id, how })}
            />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No absences planned.</p>
      )}
      {stop.problem ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {stop.problem.message}
        </p>
      ) : null}
      <AbsenceForm idPrefix={idPrefix} data={data} userId={userId} plan={plan} />
    </div>
  );
}

function AbsenceLine({
  absence: a,
  busy,
  onStop,
}: {
  absence: AbsenceItem;
  busy: boolean;
  onStop: (how: 'cancel' | 'end') => void;
}) {
  const period = (
    <>
      <DateTime value={a.startsAt} /> – <DateTime value={a.endsAt} />
    </>
  );
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5" data-absence={a.status}>
      <span className="font-medium">{STATUS[a.status]}</span>
      <span>{period}</span>
      <span className="text-zinc-500 dark:text-zinc-400">
        {a.delegateName ? `delegate ${a.delegateName}` : 'no delegate'}
        {a.handOver ? ' · open work handed over' : ''}
        {a.handedOver !== null ? ` (${a.handedOver} moved)` : ''}
        {a.note ? ` · ${a.note}` : ''}
      </span>
      {a.status === 'scheduled' ? (
        <Button variant="danger" size="sm" disabled={busy} onClick={() => onStop('cancel')}>
          Cancel<span className="sr-only"> the absence from {a.startsAt.slice(0, 10)}</span>
        </Button>
      ) : a.status === 'active' ? (
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => onStop('end')}>
          End now<span className="sr-only"> (back in the office)</span>
        </Button>
      ) : null}
    </li>
  );
}
