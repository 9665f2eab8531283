'use client';

import { useState } from 'react';
import { api } from '../../../_components/api-client';
import { Button, useApiMutation } from '../../../_components/ui';
import {
  countLabel,
  isViewOpen,
  scannedNote,
  type InboxFilters,
  type SavedView,
} from './inbox-data';
import { useInvalidateViews, useSavedViews } from './use-saved-views';

/**
 * The rail's "Views": the person's own views and those shared with their groups (marked with the
 * group), each with its live count; choosing one opens its queue, filters and sort. A view may be
 * deleted by whoever may (its owner; a shared one also the group's supervisors), after a confirm.
 */
export function SavedViewsRail({
  filters,
  onApply,
}: {
  filters: InboxFilters;
  onApply: (v: SavedView) => void;
}) {
  const { data } = useSavedViews();
  const invalidate = useInvalidateViews();
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useApiMutation({
    mutationFn: (id: string) => api(`/api/views/${id}`, { method: 'DELETE', body: {} }),
    onSuccess: () => {
      setConfirming(null);
      void invalidate();
    },
    fallbackMessage: 'The view could not be deleted. Try again.',
  });
  const views = data?.views ?? [];
  return (
    <section aria-labelledby="views-heading" className="mt-4 lg:mt-6">
      <h2
        id="views-heading"
        className="px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        Views
      </h2>
      {views.length === 0 ? (
        <p className="px-2 py-1 text-xs text-zinc-500 dark:text-zinc-400">
          Save the filters you use often with “Save view”.
        </p>
      ) : (
        <ul className="mt-1 space-y-0.5" aria-label="Saved views">
          {views.map((v) => {
            const current = isViewOpen(v, filters);
            const label = v.groupName ? `${v.name} (shared with ${v.groupName})` : v.name;
            return (
              <li key={v.id} className="group flex items-center gap-0.5">
                {confirming === v.id ? (
                  <div
                    role="group"
                    aria-label={`Delete ${v.name}?`}
                    className="flex w-full items-center gap-1 px-2 py-1 text-xs"
                  >
                    <span className="min-w-0 flex-1 truncate">Delete “{v.name}”?</span>
                    <Button
                      size="sm"
                      variant="danger"
                      autoFocus
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(v.id)}
                    >
                      Delete
                    </Button>
                    <Button size="sm" variant="secondary" onClick={() => setConfirming(null)}>
                      Keep
                    </Button>
                  </div>
                ) : (
                  <>
                    <button
                      type="button"
                      onClick={() => onApply(v)}
                      aria-current={current ? 'page' : undefined}
                      title={v.problem ?? label}
                      className="flex min-w-0 flex-1 items-center justify-between gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 aria-[current=page]:bg-accent-50 aria-[current=page]:font-medium aria-[current=page]:text-accent-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-white"
                    >
                      <span className="min-w-0 truncate">
                        {v.name}
                        {v.groupName ? (
                          <span className="block truncate text-xs font-normal text-zinc-500 dark:text-zinc-400">
                            <span className="sr-only">shared with </span>
                            {v.groupName}
                          </span>
                        ) : null}
                      </span>
                      <ViewCount view={v} />
                    </button>
                    {v.canDelete ? (
                      <button
                        type="button"
                        onClick={() => {
                          remove.reset();
                          setConfirming(v.id);
                        }}
                        aria-label={`Delete view ${v.name}`}
                        title="Delete view"
                        className="rounded px-1.5 py-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus:opacity-100 lg:opacity-0 lg:group-hover:opacity-100 dark:hover:bg-zinc-700 dark:hover:text-white"
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {remove.problem ? (
        <p role="alert" className="px-2 py-1 text-xs text-red-700 dark:text-red-300">
          {remove.problem.message}
        </p>
      ) : null}
    </section>
  );
}

/** A view's live count: "n+" when it stopped at its cap or at the tasks a filter looks at. */
function ViewCount({ view: v }: { view: SavedView }) {
  return (
    <span
      className="tabular text-xs text-zinc-600 dark:text-zinc-400"
      data-testid={`view-count-${v.name}`}
      title={v.countScanned !== null ? scannedNote(v.countScanned) : undefined}
    >
      {v.count === null ? '–' : countLabel(v.count, v.countCapped)}
      <span className="sr-only">
        {v.count === null
          ? ' (not available)'
          : v.countScanned !== null
            ? ` tasks or more (${scannedNote(v.countScanned)})`
            : v.countCapped
              ? ' tasks or more'
              : ' tasks'}
      </span>
    </span>
  );
}
