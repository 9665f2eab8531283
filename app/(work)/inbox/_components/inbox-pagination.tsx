import { Button } from '../../../_components/ui';
import { countLabel, PAGE_SIZE } from './inbox-data';

/**
 * The shortcut reminder, which rows of how many are shown, and the page buttons. When a search or
 * filter stopped looking part-way through the queue (a short page that still has a next page:
 * lib/use-cases/list-inbox.ts scanLimited), it says so, and the next page looks further.
 */
export function InboxPagination({
  pagesBefore,
  rowCount,
  total,
  totalCapped = false,
  scanLimited,
  scanLimit = null,
  onPrevious,
  onNext,
}: {
  pagesBefore: number;
  rowCount: number;
  total: number | null;
  /** The total stopped at its cap: more match than it says ("of 1,000+"). */
  totalCapped?: boolean;
  /** The search stopped after looking at `scanLimit` tasks (default: read from a short page with a next one). */
  scanLimited?: boolean;
  scanLimit?: number | null;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
}) {
  const pageStart = pagesBefore * PAGE_SIZE + (rowCount ? 1 : 0);
  const stopped = scanLimited ?? (rowCount < PAGE_SIZE && onNext !== null);
  return (
    <footer className="flex items-center justify-between gap-3 border-t border-zinc-200 px-6 py-2 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      {/* Shortcuts are for a keyboard: not shown on a phone. */}
      <span className="hidden sm:inline">
        <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> move ·{' '}
        <kbd className="font-mono">Enter</kbd> open · <kbd className="font-mono">c</kbd> claim ·{' '}
        <kbd className="font-mono">/</kbd> search · <kbd className="font-mono">?</kbd> all shortcuts
      </span>
      {stopped ? (
        <span
          role="status"
          className="text-amber-800 dark:text-amber-300"
          data-testid="scan-limited"
        >
          {rowCount ? 'More may match: ' : 'No match yet: '}
          the search looked at the first {scanLimit ? `${scanLimit.toLocaleString('en-GB')} ` : ''}
          tasks of the queue
          {pagesBefore ? ' from here' : ''}. Narrow it, or use › to look further.
        </span>
      ) : null}
      <span className="ml-auto flex items-center gap-2">
        <span className="tabular" data-testid="page-range">
          {rowCount ? `${pageStart}–${pageStart + rowCount - 1}` : '0'}
          {total !== null ? ` of ${countLabel(total, totalCapped)}` : ''}
        </span>
        <Button
          variant="subtle"
          size="icon"
          aria-label="Previous page"
          disabled={!onPrevious}
          onClick={() => onPrevious?.()}
          className="disabled:opacity-40"
        >
          ‹
        </Button>
        <Button
          variant="subtle"
          size="icon"
          aria-label="Next page"
          disabled={!onNext}
          onClick={() => onNext?.()}
          className="disabled:opacity-40"
        >
          ›
        </Button>
      </span>
    </footer>
  );
}
