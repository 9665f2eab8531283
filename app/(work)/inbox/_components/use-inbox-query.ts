'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../../_components/api-client';
import { useLiveUpdates } from '../../../_components/live-updates';
import { taskKeys } from '../../../_components/query-keys';
import {
  pickFilters,
  toQueryString,
  viewFilters,
  type CaseFieldKey,
  type ChipKey,
  type FilterKey,
  type SavedView,
  type InboxData,
  type InboxFilters,
} from './inbox-data';
import { AT_PARAM, rememberInboxView, SELECTED_PARAM } from '../../../_components/inbox-return';
import { useInboxSelection } from './use-inbox-selection';

/**
 * A status the queue shows by default is written as the default: "unclaimed" in a group queue,
 * "open" elsewhere. The same tasks, and the status list has the option to show it.
 */
function withQueueDefaults(f: InboxFilters): InboxFilters {
  const isGroup = f.queue?.startsWith('group:') ?? false;
  if (f.status === (isGroup ? 'ready' : 'open')) return { ...f, status: undefined };
  return f;
}

/** Only while the change stream is down (live-updates.tsx): otherwise pushed changes refetch. */
const POLL_MS = 5_000;
const SEARCH_DEBOUNCE_MS = 250;

/**
 * The inbox's state: the filters (mirrored in the URL), the page, the selected row, the search
 * box, and the list itself, refetched when a change is pushed (or polled while the stream is
 * down) so work claimed by colleagues leaves on its own.
 */
export function useInboxQuery(initial: InboxData, initialParams: Record<string, string>) {
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState<InboxFilters>(() => pickFilters(initialParams));
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [search, setSearch] = useState(filters.q ?? '');

  const params = useMemo(() => ({ ...filters, ...(cursor ? { cursor } : {}) }), [filters, cursor]);
  // The server rendered this view already: start from its data instead of fetching again.
  const live = useLiveUpdates();
  const isInitial =
    cursors.length === 0 && JSON.stringify(filters) === JSON.stringify(pickFilters(initialParams));
  const query = useQuery({
    queryKey: taskKeys.list(params),
    queryFn: () => api<InboxData>(`/api/inbox?${toQueryString(params)}`),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: live ? false : POLL_MS,
    refetchIntervalInBackground: false,
  });
  const data = query.data ?? initial;
  const rows = data.tasks;

  useEffect(() => {
    const qs = toQueryString(filters);
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }, [filters, pathname, router]);

  // The task to select first: the one the person came back from (see inbox-return.ts).
  const selection = useInboxSelection(rows, !query.isPlaceholderData, {
    id: initialParams[SELECTED_PARAM] ?? null,
    index: Number(initialParams[AT_PARAM]) || 0,
  });
  const resetSelection = selection.reset;
  const selectedId = selection.selectedRow?.id ?? null;
  useEffect(() => {
    rememberInboxView({
      query: toQueryString(filters),
      taskId: selectedId,
      index: selection.selectedIndex,
    });
  }, [filters, selectedId, selection.selectedIndex]);

  const setFilter = useCallback(
    (key: FilterKey, value: string | undefined) => {
      // Filters stay when the queue changes; the chips under the filters show each one.
      setFilters((f) => withQueueDefaults({ ...f, [key]: value || undefined }));
      setCursors([]);
      resetSelection();
    },
    [resetSelection],
  );
  /** Removes one filter (the search too: its box empties). */
  const clearFilter = useCallback(
    (key: ChipKey) => {
      if (key === 'q') setSearch('');
      setFilter(key, undefined);
    },
    [setFilter],
  );
  /** Sets several case-field filters at once (undefined or "" removes one). */
  const setCaseFields = useCallback(
    (values: Record<CaseFieldKey, string | undefined>) => {
      setFilters((f) => {
        const next: InboxFilters = { ...f };
        for (const [k, v] of Object.entries(values) as [CaseFieldKey, string | undefined][]) {
          if (v) next[k] = v;
          else delete next[k];
        }
        return next;
      });
      setCursors([]);
      resetSelection();
    },
    [resetSelection],
  );
  /** Opens a saved view: its queue, sort and filters replace the current ones. */
  const applyView = useCallback(
    (v: Pick<SavedView, 'queue' | 'sort' | 'filters'>) => {
      const next = viewFilters(v);
      setSearch(next.q ?? '');
      setFilters(withQueueDefaults(next));
      setCursors([]);
      resetSelection();
    },
    [resetSelection],
  );
  /** Removes the search and every filter; the queue and the sort order stay. */
  const clearFilters = useCallback(() => {
    setSearch('');
    setFilters((f) => ({ queue: f.queue, sort: f.sort }));
    setCursors([]);
    resetSelection();
  }, [resetSelection]);

  /**
   * Applies what the search box holds now. Typing applies it after a pause; leaving the box
   * applies it at once, so a pending search never lands after a shortcut or click that opens a
   * task (its URL update would take the person back to the inbox).
   */
  const commitSearch = useCallback(() => {
    if ((filters.q ?? '') !== search.trim()) setFilter('q', search.trim());
  }, [search, filters.q, setFilter]);
  useEffect(() => {
    const t = setTimeout(commitSearch, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [commitSearch]);

  const nextCursor = data.nextCursor;
  return {
    filters,
    setFilter,
    clearFilter,
    clearFilters,
    setCaseFields,
    applyView,
    search,
    setSearch,
    commitSearch,
    data,
    rows,
    /** Rows of the previous view stay on screen, dimmed, until the new ones arrive. */
    isPlaceholderData: query.isPlaceholderData,
    isFetching: query.isFetching,
    selection,
    /** How many pages lie before this one. */
    pagesBefore: cursors.length,
    previousPage: cursors.length
      ? () => {
          setCursors((c) => c.slice(0, -1));
          resetSelection();
        }
      : null,
    nextPage: nextCursor
      ? () => {
          setCursors((c) => [...c, nextCursor]);
          resetSelection();
        }
      : null,
  };
}
