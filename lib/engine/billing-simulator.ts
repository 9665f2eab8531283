/**
 * A stand-in for the billing system that issues payments. It fails on demand:
 * - policies whose number starts with "POL-9" belong to accounts billing has suspended: every call fails;
 * - `failNextPayments(n)` makes the next n calls fail (tests, demos of a recovering outage).
 * State lives in this process only, which is what a simulator needs.
 */
let failuresToInject = 0;

export function failNextPayments(n: number): void {
  failuresToInject = n;
}

export class BillingError extends Error {}

export function issuePayment(input: { policyNumber: string; amount: number; reference: string }): {
  paymentId: string;
} {
  if (input.policyNumber.startsWith('POL-9'))
    throw new BillingError('Billing system answered 403: policy account suspended');
  if (failuresToInject > 0) {
    failuresToInject--;
    throw new BillingError('Billing system answered 503 Service Unavailable');
  }
  return { paymentId: `PAY-${input.reference}-${Math.round(input.amount * 100)}` };
}
