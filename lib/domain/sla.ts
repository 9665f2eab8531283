import {
  addDuration,
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

export type SlaPolicySpec = {
  due: DurationSpec;
  reminder: ReminderSpec | null;
  escalations: EscalationLevelSpec[];
};

export type TaskDeadlines = { dueAt: Date; remindAt: Date | null; nextEscalationAt: Date | null };

/** Due, reminder and first-escalation times for a task opened at `openedAt`. */
export function computeTaskDeadlines(
  openedAt: Date,
  policy: SlaPolicySpec,
  cal: BusinessCalendar,
): TaskDeadlines {
  const dueAt = addDuration(openedAt, policy.due, cal);
  let remindAt: Date | null = null;
  if (policy.reminder && 'atPercent' in policy.reminder) {
    const pct = Math.min(Math.max(policy.reminder.atPercent, 0), 100) / 100;
    remindAt = new Date(openedAt.getTime() + (dueAt.getTime() - openedAt.getTime()) * pct);
  } else if (policy.reminder) {
    remindAt = subtractDuration(dueAt, policy.reminder.before, cal);
  }
  // A reminder that would fall before the task exists is pointless; one at or after due is too.
  if (
    remindAt &&
    (remindAt.getTime() <= openedAt.getTime() || remindAt.getTime() >= dueAt.getTime())
  )
    remindAt = null;
  return { dueAt, remindAt, nextEscalationAt: escalationTime(dueAt, policy, 1, cal) };
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

/** The inbox's "due soon" filter and the team workload count work due within this window. */
export const DUE_SOON_WINDOW_MS = 4 * 3_600_000;

/** "Due soon" is the last quarter of the allowed time, or the reminder having passed. */
export function dueState(
  now: Date,
  task: { dueAt: Date | null; createdAt: Date; remindAt?: Date | null; remindedAt?: Date | null },
): DueState {
  if (!task.dueAt) return 'none';
  const t = now.getTime();
  const due = task.dueAt.getTime();
  if (t >= due) return 'overdue';
  if (task.remindedAt) return 'due_soon';
  if (task.remindAt && t >= task.remindAt.getTime()) return 'due_soon';
  const span = due - task.createdAt.getTime();
  return due - t <= span / 4 ? 'due_soon' : 'on_time';
}
