/** The audit actions the case-as-of replay knows (lib/domain/case-as-of.ts). */

/**
 * Actions that change nothing the snapshot shows (a reminder, a queued or retried step, an
 * export, a refused attempt, a request whose task follows in its own event).
 */
export const ACTIONS_WITHOUT_STATE: readonly string[] = [
  'task.reminded',
  'task.reminder_skipped',
  'step.queued',
  'step.skipped',
  'step.retry_scheduled',
  'step.failed',
  'payout.approval_requested',
  'case.evidence_exported',
  'document.uploaded',
  'document.downloaded',
  'auth.refused',
];

export const TASK_MOVES: readonly string[] = [
  'task.claimed',
  'task.released',
  'task.reassigned',
  'task.completed',
  'task.cancelled',
  'task.returned_to_queue',
  'task.escalated',
  // The task clock (task-clock.ts): a resume or an extension moves the due times.
  'task.paused',
  'task.resumed',
  'task.deadline_extended',
];
const CASE_ACTIONS = [
  'case.opened',
  'case.routed',
  'case.waiting',
  'case.resumed',
  'case.information_received_late',
  'case.closed',
  'step.succeeded',
  'payout.approved',
  'task.created',
  'comment.added',
];
/** Every action the replay knows; another action is reported, never silently taken as "no change". */
export const KNOWN_ACTIONS: ReadonlySet<string> = new Set([
  ...ACTIONS_WITHOUT_STATE,
  ...TASK_MOVES,
  ...CASE_ACTIONS,
]);

export function unknownActions(events: readonly { action: string }[]): string[] {
  return [...new Set(events.map((e) => e.action).filter((a) => !KNOWN_ACTIONS.has(a)))];
}
