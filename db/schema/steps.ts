import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { stepRunStatus } from './enums';
import { cases } from './cases';

/** One row per execution of an automated step of a case (a retry is another attempt on the same row). */
export const stepRuns = pgTable(
  'step_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    handler: text('handler').notNull(),
    status: stepRunStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A worker that dies mid-run loses its claim when this passes. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Names the worker's current lease: a worker whose lease was taken over cannot record a result. */
    leaseToken: uuid('lease_token'),
    lastError: text('last_error'),
    result: jsonb('result').$type<Record<string, unknown> | null>(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('step_runs_case_idx').on(t.caseId, t.createdAt),
    index('step_runs_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'running')`),
    index('step_runs_lease_idx')
      .on(t.lockedUntil)
      .where(sql`${t.status} = 'running'`),
  ],
);

/**
 * The simulated billing system's own ledger (another system in real life: it shares the
 * database only because it is a simulator, and is written outside Handoff's transactions).
 * One row per idempotency key: the same key never pays twice.
 */
export const billingSimulatorPayments = pgTable('billing_simulator_payments', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  paymentId: text('payment_id').notNull().unique(),
  policyNumber: text('policy_number').notNull(),
  reference: text('reference').notNull(),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
