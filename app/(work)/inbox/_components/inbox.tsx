'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { Callout, LiveRegion } from '../../../_components/ui';
import { InboxFilters } from './inbox-filters';
import { ALL_QUEUES, currentQueue, queuesFor, type InboxData, type InboxRow } from './inbox-data';
import { InboxList } from './inbox-list';
import { InboxPagination } from './inbox-pagination';
import { InboxToolbar } from './inbox-toolbar';
import { QueueRail } from './queue-rail';
import { useInboxClaim } from './use-inbox-claim';
import { useInboxKeyboard } from './use-inbox-keyboard';
import { useInboxQuery } from './use-inbox-query';

/** The inbox: queues on the left, the open queue's tasks on the right, all by keyboard too. */
export function Inbox({
  initial,
  initialParams,
  viewerId,
  caseTypes,
}: {
  initial: InboxData;
  initialParams: Record<string, string>;
  viewerId: string;
  caseTypes: { key: string; name: string }[];
}) {
  const router = useRouter();
  const inbox = useInboxQuery(initial, initialParams);
  const { claim, message } = useInboxClaim();
  const open = useCallback((row: InboxRow) => router.push(`/tasks/${row.id}`), [router]);
  const { searchRef, rowRefs } = useInboxKeyboard({
    rows: inbox.rows,
    selection: inbox.selection,
    onOpen: open,
    onClaim: claim.mutate,
  });

  const queue = inbox.filters.queue ?? 'mine';
  const queues = queuesFor(inbox.data.counts);
  const current = currentQueue(queues, queue);
  return (
    <div className="flex flex-col lg:min-h-screen lg:flex-row">
      <QueueRail
        queues={queues}
        current={current.key}
        onSelect={(key) => inbox.setFilter('queue', key)}
        filters={inbox.filters}
        onApplyView={inbox.applyView}
      />
      <section className="flex min-w-0 flex-1 flex-col" aria-labelledby="queue-heading">
        <InboxToolbar
          title={current.label}
          search={inbox.search}
          onSearch={inbox.setSearch}
          onSearchDone={inbox.commitSearch}
          searchRef={searchRef}
        >
          <InboxFilters
            filters={inbox.filters}
            queue={queue}
            caseTypes={caseTypes}
            onChange={inbox.setFilter}
            onRemove={inbox.clearFilter}
            onClear={inbox.clearFilters}
          />
        </InboxToolbar>
        <LiveRegion className="min-h-0">
          {message ? (
            <Callout layout="banner" tone={message.tone}>
              {message.text}
            </Callout>
          ) : null}
        </LiveRegion>
        <InboxList
          label={current.label}
          rows={inbox.rows}
          now={new Date(inbox.data.now)}
          queue={queue}
          filters={inbox.filters}
          scanned={inbox.data.scanLimited ? inbox.data.scanLimit : null}
          selected={inbox.selection.selectedIndex}
          onSelect={inbox.selection.select}
          onOpen={open}
          onSearchAll={() => inbox.setFilter('queue', ALL_QUEUES)}
          movedNotice={inbox.selection.movedNotice}
          rowRefs={rowRefs}
          busy={inbox.isPlaceholderData}
          dimmed={inbox.isFetching && inbox.isPlaceholderData}
          viewerId={viewerId}
          claimPending={claim.isPending}
          onClaim={claim.mutate}
        />
        <InboxPagination
          pagesBefore={inbox.pagesBefore}
          rowCount={inbox.rows.length}
          total={inbox.data.total}
          totalCapped={inbox.data.totalCapped}
          onPrevious={inbox.previousPage}
          onNext={inbox.nextPage}
          scanLimited={inbox.data.scanLimited}
          scanLimit={inbox.data.scanLimit}
        />
      </section>
    </div>
  );
}
