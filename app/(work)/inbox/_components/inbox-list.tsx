import type { MouseEvent } from 'react';
import { cn, LiveRegion } from '../../../_components/ui';
import type { InboxFilters, InboxRow as Row } from './inbox-data';
import { InboxEmpty } from './inbox-empty';
import { InboxRow } from './inbox-row';

/**
 * A click anywhere on a row opens its task, except on the row's own links and buttons (Claim),
 * and except when the person was selecting text to copy. Ctrl/⌘-click opens it in a new tab.
 */
function openOnClick(e: MouseEvent<HTMLLIElement>, row: Row, onOpen: (row: Row) => void) {
  if (e.defaultPrevented || e.button !== 0) return;
  if ((e.target as HTMLElement).closest('a[href], button, input, select, textarea, label')) return;
  if (window.getSelection()?.toString()) return;
  if (e.ctrlKey || e.metaKey) window.open(`/tasks/${row.id}`, '_blank', 'noopener');
  else onOpen(row);
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
  onOpen,
  onSearchAll,
  movedNotice,
  rowRefs,
  busy,
  dimmed,
  viewerId,
  claimPending,
  onClaim,
  scanned = null,
}: {
  label: string;
  rows: Row[];
  now: Date;
  queue: string;
  filters: InboxFilters;
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (row: Row) => void;
  /** The same search over every queue the person can see (offered when a search found nothing). */
  onSearchAll: () => void;
  /** Why the selection moved by itself (the selected task left the list), read out politely. */
  movedNotice: string;
  rowRefs: { current: (HTMLLIElement | null)[] };
  /** The rows shown are the previous view's, waiting for the new ones. */
  busy: boolean;
  dimmed: boolean;
  viewerId: string;
  claimPending: boolean;
  onClaim: (row: Row) => void;
  /** Tasks a search looked at before it stopped (lib/use-cases/list-inbox.ts scanLimited). */
  scanned?: number | null;
}) {
  const notice = <LiveRegion className="sr-only">{movedNotice}</LiveRegion>;
  if (rows.length === 0)
    return (
      <>
        {notice}
        <InboxEmpty
          label={label}
          queue={queue}
          filters={filters}
          onSearchAll={onSearchAll}
          scanned={scanned}
        />
      </>
    );
  return (
    <>
      {notice}
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
            onClick={(e) => openOnClick(e, r, onOpen)}
            viewerId={viewerId}
            claimPending={claimPending}
            onClaim={onClaim}
          />
        ))}
      </ul>
    </>
  );
}
