'use client';

import { useState } from 'react';
import { PageHeader, type NoticeState } from '../../../_components/ui';
import { AttentionSection } from './attention-section';
import { FiguresSection } from './figures-section';
import type { AttentionTask, Figures, Workload } from './types';
import { WorkloadSection } from './workload-section';

/** A supervisor's console: work that needs attention, the team's workload, SLA figures. */
export function TeamConsole(props: {
  now: string;
  tasks: AttentionTask[];
  workload: Workload;
  figures: Figures;
}) {
  const now = new Date(props.now);
  // One message line for both the reassignment and out-of-office changes.
  const [message, setMessage] = useState<NoticeState>(null);
  return (
    <div className="pb-10">
      <PageHeader
        title="Team"
        description={
          props.workload.groups.map((g) => g.name).join(' · ') || 'You supervise no group yet.'
        }
      />
      <AttentionSection
        tasks={props.tasks}
        people={props.workload.people}
        now={now}
        message={message}
        setMessage={setMessage}
      />
      <WorkloadSection people={props.workload.people} setMessage={setMessage} />
      <FiguresSection initial={props.figures} />
    </div>
  );
}
