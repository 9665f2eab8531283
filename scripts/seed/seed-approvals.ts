import type { ApprovalRequest } from '../../lib/domain/payout-authority';
import type { CaseSeedContext } from './seed-case';

/** An approval step's request: the senior adjuster's decision above their authority (100,000). */
export function approvalContext(
  stepKey: string,
  kase: { amountCents: number | null },
  requestedTaskId: string | null,
  ctx: CaseSeedContext,
): Record<string, unknown> {
  if (stepKey !== 'supervisor-approval' || !requestedTaskId) return {};
  const cents = kase.amountCents ?? 0;
  const request: ApprovalRequest = {
    requestedCents: cents,
    recommendedCents: cents,
    reason: null,
    requestedBy: { id: ctx.uid('senior@example.com'), name: 'Sam Senior' },
    requestedStepKey: 'senior-review',
    requestedTaskId,
    cause: 'required_by_rule',
    requesterAuthority: {
      maxCents: 100_000_00,
      source: 'group',
      label: 'Senior adjusters',
      limitId: null,
      version: 1,
    },
    group: {
      id: ctx.groupIds.get('claims-supervisors')!,
      name: 'Claims supervisors',
      maxCents: 250_000_00,
    },
    ruleName: ctx.ruleFor('supervisor-approval').name,
  };
  return { approval: request };
}
