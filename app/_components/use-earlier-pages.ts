'use client';

import { useState } from 'react';
import { toApiProblem, useApiMutation } from './ui';

type Page<T, C> = { items: T[]; nextBefore: C | null };

/** Items by id, oldest first by `order` (later pages and refreshes may overlap). */
function merge<T extends { id: string | number }>(
  lists: T[][],
  order: (a: T, b: T) => number,
): T[] {
  const byId = new Map<string | number, T>();
  for (const list of lists) for (const item of list) byId.set(item.id, item);
  return [...byId.values()].sort(order);
}

/**
 * A history list shown newest page first with "Show earlier": the server renders the latest
 * page; each click fetches the page before the oldest item shown. Items a refresh pushes out of
 * the latest page stay (they are remembered), so the list never gets a gap.
 */
export function useEarlierPages<T extends { id: string | number }, C extends string | number>(
  latest: Page<T, C>,
  fetchBefore: (cursor: C) => Promise<Page<T, C>>,
  order: (a: T, b: T) => number,
) {
  const [earlier, setEarlier] = useState<T[]>([]);
  const [cursor, setCursor] = useState<C | null>(latest.nextBefore);
  const [loadedEarlier, setLoadedEarlier] = useState(false);
  // A refresh brings a new latest page (a new items array): keep what the previous one showed.
  const [shown, setShown] = useState(latest.items);
  if (shown !== latest.items) {
    setEarlier((e) => merge([e, shown], order));
    setShown(latest.items);
    if (!loadedEarlier) setCursor(latest.nextBefore);
  }
  const items = merge([earlier, latest.items], order);
  const load = useApiMutation({
    mutationFn: () => fetchBefore(cursor!),
    onSuccess: (page) => {
      setEarlier((e) => merge([e, page.items], order));
      setCursor(page.nextBefore);
      setLoadedEarlier(true);
    },
  });
  return {
    items,
    hasEarlier: cursor !== null,
    loadEarlier: () => load.mutate(),
    loading: load.isPending,
    error: load.isError
      ? toApiProblem(load.error, 'Could not load earlier entries.').message
      : null,
  };
}
