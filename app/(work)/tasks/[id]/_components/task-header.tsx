import Link from 'next/link';
import { BackToInbox } from '../../../../_components/back-to-inbox';
import { AtRiskChip, DueChip, type PredictionView } from '../../../../_components/due-chip';
import { DateTime } from '../../../../_components/ui';
import { HandoverNotice } from './handover-notice';
import { SupervisorActions } from './supervisor-actions';
import { TaskClockControls } from './task-clock-controls';
import type { TaskDetail } from './task-views';
import { TASK_TITLE_ID } from './task-title';

/**
 * Back to the inbox, the case and task, due state and who has it; below, why it was routed
 * here and when it is due. One row, so the decision panel starts high on the screen.
 */
export function TaskHeader({
  detail: d,
  viewerId,
  now,
  canReassign = false,
  prediction = null,
}: {
  detail: TaskDetail;
  viewerId: string;
  now: Date;
  /** The viewer supervises the task's group (or is an admin): offer Reassign… and Release…. */
  canReassign?: boolean;
  /** The latest predicted completion (issue 18), shown small beside the due chip. */
  prediction?: PredictionView;
}) {
  const t = d.task.task;
  const open = t.status === 'ready' || t.status === 'claimed';
  return (
    <header className="border-b border-zinc-200 px-6 py-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-3">
        <BackToInbox className="text-sm text-zinc-500 hover:underline dark:text-zinc-400" />
        <h1 id={TASK_TITLE_ID} tabIndex={-1} className="text-lg font-semibold tracking-tight">
          <Link href={`/cases/${d.case.id}`} className="tabular hover:underline">
            {d.case.reference}
          </Link>{' '}
          · {t.name}
        </h1>
        {open ? <DueChip now={now} task={t} /> : null}
        {open ? <AtRiskChip prediction={prediction} detail /> : null}
        {t.escalationLevel > 0 && open ? (
          <span className="text-xs font-medium text-red-700 dark:text-red-300">
            ▲ escalated L{t.escalationLevel}
          </span>
        ) : null}
        <span
          className="ml-auto text-sm text-zinc-600 dark:text-zinc-400"
          data-testid="task-status"
        >
          {t.status}
          {d.task.assigneeName
            ? ` · ${t.assigneeId === viewerId ? 'you' : d.task.assigneeName}`
            : ''}
        </span>
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        <span data-testid="routing-reason">
          {t.routing?.summary ?? 'Routed by the case definition'}
        </span>
        {t.dueAt ? (
          <>
            {' '}
            · due <DateTime value={t.dueAt} />
          </>
        ) : null}
        {d.task.groupName ? ` · ${d.task.groupName}` : ''}
      </p>
      <HandoverNotice taskId={t.id} viewerId={viewerId} />
      {open ? (
        <TaskClockControls
          canPause={t.assigneeId === viewerId || canReassign}
          canExtend={canReassign}
          task={{
            id: t.id,
            version: t.version,
            dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : null,
            slaDueAt: t.slaDueAt ? new Date(t.slaDueAt).toISOString() : null,
            pausedAt: t.pausedAt ? new Date(t.pausedAt).toISOString() : null,
            pauseReason: t.pauseReason,
            pausedForEvent: t.pausedForEvent,
            pausedMinutes: t.pausedMinutes,
          }}
        />
      ) : null}
      {canReassign ? (
        <SupervisorActions
          viewerId={viewerId}
          escalation={{
            id: t.id,
            escalationLevel: t.escalationLevel,
            escalationAcknowledgedAt: t.escalationAcknowledgedAt
              ? new Date(t.escalationAcknowledgedAt).toISOString()
              : null,
            escalationSnoozedUntil: t.escalationSnoozedUntil
              ? new Date(t.escalationSnoozedUntil).toISOString()
              : null,
          }}
          task={{
            id: t.id,
            version: t.version,
            status: t.status,
            assigneeId: t.assigneeId,
            assigneeName: d.task.assigneeName,
            groupId: t.candidateGroupId,
            groupName: d.task.groupName,
          }}
        />
      ) : null}
    </header>
  );
}
