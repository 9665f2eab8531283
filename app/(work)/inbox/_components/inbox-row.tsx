import Link from 'next/link';
import { DueChip } from '../../../_components/due-chip';
import { formatMoney } from '../../../_components/format';
import { Button } from '../../../_components/ui';
import type { InboxRow as Row } from './inbox-data';

/** One task: due state, case and task, claimant · priority · group · assignee, amount, Claim. */
export function InboxRow({
  row: r,
  now,
  selected,
  rowRef,
  onSelect,
  viewerId,
  claimPending,
  onClaim,
}: {
  row: Row;
  now: Date;
  selected: boolean;
  rowRef: (el: HTMLLIElement | null) => void;
  onSelect: () => void;
  viewerId: string;
  claimPending: boolean;
  onClaim: (row: Row) => void;
}) {
  return (
    <li
      ref={rowRef}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      data-selected={selected}
      onFocus={onSelect}
      onClick={onSelect}
      data-testid="task-row"
      data-reference={r.reference}
      className="grid grid-cols-[8.5rem_minmax(0,1fr)_6.5rem_4.5rem] items-start gap-3 px-6 py-2 text-sm outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-accent-500 focus-visible:ring-inset data-[selected=true]:bg-accent-50/60 dark:hover:bg-zinc-900/60 dark:data-[selected=true]:bg-zinc-900"
    >
      <div>
        <DueChip now={now} task={r} />
        {r.escalationLevel > 0 ? (
          <span className="mt-1 block text-xs font-medium text-red-700 dark:text-red-300">
            ▲ escalated L{r.escalationLevel}
          </span>
        ) : null}
      </div>
      <div className="min-w-0">
        <p className="truncate">
          <Link
            href={`/cases/${r.caseId}`}
            className="tabular text-zinc-500 hover:underline dark:text-zinc-400"
            tabIndex={-1}
          >
            {r.reference}
          </Link>{' '}
          <Link href={`/tasks/${r.id}`} className="font-medium hover:underline" tabIndex={-1}>
            {r.name}
          </Link>
        </p>
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
          <span className="text-zinc-800 dark:text-zinc-200">{r.claimant || '—'}</span> ·{' '}
          <span
            className={
              r.priority === 'high' || r.priority === 'urgent'
                ? 'font-semibold text-zinc-900 dark:text-zinc-100'
                : ''
            }
          >
            {r.priority}
          </span>{' '}
          · {r.groupName ?? '—'} ·{' '}
          {r.assigneeId === viewerId ? 'you' : (r.assigneeName ?? 'unassigned')}
        </p>
      </div>
      <div className="tabular text-right">{formatMoney(r.amountCents)}</div>
      <div className="text-right">
        {r.status === 'ready' && r.fourEyes ? (
          <span
            className="text-xs text-zinc-600 dark:text-zinc-400"
            title="You made an earlier decision on this case, so a different person must approve it."
          >
            Four eyes
          </span>
        ) : r.status === 'ready' ? (
          <Button
            variant="secondary"
            size="sm"
            tabIndex={-1}
            disabled={claimPending}
            onClick={(e) => {
              e.stopPropagation();
              onClaim(r);
            }}
            className="py-0.5"
          >
            Claim
            <span className="sr-only">
              {' '}
              {r.reference} {r.name}
            </span>
          </Button>
        ) : null}
      </div>
    </li>
  );
}
