import {
  addBusinessMinutes,
  addDuration,
  businessMinutesBetween,
  subtractDuration,
  type BusinessCalendar,
  type DurationSpec,
} from './business-calendar';

/** Reminders are subtracted from the due time, and business days cannot be subtracted (business-calendar.ts). */
export const REMINDER_UNITS = ['business_hours', 'hours', 'minutes'] as const;
export const ESCALATION_ACTIONS = [
  'notify_supervisor',
  'reassign_to_supervisor',
  'reassign_to_group',
] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export type ReminderSpec = { before: DurationSpec } | { atPercent: number };

export type EscalationLevelSpec = {
  level: number;
  /** Measured from the due time; level 1 is usually { amount: 0, unit: 'minutes' }. */
  after: DurationSpec;
  action: EscalationAction;
  groupKey?: string;
};

/**
 * What a person's reassignment of an escalated task does to its ladder: `restart` (the default)
 * replays the remaining levels from the reassignment, as if the task had fallen due then, so
 * the new holder gets the grace the ladder gives; `stop` ends the ladder there.
 */
export const ON_REASSIGN = ['restart', 'stop'] as const;
export type OnReassign = (typeof ON_REASSIGN)[number];

export type SlaPolicySpec = {
  due: DurationSpec;
  reminder: ReminderSpec | null;
  escalations: EscalationLevelSpec[];
  onReassign?: OnReassign;
};

export type TaskDeadlines = {
  dueAt: Date;
  remindAt: Date | null;
  /** Where "due soon" starts: the reminder point, or without a reminder the last quarter. */
  dueSoonAt: Date;
  nextEscalationAt: Date | null;
};

/** Without a reminder, the last quarter of the allowed (business) time is "due soon". */
const DUE_SOON_SHARE_WITHOUT_REMINDER = 0.75;

/**
 * The instant `share` (0–1) of the way from `openedAt` to `dueAt`, counted in business time on
 * the calendar (a task allowed one business day from Friday 16:00 is 75% through on Monday at
 * 14:00). When no business time lies between them (a wall-clock policy outside working hours),
 * wall-clock time is shared instead.
 */
export function businessShare(
  openedAt: Date,
  dueAt: Date,
  share: number,
  cal: BusinessCalendar,
): Date {
  const pct = Math.min(Math.max(share, 0), 1);
  const span = businessMinutesBetween(openedAt, dueAt, cal);
  if (span <= 0) return new Date(openedAt.getTime() + (dueAt.getTime() - openedAt.getTime()) * pct);
  const at = addBusinessMinutes(openedAt, span * pct, cal);
  return at.getTime() > dueAt.getTime() ? dueAt : at;
}

/** Due, reminder, due-soon and first-escalation times for a task opened at `openedAt`. */
export function computeTaskDeadlines(
  openedAt: Date,
  policy: SlaPolicySpec,
  cal: BusinessCalendar,
): TaskDeadlines {
  const dueAt = addDuration(openedAt, policy.due, cal);
  let point: Date | null = null;
  if (policy.reminder && 'atPercent' in policy.reminder) {
    point = businessShare(openedAt, dueAt, policy.reminder.atPercent / 100, cal);
  } else if (policy.reminder) {
    point = subtractDuration(dueAt, policy.reminder.before, cal);
  }
  // A reminder that would fall before the task exists is pointless; one at or after due is too.
  const remindAt =
    point && point.getTime() > openedAt.getTime() && point.getTime() < dueAt.getTime()
      ? point
      : null;
  // A reminder point before the opening makes the task due soon from the start.
  const dueSoonAt = point
    ? new Date(Math.min(Math.max(point.getTime(), openedAt.getTime()), dueAt.getTime()))
    : businessShare(openedAt, dueAt, DUE_SOON_SHARE_WITHOUT_REMINDER, cal);
  return { dueAt, remindAt, dueSoonAt, nextEscalationAt: escalationTime(dueAt, policy, 1, cal) };
}

/**
 * The reminder a new holder of the task gets: at the task's reminder point while it is ahead;
 * at once when it has passed but the task is not yet due (the new holder has not been told);
 * never for a policy without a reminder, nor for a task already due (escalation takes over).
 */
export function reminderForNewHolder(
  now: Date,
  task: { createdAt: Date; dueAt: Date | null; dueSoonAt: Date | null },
  policy: SlaPolicySpec,
  cal: BusinessCalendar,
): Date | null {
  if (!policy.reminder || !task.dueAt || task.dueAt.getTime() <= now.getTime()) return null;
  const point = task.dueSoonAt ?? computeTaskDeadlines(task.createdAt, policy, cal).dueSoonAt;
  return point.getTime() > now.getTime() ? point : now;
}

/**
 * The next escalation of a task someone reassigned at `now` while it was at `level` (> 0):
 * with `restart`, level N+1 falls its configured delay after the reassignment (the ladder
 * replays from there); with `stop`, never. Null also when the ladder has no further level.
 */
export function escalationAfterReassign(
  now: Date,
  level: number,
  policy: SlaPolicySpec,
  cal: BusinessCalendar,
): Date | null {
  if ((policy.onReassign ?? 'restart') === 'stop') return null;
  return escalationTime(now, policy, level + 1, cal);
}

/** When escalation `level` falls due, or null when the ladder has no such level. */
export function escalationTime(
  dueAt: Date,
  policy: SlaPolicySpec,
  level: number,
  cal: BusinessCalendar,
): Date | null {
  const step = policy.escalations.find((e) => e.level === level);
  return step ? addDuration(dueAt, step.after, cal) : null;
}

export type DueState = 'on_time' | 'due_soon' | 'overdue' | 'none';

/**
 * The one definition of urgency, shared by the chips, the queue counts and the filters
 * (lib/data/inbox.ts says the same in SQL): overdue from the due time on; due soon from the
 * task's stored due-soon point (its SLA reminder point in business time, or without a
 * reminder the last quarter of its business time) until due; on time before. A task without
 * a due-soon point (a row older than the column) is on time until it is overdue.
 */
export function dueState(
  now: Date,
  task: { dueAt: Date | null; dueSoonAt: Date | null },
): DueState {
  if (!task.dueAt) return 'none';
  const t = now.getTime();
  if (t >= task.dueAt.getTime()) return 'overdue';
  return task.dueSoonAt && t >= task.dueSoonAt.getTime() ? 'due_soon' : 'on_time';
}
