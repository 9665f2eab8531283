import { DateTime } from 'luxon';
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
    const payout = Math.max(0, Math.min(estimate - deductible, limit));
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
