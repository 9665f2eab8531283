import type { CaseDefinition } from '../../lib/domain/case-definition';

/**
 * The demo process of the product brief: an auto insurance claim. The review steps and the
 * payment-failure step are sticky: the follow-up after an information request (and any later
 * task of the claim in the same group) goes back to the person who handled it, or to the queue
 * while they are away.
 */

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
        // Paying nothing is a denial, not an approval of 0.
        min: 0.01,
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
  // The financial controls (lib/domain/payout-authority.ts): where the figures are, and the
  // step approval tasks open from; its group is replaced by the lowest group whose authority
  // covers the amount.
  payout: {
    recommendedPath: 'recommendedPayout',
    coverageLimitPath: 'coverageLimit',
    deductiblePath: 'deductible',
    approvalStepKey: 'supervisor-approval',
  },
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
      sticky: true,
      outcomes: decisionOutcomes,
    },
    {
      kind: 'human',
      key: 'adjuster-review',
      name: 'Adjuster review',
      candidateGroupKey: 'claims-adjusters',
      slaPolicyKey: 'adjuster-review',
      assignment: 'queue',
      sticky: true,
      outcomes: decisionOutcomes,
    },
    {
      kind: 'human',
      key: 'senior-review',
      name: 'Senior adjuster review',
      candidateGroupKey: 'senior-adjusters',
      slaPolicyKey: 'senior-review',
      assignment: 'queue',
      sticky: true,
      // An approval step follows when the approved amount is above the completer's authority,
      // or when the routing rule demanded one (add_approval_step).
      outcomes: decisionOutcomes,
    },
    {
      kind: 'human',
      key: 'supervisor-approval',
      name: 'Payout approval',
      candidateGroupKey: 'claims-supervisors',
      slaPolicyKey: 'supervisor-approval',
      assignment: 'queue',
      outcomes: [
        {
          key: 'approve',
          label: 'Approve payout',
          fields: [
            {
              name: 'payoutAmount',
              label: 'Payout amount',
              type: 'money',
              required: true,
              min: 0.01,
            },
          ],
          next: 'issue-payment',
        },
        {
          key: 'send_back',
          label: 'Send back to the requester',
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
      sticky: true,
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
