'use client';

import { useState } from 'react';
import { cn } from '../../../_components/ui';
import { useEscapeToClose } from '../../../_components/use-escape-to-close';
import { countLabel, type InboxFilters, type Queue, type SavedView } from './inbox-data';
import { SavedViewsRail } from './saved-views-rail';

/**
 * The queues down the left, each with its live count; the open one is marked as current; below
 * them the saved views (when `onApplyView` is given). Below 1024 px they fold behind a Queues
 * button above the list (Escape or a choice folds them again).
 */
export function QueueRail({
  queues,
  current,
  onSelect,
  filters,
  onApplyView,
}: {
  queues: Queue[];
  current: string;
  onSelect: (key: string) => void;
  /** The open filters, to mark the view they are (with onApplyView). */
  filters?: InboxFilters;
  onApplyView?: (v: SavedView) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useEscapeToClose(open, () => setOpen(false));
  const currentQueue = queues.find((x) => x.key === current);
  return (
    // The views sit beside the queues' navigation (not in it): the Queues landmark lists queues.
    <div className="border-b border-zinc-200 px-6 py-2 lg:w-52 lg:shrink-0 lg:border-r lg:border-b-0 lg:px-2 lg:py-4 dark:border-zinc-800">
      <nav aria-label="Queues">
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls="queue-list"
          onClick={() => setOpen((o) => !o)}
          className="flex w-full items-center gap-2 rounded-md border border-zinc-300 px-3 py-1.5 text-left text-sm hover:bg-zinc-100 lg:hidden dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <span className="font-medium">Queues</span>
          {currentQueue ? (
            <span className="min-w-0 truncate text-zinc-600 dark:text-zinc-400">
              · {currentQueue.label}
            </span>
          ) : null}
          <span aria-hidden className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
            {open ? '▲' : '▼'}
          </span>
        </button>
        <ul
          id="queue-list"
          className={cn(
            'gap-0.5 sm:grid-cols-2 lg:mt-0 lg:block lg:space-y-0.5',
            open ? 'mt-2 grid' : 'hidden',
          )}
        >
          {queues.map((x) => (
            <li key={x.key}>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  onSelect(x.key);
                }}
                aria-current={x.key === current ? 'page' : undefined}
                className="flex w-full items-center justify-between rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 aria-[current=page]:bg-accent-50 aria-[current=page]:font-medium aria-[current=page]:text-accent-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
              >
                <span className="truncate">{x.label}</span>
                <span
                  className={
                    x.key === current
                      ? 'tabular text-xs text-accent-700 dark:text-zinc-200'
                      : 'tabular text-xs text-zinc-600 dark:text-zinc-400'
                  }
                  data-testid={`count-${x.key.startsWith('group:') ? x.label : x.key}`}
                >
                  {countLabel(x.count, x.capped)}
                  <span className="sr-only">{x.capped ? ' tasks or more' : ' tasks'}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {onApplyView ? (
        <div className={cn('lg:block', open ? 'block' : 'hidden')}>
          <SavedViewsRail
            filters={filters ?? {}}
            onApply={(v) => {
              setOpen(false);
              onApplyView(v);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
