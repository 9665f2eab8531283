import type { DurationSpec, DurationUnit } from '@/lib/domain/business-calendar';
import type { EscalationLevelSpec, ReminderSpec } from '@/lib/domain/sla';
import type { GroupRef } from './policy-row';

export type EscalationAction = EscalationLevelSpec['action'];

export const UNITS: { value: DurationUnit; label: string }[] = [
  { value: 'business_hours', label: 'business hours' },
  { value: 'business_days', label: 'business days' },
  { value: 'hours', label: 'hours (round the clock)' },
  { value: 'minutes', label: 'minutes (round the clock)' },
];
/** Reminders are counted back from the due time, which business days cannot be. */
export const REMINDER_UNITS = UNITS.filter((u) => u.value !== 'business_days');
export const ESCALATION_ACTIONS: { value: EscalationAction; label: string }[] = [
  { value: 'notify_supervisor', label: 'notify the group’s supervisor' },
  { value: 'reassign_to_supervisor', label: 'reassign to the group’s supervisor' },
  { value: 'reassign_to_group', label: 'move to another group’s queue' },
];

const UNIT_WORDS: Record<DurationUnit, [one: string, many: string]> = {
  business_hours: ['business hour', 'business hours'],
  business_days: ['business day', 'business days'],
  hours: ['hour', 'hours'],
  minutes: ['minute', 'minutes'],
};

/** "1 business day", "8 business hours". */
export const spell = (d: DurationSpec) =>
  `${d.amount} ${UNIT_WORDS[d.unit][d.amount === 1 ? 0 : 1]}`;

export const actionLabel = (l: EscalationLevelSpec, groups: GroupRef[]) =>
  l.action === 'reassign_to_group'
    ? `move to the ${groups.find((g) => g.key === l.groupKey)?.name ?? l.groupKey} queue`
    : ESCALATION_ACTIONS.find((a) => a.value === l.action)!.label;

export function describeReminder(r: ReminderSpec | null) {
  if (!r) return 'no reminder';
  return 'atPercent' in r
    ? `reminder at ${r.atPercent}% of the allowed time`
    : `reminder ${spell(r.before)} before due`;
}
