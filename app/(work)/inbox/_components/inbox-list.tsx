import { cn } from '../../../_components/ui';
import type { InboxFilters, InboxRow as Row } from './inbox-data';
import { InboxRow } from './inbox-row';

function emptyText(queue: string, filters: InboxFilters): string {
  if (queue === 'mine')
    return 'Nothing assigned to you. Pick up work from a group queue on the left.';
  return filters.q || filters.priority || filters.due || filters.type
    ? 'No tasks match these filters.'
    : 'No open tasks here. Well done.';
}

/** The rows of the open queue, or why there are none. */
export function InboxList({
  label,
  rows,
  now,
  queue,
  filters,
  selected,
  onSelect,
  rowRefs,
  busy,
  dimmed,
  viewerId,
  claimPending,
  onClaim,
}: {
  label: string;
  rows: Row[];
  now: Date;
  queue: string;
  filters: InboxFilters;
  selected: number;
  onSelect: (index: number) => void;
  rowRefs: { current: (HTMLLIElement | null)[] };
  /** The rows shown are the previous view's, waiting for the new ones. */
  busy: boolean;
  dimmed: boolean;
  viewerId: string;
  claimPending: boolean;
  onClaim: (row: Row) => void;
}) {
  if (rows.length === 0)
    return (
      <p className="px-6 py-10 text-sm text-zinc-500 dark:text-zinc-400">
        {emptyText(queue, filters)}
      </p>
    );
  return (
    <ul
      aria-label={`${label} tasks`}
      aria-busy={busy}
      data-testid="task-list"
      className={cn(
        'flex-1 divide-y divide-zinc-100 dark:divide-zinc-800/70',
        dimmed && 'opacity-60',
      )}
    >
      {rows.map((r, i) => (
        <InboxRow
          key={r.id}
          row={r}
          now={now}
          selected={i === selected}
          rowRef={(el) => {
            rowRefs.current[i] = el;
          }}
          onSelect={() => onSelect(i)}
          viewerId={viewerId}
          claimPending={claimPending}
          onClaim={onClaim}
        />
      ))}
    </ul>
  );
}
