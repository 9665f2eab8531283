'use client';

import { Button } from '../../../_components/ui';
import { OpenWorkFilters } from './open-work-filters';
import type { TeamMember, Workload } from './types';
import type { BulkReassign } from './use-bulk-reassign';
import { useOpenWork } from './use-open-work';
import { WorkTable } from './work-table';

/** Every open task of the supervised groups, in due order, to pick any of them for reassignment. */
export function OpenWorkSection({
  now,
  groups,
  people,
  reassign,
}: {
  now: Date;
  groups: Workload['groups'];
  people: TeamMember[];
  reassign: BulkReassign;
}) {
  const work = useOpenWork();
  return (
    <section aria-labelledby="open-work-heading" className="px-6 pt-8">
      <h2 id="open-work-heading" className="text-sm font-semibold">
        Open work{' '}
        <span
          className="tabular font-normal text-zinc-600 dark:text-zinc-400"
          data-testid="open-work-total"
        >
          {work.total === null ? '' : `(${work.total})`}
        </span>
      </h2>
      <OpenWorkFilters work={work} groups={groups} people={people} />
      {work.error ? (
        <p role="alert" className="py-4 text-sm text-red-700 dark:text-red-300">
          The open work could not be loaded. Reload the page to try again.
        </p>
      ) : work.loading ? (
        <p className="py-4 text-sm text-zinc-600 dark:text-zinc-400">Loading open work…</p>
      ) : work.tasks.length === 0 ? (
        <p className="py-4 text-sm text-zinc-600 dark:text-zinc-400">
          No open task matches. Clear the filters to see all open work of your groups.
        </p>
      ) : (
        <WorkTable
          tasks={work.tasks}
          now={now}
          reassign={reassign}
          rowTestId="open-work-row"
          label="Open work"
        />
      )}
      {work.hasMore ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-3"
          disabled={work.loadingMore}
          onClick={work.showMore}
        >
          {work.loadingMore ? 'Loading…' : 'Show more'}
        </Button>
      ) : null}
    </section>
  );
}
