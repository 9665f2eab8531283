'use client';

import { LiveNotice, type NoticeState } from '../../../_components/ui';
import { AttentionTable } from './attention-table';
import { ReassignForm } from './reassign-form';
import type { AttentionTask, TeamMember } from './types';
import { useBulkReassign } from './use-bulk-reassign';

/** Needs attention: escalated or overdue work in the supervised groups, reassignable in bulk. */
export function AttentionSection({
  tasks,
  people,
  now,
  message,
  setMessage,
}: {
  tasks: AttentionTask[];
  people: TeamMember[];
  now: Date;
  message: NoticeState;
  setMessage: (message: NoticeState) => void;
}) {
  const reassign = useBulkReassign({ tasks, people, setMessage });
  return (
    <section aria-labelledby="attention-heading" className="px-6 pt-5">
      <h2 id="attention-heading" className="text-sm font-semibold">
        Needs attention{' '}
        <span className="tabular font-normal text-zinc-500">
          ({tasks.length} escalated or overdue)
        </span>
      </h2>
      <ReassignForm people={people} reassign={reassign} />
      <LiveNotice notice={message} testId="team-message" />
      {tasks.length === 0 ? (
        <p className="py-6 text-sm text-zinc-500 dark:text-zinc-400">
          Nothing is escalated or overdue. The team is on time.
        </p>
      ) : (
        <AttentionTable tasks={tasks} now={now} reassign={reassign} />
      )}
    </section>
  );
}
