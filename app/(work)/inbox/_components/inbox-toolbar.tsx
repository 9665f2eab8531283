import type { ReactNode, RefObject } from 'react';
import { MAX_SEARCH_LENGTH } from '@/lib/domain/inbox-search';
import { Input, PageHeader } from '../../../_components/ui';
import { NextTaskButton } from './next-task-button';

/** The queue's name, the search box (`/` focuses it), Next (`n`) and, below, the filters. */
export function InboxToolbar({
  title,
  search,
  onSearch,
  onSearchDone,
  searchRef,
  children,
}: {
  title: string;
  search: string;
  onSearch: (value: string) => void;
  /** The person left the search box: what it holds applies now. */
  onSearchDone: () => void;
  searchRef: RefObject<HTMLInputElement | null>;
  children: ReactNode;
}) {
  return (
    <PageHeader
      title={title}
      titleId="queue-heading"
      align="center"
      className="py-3"
      actions={
        <>
          <label className="sr-only" htmlFor="inbox-search">
            Search by case reference, claimant or policy number
          </label>
          <Input
            id="inbox-search"
            ref={searchRef}
            type="search"
            value={search}
            onChange={(e) => onSearch(e.target.value)}
            onBlur={onSearchDone}
            placeholder="Search reference, claimant, policy…  /"
            maxLength={MAX_SEARCH_LENGTH}
            className="w-full px-3 placeholder:text-zinc-500 sm:w-64 dark:placeholder:text-zinc-400"
          />
          <NextTaskButton />
        </>
      }
    >
      {children}
    </PageHeader>
  );
}
