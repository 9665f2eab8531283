'use client';

import { useState } from 'react';
import { LiveNotice, PageHeader, type NoticeState } from '../../../_components/ui';
import { AtRiskSection } from './at-risk-section';
import { AttentionSection } from './attention-section';
import { DigestSettingsSection } from './digest-settings';
import { FiguresSection } from './figures-section';
import { OpenWorkSection } from './open-work-section';
import { ReassignForm } from './reassign-form';
import type { AttentionTask, Figures, Workload } from './types';
import { useBulkReassign } from './use-bulk-reassign';
import { WorkloadSection } from './workload-section';

/**
 * A supervisor's console: one reassignment for tasks selected in either list (what needs
 * attention, or any open work of the groups), the team's workload, SLA figures.
 */
export function TeamConsole(props: {
  now: string;
  tasks: AttentionTask[];
  workload: Workload;
  figures: Figures;
}) {
  const now = new Date(props.now);
  const { groups, people } = props.workload;
  const [message, setMessage] = useState<NoticeState>(null);
  const reassign = useBulkReassign({ people, setMessage });
  return (
    <div className="pb-10">
      <PageHeader
        title="Team"
        description={groups.map((g) => g.name).join(' · ') || 'You supervise no group yet.'}
      />
      <div className="px-6">
        <ReassignForm people={people} groups={groups} reassign={reassign} />
        <LiveNotice notice={message} testId="team-message" />
      </div>
      <AttentionSection tasks={props.tasks} now={now} reassign={reassign} />
      <AtRiskSection groups={groups} />
      <OpenWorkSection now={now} groups={groups} people={people} reassign={reassign} />
      <WorkloadSection people={people} />
      <DigestSettingsSection groups={groups} />
      <FiguresSection initial={props.figures} />
    </div>
  );
}
