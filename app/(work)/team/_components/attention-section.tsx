'use client';

import type { AttentionTask } from './types';
import type { BulkReassign } from './use-bulk-reassign';
import { WorkTable } from './work-table';

/** Needs attention: escalated or overdue work in the supervised groups. */
export function AttentionSection({
  tasks,
  now,
  reassign,
}: {
  tasks: AttentionTask[];
  now: Date;
  reassign: BulkReassign;
}) {
  return (
    <section aria-labelledby="attention-heading" className="px-6 pt-5">
      <h2 id="attention-heading" className="text-sm font-semibold">
        Needs attention{' '}
        <span className="tabular font-normal text-zinc-600 dark:text-zinc-400">
          ({tasks.length} escalated or overdue)
        </span>
      </h2>
      {tasks.length === 0 ? (
        <p className="py-6 text-sm text-zinc-600 dark:text-zinc-400">
          Nothing is escalated or overdue. The team is on time.
        </p>
      ) : (
        <WorkTable
          tasks={tasks}
          now={now}
          reassign={reassign}
          rowTestId="attention-row"
          label="Needs attention"
        />
      )}
    </section>
  );
}
