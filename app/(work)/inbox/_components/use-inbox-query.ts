'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../../_components/api-client';
import { taskKeys } from '../../../_components/query-keys';
import {
  pickFilters,
  toQueryString,
  type FilterKey,
  type InboxData,
  type InboxFilters,
} from './inbox-data';

const POLL_MS = 5_000;
const SEARCH_DEBOUNCE_MS = 250;

/**
 * The inbox's state: the filters (mirrored in the URL), the page, the selected row, the search
 * box, and the list itself, polled so work claimed by colleagues leaves on its own.
 */
export function useInboxQuery(initial: InboxData, initialParams: Record<string, string>) {
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState<InboxFilters>(() => pickFilters(initialParams));
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [selected, setSelected] = useState(0);
  const [search, setSearch] = useState(filters.q ?? '');

  const params = useMemo(() => ({ ...filters, ...(cursor ? { cursor } : {}) }), [filters, cursor]);
  // The server rendered this view already: start from its data instead of fetching again.
  const isInitial =
    cursors.length === 0 && JSON.stringify(filters) === JSON.stringify(pickFilters(initialParams));
  const query = useQuery({
    queryKey: taskKeys.list(params),
    queryFn: () => api<InboxData>(`/api/inbox?${toQueryString(params)}`),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  const data = query.data ?? initial;
  const rows = data.tasks;

  useEffect(() => {
    const qs = toQueryString(filters);
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }, [filters, pathname, router]);

  // A shorter list keeps the selection on its last row.
  const [rowCount, setRowCount] = useState(rows.length);
  if (rowCount !== rows.length) {
    setRowCount(rows.length);
    setSelected((s) => Math.min(s, Math.max(rows.length - 1, 0)));
  }

  const setFilter = useCallback((key: FilterKey, value: string | undefined) => {
    setFilters((f) => {
      const next = { ...f, [key]: value || undefined };
      // Each queue has its own default status (group queues: unclaimed).
      if (key === 'queue') delete next.status;
      return next;
    });
    setCursors([]);
    setSelected(0);
  }, []);

  useEffect(() => {
    const t = setTimeout(() => {
      if ((filters.q ?? '') !== search.trim()) setFilter('q', search.trim());
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search, filters.q, setFilter]);

  const nextCursor = data.nextCursor;
  return {
    filters,
    setFilter,
    search,
    setSearch,
    data,
    rows,
    /** Rows of the previous view stay on screen, dimmed, until the new ones arrive. */
    isPlaceholderData: query.isPlaceholderData,
    isFetching: query.isFetching,
    selected,
    setSelected,
    /** How many pages lie before this one. */
    pagesBefore: cursors.length,
    previousPage: cursors.length ? () => setCursors((c) => c.slice(0, -1)) : null,
    nextPage: nextCursor ? () => setCursors((c) => [...c, nextCursor]) : null,
  };
}
