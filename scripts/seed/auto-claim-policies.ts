import type { DurationSpec, WorkingHours } from '../../lib/domain/business-calendar';
import {
  holidaysForYears,
  type DatedHoliday,
  type HolidayRule,
} from '../../lib/domain/holiday-rules';
import type { RuleAction, RuleCondition } from '../../lib/domain/routing-rule-types';
import type { EscalationLevelSpec, ReminderSpec } from '../../lib/domain/sla';

/** The calendar, SLA policies and routing rules the demo's auto claims run on. */

export const standardCalendar: {
  key: string;
  name: string;
  timeZone: string;
  workingHours: WorkingHours;
  holidayRules: HolidayRule[];
} = {
  key: 'us-east-business',
  name: 'US East business hours',
  timeZone: 'America/New_York',
  workingHours: Object.fromEntries(
    ['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
  ),
  holidayRules: [
    { kind: 'fixed', name: 'New Year’s Day', month: 1, day: 1, observeOnWeekday: true },
    { kind: 'last_weekday', name: 'Memorial Day', month: 5, weekday: 1 },
    { kind: 'fixed', name: 'Independence Day', month: 7, day: 4, observeOnWeekday: true },
    { kind: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 },
    { kind: 'nth_weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, n: 4 },
    { kind: 'fixed', name: 'Christmas Day', month: 12, day: 25, observeOnWeekday: true },
  ],
};

/**
 * The standard calendar's holidays around `now`: the year before (the seeded history reaches
 * back into it in January) through three years ahead.
 */
export function standardHolidays(now: Date): DatedHoliday[] {
  const year = now.getUTCFullYear();
  return holidaysForYears(standardCalendar.holidayRules, year - 1, year + 3);
}

const notifyThenReassign = (hoursAfterDue: number): EscalationLevelSpec[] => [
  { level: 1, after: { amount: 0, unit: 'minutes' }, action: 'notify_supervisor' },
  {
    level: 2,
    after: { amount: hoursAfterDue, unit: 'business_hours' },
    action: 'reassign_to_supervisor',
  },
];

export const slaPolicySeeds: {
  key: string;
  name: string;
  due: DurationSpec;
  reminder: ReminderSpec | null;
  escalations: EscalationLevelSpec[];
}[] = [
  {
    key: 'adjuster-review',
    name: 'Adjuster review: 2 business days',
    due: { amount: 2, unit: 'business_days' },
    reminder: { before: { amount: 4, unit: 'business_hours' } },
    escalations: notifyThenReassign(8),
  },
  {
    key: 'senior-review',
    name: 'Senior review: 2 business days',
    due: { amount: 2, unit: 'business_days' },
    reminder: { before: { amount: 4, unit: 'business_hours' } },
    escalations: notifyThenReassign(8),
  },
  {
    key: 'supervisor-approval',
    name: 'Supervisor approval: 1 business day',
    due: { amount: 1, unit: 'business_days' },
    reminder: { before: { amount: 2, unit: 'business_hours' } },
    escalations: [{ level: 1, after: { amount: 0, unit: 'minutes' }, action: 'notify_supervisor' }],
  },
  {
    key: 'fraud-review',
    name: 'Fraud review: 5 business days',
    due: { amount: 5, unit: 'business_days' },
    reminder: { before: { amount: 8, unit: 'business_hours' } },
    escalations: notifyThenReassign(16),
  },
  {
    key: 'fix-data',
    name: 'Fix claim data: 1 business day',
    due: { amount: 1, unit: 'business_days' },
    reminder: { atPercent: 75 },
    escalations: notifyThenReassign(4),
  },
  {
    key: 'payment-failure',
    name: 'Payment failure: 4 business hours',
    due: { amount: 4, unit: 'business_hours' },
    reminder: { before: { amount: 1, unit: 'business_hours' } },
    escalations: notifyThenReassign(2),
  },
];

export const ruleSeeds: {
  name: string;
  description: string;
  condition: RuleCondition;
  actions: RuleAction[];
}[] = [
  {
    name: 'Fraud score 0.8 or more',
    description: 'Likely fraud goes to Special investigations before any payout.',
    condition: { field: 'fraudScore', op: 'gte', value: 0.8 },
    actions: [
      { type: 'route_to_group', groupKey: 'special-investigations', stepKey: 'fraud-review' },
      { type: 'set_priority', priority: 'high' },
    ],
  },
  {
    name: 'Payout up to 5,000',
    description: 'Small clean claims are approved straight through.',
    condition: { field: 'recommendedPayout', op: 'lte', value: 5000 },
    actions: [{ type: 'straight_through', stepKey: 'issue-payment' }],
  },
  {
    name: 'Payout 5,001–50,000',
    description: 'Standard claims go to the adjusters.',
    condition: { field: 'recommendedPayout', op: 'lte', value: 50000 },
    actions: [{ type: 'route_to_group', groupKey: 'claims-adjusters', stepKey: 'adjuster-review' }],
  },
  {
    name: 'Payout over 50,000',
    description: 'Large claims need a senior adjuster and a supervisor’s approval.',
    condition: { field: 'recommendedPayout', op: 'gt', value: 50000 },
    actions: [
      { type: 'route_to_group', groupKey: 'senior-adjusters', stepKey: 'senior-review' },
      { type: 'set_priority', priority: 'high' },
      { type: 'add_approval_step', stepKey: 'supervisor-approval' },
    ],
  },
];
