import { DateTime } from 'luxon';
import { MAX_MONEY } from '../domain/input-limits';
import { BillingError, issuePayment } from './billing-simulator';

export type HandlerContext = { caseReference: string; data: Record<string, unknown>; now: Date };
/** ok: the data to merge into the case. Failure: retryable (transient) or not (the data is wrong). */
export type HandlerResult =
  | { ok: true; patch?: Record<string, unknown>; result?: Record<string, unknown>; summary: string }
  | { ok: false; retryable: boolean; error: string };

export type StepHandler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/** The automated steps of the demo process, by handler name. */
export const stepHandlers: Record<string, StepHandler> = {
  'validate-claim': ({ data, now }) => {
    const problems: string[] = [];
    if (typeof data.policyNumber !== 'string' || !/^POL-\d{6}$/.test(data.policyNumber))
      problems.push('policyNumber is not a valid policy number');
    const incident =
      typeof data.incidentDate === 'string'
        ? DateTime.fromISO(data.incidentDate, { zone: 'UTC' })
        : null;
    if (!incident?.isValid) problems.push('incidentDate is missing or not a date');
    else if (incident.toMillis() > now.getTime()) problems.push('incidentDate is in the future');
    else if (now.getTime() - incident.toMillis() > 366 * 86_400_000)
      problems.push('incidentDate is more than a year ago (outside the reporting window)');
    if (num(data.deductible) > num(data.coverageLimit))
      problems.push('deductible is larger than the coverage limit');
    if (problems.length) return { ok: false, retryable: false, error: problems.join('; ') };
    return { ok: true, result: { valid: true }, summary: 'Claim validated' };
  },
  'calculate-payout': ({ data }) => {
    const estimate = num(data.damageEstimate);
    const deductible = num(data.deductible);
    const limit = num(data.coverageLimit);
    if ([estimate, deductible, limit].some(Number.isNaN))
      return {
        ok: false,
        retryable: false,
        error: 'damageEstimate, deductible and coverageLimit must be numbers',
      };
    // Nothing is payable when the deductible covers the damage. A claims professional closes
    // such a claim without payment after a look (the estimate may be wrong), so it goes to a
    // person through the step's failure task instead of straight through to a payment of 0.
    if (estimate <= deductible)
      return {
        ok: false,
        retryable: false,
        error: `Nothing to pay: the deductible (${deductible.toLocaleString('en-US')}) is at least the damage estimate (${estimate.toLocaleString('en-US')}). Reject the claim, or correct the estimate.`,
      };
    const payout = Math.round(Math.min(estimate - deductible, limit) * 100) / 100;
    return {
      ok: true,
      patch: { recommendedPayout: payout },
      result: { recommendedPayout: payout },
      summary: `Recommended payout calculated: ${payout.toLocaleString('en-US')}`,
    };
  },
  'issue-payment': ({ data, caseReference }) => {
    const amount = num(data.approvedPayout ?? data.recommendedPayout);
    if (Number.isNaN(amount))
      return { ok: false, retryable: false, error: 'No approved payout amount on the case' };
    // A payment is always of something: never 0, negative or beyond the money bound.
    if (amount <= 0 || amount > MAX_MONEY)
      return {
        ok: false,
        retryable: false,
        error: `No payment issued: the amount ${amount.toLocaleString('en-US')} is not between 0.01 and ${MAX_MONEY.toLocaleString('en-US')}.`,
      };
    try {
      const { paymentId } = issuePayment({
        policyNumber: String(data.policyNumber),
        amount,
        reference: caseReference,
      });
      return {
        ok: true,
        patch: { paymentId },
        result: { paymentId, amount },
        summary: `Payment ${paymentId} issued: ${amount.toLocaleString('en-US')}`,
      };
    } catch (e) {
      if (e instanceof BillingError) return { ok: false, retryable: true, error: e.message };
      throw e;
    }
  },
};
