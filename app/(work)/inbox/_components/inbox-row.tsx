import Link from 'next/link';
import type { MouseEvent } from 'react';
import { AtRiskChip, DueChip } from '../../../_components/due-chip';
import { formatMoney } from '../../../_components/format';
import { Button, cn } from '../../../_components/ui';
import type { InboxRow as Row } from './inbox-data';

/** One task: due state, case and task, claimant · priority · group · assignee, amount, Claim. */
export function InboxRow({
  row: r,
  now,
  selected,
  rowRef,
  onSelect,
  onClick,
  viewerId,
  claimPending,
  onClaim,
}: {
  row: Row;
  now: Date;
  selected: boolean;
  rowRef: (el: HTMLLIElement | null) => void;
  onSelect: () => void;
  /** A click on the row (not on its links or buttons) opens the task. */
  onClick: (e: MouseEvent<HTMLLIElement>) => void;
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
      onClick={onClick}
      data-testid="task-row"
      data-reference={r.reference}
      className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-x-3 gap-y-1 px-6 py-2 text-sm outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-accent-500 focus-visible:ring-inset data-[selected=true]:bg-accent-50/60 lg:grid-cols-[8.5rem_minmax(0,1fr)_6.5rem_4.5rem] lg:gap-3 dark:hover:bg-zinc-900/60 dark:data-[selected=true]:bg-zinc-900"
    >
      {/* Phone and tablet: due and amount, then the case and the Claim button; one line from 1024 px. */}
      <div className="col-start-1 row-start-1">
        <DueChip now={now} task={r} />
        <AtRiskChip prediction={r.prediction} className="ml-2 lg:mt-1 lg:ml-0 lg:block" />
        {r.escalationLevel > 0 ? (
          <span className="ml-2 inline-block text-xs font-medium text-red-700 lg:mt-1 lg:ml-0 lg:block dark:text-red-300">
            ▲ escalated L{r.escalationLevel}
          </span>
        ) : null}
      </div>
      <div
        className={cn(
          'col-start-1 row-start-2 min-w-0 lg:col-span-1 lg:col-start-2 lg:row-start-1',
          // Nothing to claim: the text takes the row's whole width.
          r.status !== 'ready' && 'col-span-2',
        )}
      >
        <p className="break-words lg:truncate">
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
        <p className="text-xs break-words text-zinc-600 lg:truncate dark:text-zinc-400">
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
      <div className="tabular col-start-2 row-start-1 text-right lg:col-start-3">
        {formatMoney(r.amountCents)}
      </div>
      <div
        className={cn(
          'col-start-2 row-start-2 self-center text-right lg:col-start-4 lg:row-start-1 lg:self-auto',
          r.status !== 'ready' && 'max-lg:hidden',
        )}
      >
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
