'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../../_components/api-client';
import { teamKeys } from '../../../_components/query-keys';
import type { OpenWorkPage } from './types';

export type OpenWorkFilters = {
  group?: string;
  /** A person's id, or "none" for unassigned work. */
  assignee?: string;
  due?: 'overdue' | 'due_soon' | 'on_time';
  q?: string;
};
export type OpenWorkFilterKey = keyof OpenWorkFilters;

const SEARCH_DEBOUNCE_MS = 250;
const PAGE_SIZE = '25';

/**
 * The supervised groups' open work, filtered, a keyset page at a time ("Show more" asks for the
 * next one): never the whole list, however many open tasks there are.
 */
export function useOpenWork() {
  const [filters, setFilters] = useState<OpenWorkFilters>({});
  const [search, setSearch] = useState('');
  useEffect(() => {
    const t = setTimeout(
      () => setFilters((f) => ({ ...f, q: search.trim() || undefined })),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(t);
  }, [search]);

  const params = useMemo(
    () =>
      Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>,
    [filters],
  );
  const query = useInfiniteQuery({
    queryKey: teamKeys.tasks(params),
    queryFn: ({ pageParam }) =>
      api<OpenWorkPage>(
        `/api/team/tasks?${new URLSearchParams({
          ...params,
          limit: PAGE_SIZE,
          ...(pageParam ? { cursor: pageParam } : {}),
        })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const pages = query.data?.pages ?? [];
  const first = pages[0];
  return {
    filters,
    setFilter: (key: Exclude<OpenWorkFilterKey, 'q'>, value: string) =>
      setFilters((f) => ({ ...f, [key]: value || undefined })),
    search,
    setSearch,
    clear: () => {
      setSearch('');
      setFilters({});
    },
    tasks: pages.flatMap((p) => p.tasks),
    total: first ? `${first.total.toLocaleString('en-GB')}${first.totalCapped ? '+' : ''}` : null,
    loading: query.isPending,
    error: query.isError,
    hasMore: Boolean(query.hasNextPage),
    loadingMore: query.isFetchingNextPage,
    showMore: () => void query.fetchNextPage(),
  };
}

export type OpenWork = ReturnType<typeof useOpenWork>;
