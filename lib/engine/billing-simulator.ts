import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { billingSimulatorPayments } from '../../db/schema';

/**
 * A stand-in for the billing system that issues payments. It keeps its own ledger
 * (billing_simulator_payments) and honours idempotency keys as a real payment API does: the
 * same key always answers the same payment and never pays twice. It fails on demand:
 * - policies whose number starts with "POL-9" belong to accounts billing has suspended: every call fails;
 * - `failNextPayments(n)` makes the next n calls of this process fail (tests, demos of a recovering outage).
 *
 * The ledger shares Handoff's database only because this is a simulator. It stands for another
 * system, so it is written on the handle it is given and refuses a transaction handle: a payment
 * must never be made, or rolled back, as part of Handoff's own transaction.
 */
let failuresToInject = 0;

export function failNextPayments(n: number): void {
  failuresToInject = n;
}

/** Billing refused or was unavailable; nothing was paid, and the same call may succeed later. */
export class BillingError extends Error {}

/** The idempotency key was used before for another payment (HTTP 422 in a real API): never retried. */
export class BillingConflictError extends Error {}

export type PaymentRequest = {
  idempotencyKey: string;
  policyNumber: string;
  /** In currency units (e.g. 2500.5); the ledger keeps whole cents. */
  amount: number;
  reference: string;
};

export async function issuePayment(
  db: Db,
  input: PaymentRequest,
): Promise<{ paymentId: string; replayed: boolean }> {
  if (db instanceof PgTransaction)
    throw new Error('The billing system is another system: never call it inside a transaction');
  if (input.policyNumber.startsWith('POL-9'))
    throw new BillingError('Billing system answered 403: policy account suspended');
  if (failuresToInject > 0) {
    failuresToInject--;
    throw new BillingError('Billing system answered 503 Service Unavailable');
  }
  const amountCents = Math.round(input.amount * 100);
  // Derived from the key, so a replay and a concurrent duplicate name the same payment.
  const paymentId = `PAY-${input.reference}-${createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 12).toUpperCase()}`;
  const inserted = await db
    .insert(billingSimulatorPayments)
    .values({
      idempotencyKey: input.idempotencyKey,
      paymentId,
      policyNumber: input.policyNumber,
      reference: input.reference,
      amountCents,
    })
    .onConflictDoNothing({ target: billingSimulatorPayments.idempotencyKey })
    .returning({ paymentId: billingSimulatorPayments.paymentId });
  if (inserted.length) return { paymentId: inserted[0]!.paymentId, replayed: false };
  const [earlier] = await db
    .select()
    .from(billingSimulatorPayments)
    .where(eq(billingSimulatorPayments.idempotencyKey, input.idempotencyKey));
  if (
    !earlier ||
    earlier.amountCents !== amountCents ||
    earlier.policyNumber !== input.policyNumber ||
    earlier.reference !== input.reference
  )
    throw new BillingConflictError(
      'Billing system answered 422: this idempotency key was already used for a different payment',
    );
  return { paymentId: earlier.paymentId, replayed: true };
}

/** The simulator's ledger for one case reference (tests and demos: what was really paid). */
export async function listSimulatedPayments(db: Db, reference: string) {
  return db
    .select()
    .from(billingSimulatorPayments)
    .where(eq(billingSimulatorPayments.reference, reference))
    .orderBy(billingSimulatorPayments.createdAt);
}

export async function countSimulatedPayments(db: Db, reference: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(billingSimulatorPayments)
    .where(eq(billingSimulatorPayments.reference, reference));
  return row?.n ?? 0;
}
