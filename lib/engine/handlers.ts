import { DateTime } from 'luxon';
import type { Db } from '../../db/client';
import { MAX_MONEY } from '../domain/input-limits';
import { BillingConflictError, BillingError, issuePayment } from './billing-simulator';

export type HandlerContext = { caseReference: string; data: Record<string, unknown>; now: Date };
/**
 * What a call to another system gets besides the case: the database handle that system writes
 * on (never a transaction), and a key that is the same for every attempt of one step run, so
 * a repeated call (a retry, a takeover after a crash) is answered, not executed again.
 */
export type ExternalHandlerContext = HandlerContext & { db: Db; idempotencyKey: string };
/** ok: the data to merge into the case. Failure: retryable (transient) or not (the data is wrong). */
export type HandlerResult =
  | { ok: true; patch?: Record<string, unknown>; result?: Record<string, unknown>; summary: string }
  | { ok: false; retryable: boolean; error: string };

type Answer = HandlerResult | Promise<HandlerResult>;

/**
 * A local handler only computes from the case, so it runs inline in the engine's transaction.
 * An external one calls another system: the engine only queues it, and the step worker calls it
 * outside any transaction (lib/engine/step-worker.ts).
 */
export type StepHandler =
  | { external: false; run: (ctx: HandlerContext) => Answer }
  | {
      external: true;
      run: (ctx: ExternalHandlerContext) => Answer;
      /** The audit summary when the step is queued ("Payment of 2,500 queued"). */
      queuedSummary: (data: Record<string, unknown>) => string;
      /** When there is nothing to call for, why: the case then closes with `resolution` instead. */
      nothingToDo?: (
        data: Record<string, unknown>,
      ) => { resolution: string; reason: string } | null;
    };

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const money = (n: number) => n.toLocaleString('en-US');
/** What issue-payment pays: the amount a person approved, else the recommendation. */
const amountToPay = (data: Record<string, unknown>) =>
  num(data.approvedPayout ?? data.recommendedPayout);

/** The automated steps of the demo process, by handler name. */
export const stepHandlers: Record<string, StepHandler> = {
  'validate-claim': {
    external: false,
    run: ({ data, now }) => {
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
  },
  'calculate-payout': {
    external: false,
    run: ({ data }) => {
      const estimate = num(data.damageEstimate);
      const deductible = num(data.deductible);
      const limit = num(data.coverageLimit);
      if ([estimate, deductible, limit].some(Number.isNaN))
        return {
          ok: false,
          retryable: false,
          error: 'damageEstimate, deductible and coverageLimit must be numbers',
        };
      // When the deductible covers the damage nothing is payable: the payout is 0, and the
      // case closes as "no payment due" when it reaches the payment step.
      // Never more than the coverage limit less the deductible.
      const payout = Math.round(Math.max(0, Math.min(estimate, limit) - deductible) * 100) / 100;
      return {
        ok: true,
        patch: { recommendedPayout: payout },
        result: { recommendedPayout: payout },
        summary:
          payout === 0
            ? `Recommended payout calculated: 0 (the deductible of ${money(deductible)} covers the damage estimate of ${money(estimate)})`
            : `Recommended payout calculated: ${money(payout)}`,
      };
    },
  },
  'issue-payment': {
    external: true,
    queuedSummary: (data) =>
      Number.isNaN(amountToPay(data))
        ? 'Payment queued (no amount on the case yet)'
        : `Payment of ${money(amountToPay(data))} queued`,
    nothingToDo: (data) =>
      amountToPay(data) === 0
        ? {
            resolution: 'no_payment_due',
            reason: `No payment due: the amount to pay is 0${num(data.deductible) >= num(data.damageEstimate) ? ` (the deductible of ${money(num(data.deductible))} covers the damage estimate of ${money(num(data.damageEstimate))})` : ''}; billing was not called`,
          }
        : null,
    run: async ({ data, caseReference, db, idempotencyKey }) => {
      const amount = amountToPay(data);
      if (Number.isNaN(amount))
        return { ok: false, retryable: false, error: 'No approved payout amount on the case' };
      // A payment is always of something: never 0, negative or beyond the money bound.
      if (amount <= 0 || amount > MAX_MONEY)
        return {
          ok: false,
          retryable: false,
          error: `No payment issued: the amount ${money(amount)} is not between 0.01 and ${money(MAX_MONEY)}.`,
        };
      // The last line of defence: whatever approved it, never more than coverage less deductible.
      const payable = num(data.coverageLimit) - num(data.deductible);
      if (!(amount <= payable))
        return {
          ok: false,
          retryable: false,
          error: `No payment issued: ${money(amount)} is more than the coverage limit less the deductible (${money(payable)}).`,
        };
      try {
        const { paymentId } = await issuePayment(db, {
          idempotencyKey,
          policyNumber: String(data.policyNumber),
          amount,
          reference: caseReference,
        });
        return {
          ok: true,
          patch: { paymentId },
          result: { paymentId, amount },
          summary: `Payment ${paymentId} issued: ${money(amount)}`,
        };
      } catch (e) {
        if (e instanceof BillingError) return { ok: false, retryable: true, error: e.message };
        if (e instanceof BillingConflictError)
          return { ok: false, retryable: false, error: e.message };
        throw e;
      }
    },
  },
};
