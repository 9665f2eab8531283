'use client';

import { Callout, DateTime } from '../../../../_components/ui';
import { handoverFrom } from './handover';
import { useTaskDetailQuery } from './task-detail-query';

/**
 * Tells the person whose task a supervisor released or reassigned, within seconds and while the
 * page is open: by whom, when, where it went and why. Their decision form is gone with it (the
 * page is refreshed by the task watcher), so nothing is decided on work that is not theirs.
 */
export function HandoverNotice({ taskId, viewerId }: { taskId: string; viewerId: string }) {
  const detail = useTaskDetailQuery(taskId).data;
  const h = detail ? handoverFrom(detail.timeline, detail.task.task, viewerId) : null;
  return (
    <div role="status" aria-live="assertive">
      {h ? (
        <Callout tone="error" className="mt-2 border" data-testid="handover-notice">
          <strong>
            {h.byName}{' '}
            {h.kind === 'released'
              ? 'released this task from you'
              : h.toName
                ? `reassigned this task from you to ${h.toName}`
                : 'returned this task from you to the group queue'}
          </strong>{' '}
          at <DateTime value={h.at} />
          {h.reason ? `: ${h.reason.replace(/[.!?]+$/, '')}` : ''}. It is no longer yours
          {h.kind === 'released' ? '; it is back in the group queue' : ''}.
        </Callout>
      ) : null}
    </div>
  );
}
