import { Button } from '../../../_components/ui';
import { ALL_QUEUES, caseFieldEntries, type InboxFilters } from './inbox-data';

/** Why the open queue shows no task, in words naming the queue, the search and the filters. */
export function emptyQueueText(
  label: string,
  queue: string,
  filters: InboxFilters,
  scanned: number | null = null,
): string {
  const where = queue === ALL_QUEUES ? 'any of your queues' : label;
  // The search stopped part-way (lib/use-cases/list-inbox.ts scanLimited): no "none match".
  if (scanned !== null)
    return `No match among the first ${scanned.toLocaleString('en-GB')} tasks of ${where}. Narrow the search, or look further with ›.`;
  const filtered = Boolean(
    filters.status ||
    filters.priority ||
    filters.due ||
    filters.type ||
    caseFieldEntries(filters).length,
  );
  if (filters.q)
    return `No tasks in ${where} match “${filters.q}”${filtered ? ' with these filters' : ''}.`;
  if (filtered) return `No tasks in ${where} match these filters.`;
  if (queue === 'mine') return 'Nothing assigned to you. Pick up work from a group queue.';
  return 'No open tasks here. Well done.';
}

/**
 * The open queue has no task: why, and, when a search found nothing in one queue, the same search
 * over every queue the person can see. (The chips above hold "Clear filters".)
 */
export function InboxEmpty({
  label,
  queue,
  filters,
  onSearchAll,
  scanned = null,
}: {
  label: string;
  queue: string;
  filters: InboxFilters;
  onSearchAll: () => void;
  /** Tasks the search looked at before it stopped (null: it read the whole queue). */
  scanned?: number | null;
}) {
  return (
    <div className="px-6 py-10 text-sm text-zinc-600 dark:text-zinc-400" data-testid="inbox-empty">
      <p>{emptyQueueText(label, queue, filters, scanned)}</p>
      {filters.q && queue !== ALL_QUEUES ? (
        <Button variant="secondary" className="mt-3" onClick={onSearchAll}>
          Search all your queues for “{filters.q}”
        </Button>
      ) : null}
    </div>
  );
}
