'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../_components/api-client';
import { taskKeys } from '../../../_components/query-keys';
import type { CaseFieldFilter, ViewsData } from './inbox-data';

/**
 * Under the inbox lists' key, so every pushed change that refetches the inbox (live-updates.tsx)
 * refetches the views' counts too.
 */
export const viewKeys = { all: [...taskKeys.lists(), 'saved-views'] as const };
const fieldKeys = (type: string) => ['inbox-fields', type] as const;

/** The person's saved views with live counts, and the groups they may share one with. */
export function useSavedViews() {
  return useQuery({
    queryKey: viewKeys.all,
    queryFn: () => api<ViewsData>('/api/views'),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });
}

export function useInvalidateViews() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: viewKeys.all });
}

/** The case-field filters offered for case type `type` ("" = every type's). */
export function useCaseFieldFilters(type: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: fieldKeys(type),
    queryFn: () =>
      api<{ fields: CaseFieldFilter[] }>(
        `/api/inbox/fields${type ? `?type=${encodeURIComponent(type)}` : ''}`,
      ),
    staleTime: 5 * 60_000,
  });
}
