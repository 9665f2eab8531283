import type { CaseDefinition } from '../../lib/domain/case-definition';
import type { RuleAction, RuleCondition } from '../../lib/domain/routing-rule-types';
import type { DurationSpec, WorkingHours } from '../../lib/domain/business-calendar';
import type { EscalationLevelSpec, ReminderSpec } from '../../lib/domain/sla';

/** The demo process of the product brief: an auto insurance claim. */

const decisionOutcomes = [
  {
    key: 'approve',
    label: 'Approve',
    fields: [
      {
        name: 'payoutAmount',
        label: 'Payout amount',
        type: 'money' as const,
        required: true,
        min: 0,
      },
    ],
    next: 'issue-payment',
  },
  {
    key: 'deny',
    label: 'Deny',
    fields: [{ name: 'reason', label: 'Reason', type: 'text' as const, required: true }],
    next: null,
    resolution: 'denied',
  },
  {
    key: 'request_information',
    label: 'Request information',
    fields: [
      {
        name: 'question',
        label: 'Question for the claimant',
        type: 'text' as const,
        required: true,
      },
    ],
    waitForEvent: { eventType: 'information_received', timeoutBusinessHours: 40 },
  },
];

export const autoClaimDefinition: CaseDefinition = {
  referencePrefix: 'CLM',
  display: { titlePath: 'claimant.name', amountPath: 'recommendedPayout' },
  fields: [
    {
      path: 'policyNumber',
      label: 'Policy number',
      type: 'string',
      required: true,
      pattern: '^POL-\\d{6}$',
    },
    { path: 'claimant.name', label: 'Claimant', type: 'string', required: true },
    { path: 'claimant.email', label: 'Claimant e-mail', type: 'email', required: true },
    { path: 'incidentDate', label: 'Incident date', type: 'date', required: true },
    { path: 'damageEstimate', label: 'Damage estimate', type: 'money', required: true, min: 0 },
    { path: 'deductible', label: 'Deductible', type: 'money', required: true, min: 0 },
    { path: 'coverageLimit', label: 'Coverage limit', type: 'money', required: true, min: 0 },
    { path: 'fraudScore', label: 'Fraud score', type: 'number', required: true, min: 0, max: 1 },
    { path: 'recommendedPayout', label: 'Recommended payout', type: 'money', computed: true },
  ],
  firstStep: 'validate-claim',
  steps: [
    {
      kind: 'automated',
      key: 'validate-claim',
      name: 'Validate claim',
      handler: 'validate-claim',
      retry: { maxAttempts: 3, baseDelaySeconds: 30, maxDelaySeconds: 600 },
      onFailure: 'fix-claim-data',
      next: 'calculate-payout',
    },
    {
      kind: 'human',
      key: 'fix-claim-data',
      name: 'Fix claim data',
      candidateGroupKey: 'claims-intake',
      slaPolicyKey: 'fix-data',
      assignment: 'queue',
      outcomes: [
        { key: 'corrected', label: 'Data corrected', fields: [], next: 'validate-claim' },
        {
          key: 'reject',
          label: 'Reject claim',
          fields: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
          next: null,
          resolution: 'rejected',
        },
      ],
    },
    {
      kind: 'automated',
      key: 'calculate-payout',
      name: 'Calculate recommended payout',
      handler: 'calculate-payout',
      retry: { maxAttempts: 3, baseDelaySeconds: 30, maxDelaySeconds: 600 },
      onFailure: 'fix-claim-data',
      next: 'route-claim',
    },
    { kind: 'routing', key: 'route-claim', name: 'Route claim', defaultStep: 'adjuster-review' },
    {
      kind: 'human',
      key: 'fraud-review',
      name: 'Fraud review',
      candidateGroupKey: 'special-investigations',
      slaPolicyKey: 'fraud-review',
      assignment: 'queue',
      outcomes: decisionOutcomes,
    },
    {
      kind: 'human',
      key: 'adjuster-review',
      name: 'Adjuster review',
      candidateGroupKey: 'claims-adjusters',
      slaPolicyKey: 'adjuster-review',
      assignment: 'queue',
      outcomes: decisionOutcomes,
    },
    {
      kind: 'human',
      key: 'senior-review',
      name: 'Senior adjuster review',
      candidateGroupKey: 'senior-adjusters',
      slaPolicyKey: 'senior-review',
      assignment: 'queue',
      // The supervisor approval of large payouts is added by the routing rule (add_approval_step).
      outcomes: decisionOutcomes,
    },
    {
      kind: 'human',
      key: 'supervisor-approval',
      name: 'Supervisor approval',
      candidateGroupKey: 'claims-supervisors',
      slaPolicyKey: 'supervisor-approval',
      assignment: 'queue',
      outcomes: [
        {
          key: 'approve',
          label: 'Approve payout',
          fields: [
            { name: 'payoutAmount', label: 'Payout amount', type: 'money', required: true, min: 0 },
          ],
          next: 'issue-payment',
        },
        {
          key: 'send_back',
          label: 'Send back to senior adjuster',
          fields: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
          next: 'senior-review',
        },
        {
          key: 'deny',
          label: 'Deny',
          fields: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
          next: null,
          resolution: 'denied',
        },
      ],
    },
    {
      kind: 'automated',
      key: 'issue-payment',
      name: 'Issue payment',
      handler: 'issue-payment',
      retry: { maxAttempts: 5, baseDelaySeconds: 60, maxDelaySeconds: 3600 },
      onFailure: 'resolve-payment-failure',
      next: null,
      resolution: 'approved',
    },
    {
      kind: 'human',
      key: 'resolve-payment-failure',
      name: 'Resolve payment failure',
      candidateGroupKey: 'claims-adjusters',
      slaPolicyKey: 'payment-failure',
      assignment: 'queue',
      outcomes: [
        { key: 'retry', label: 'Retry payment', fields: [], next: 'issue-payment' },
        {
          key: 'skip',
          label: 'Mark paid outside Handoff',
          fields: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
          next: null,
          resolution: 'approved',
        },
      ],
    },
  ],
};

export const standardCalendar: {
  key: string;
  name: string;
  timeZone: string;
  workingHours: WorkingHours;
  holidays: [string, string][];
} = {
  key: 'us-east-business',
  name: 'US East business hours',
  timeZone: 'America/New_York',
  workingHours: Object.fromEntries(
    ['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
  ),
  holidays: [
    ['2026-01-01', 'New Year’s Day'],
    ['2026-05-25', 'Memorial Day'],
    ['2026-07-03', 'Independence Day (observed)'],
    ['2026-09-07', 'Labor Day'],
    ['2026-11-26', 'Thanksgiving Day'],
    ['2026-12-25', 'Christmas Day'],
    ['2027-01-01', 'New Year’s Day'],
    ['2027-05-31', 'Memorial Day'],
    ['2027-07-05', 'Independence Day (observed)'],
    ['2027-09-06', 'Labor Day'],
    ['2027-11-25', 'Thanksgiving Day'],
    ['2027-12-24', 'Christmas Day (observed)'],
  ],
};

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
