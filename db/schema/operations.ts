import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { webhookDeliveryStatus } from './enums';
import { cases, caseTypes } from './cases';
import { tasks } from './tasks';
import { groups, users } from './users';

/**
 * An admin's subscription of a URL to event types (`task.completed`, …), for one case type or
 * all (case_type_id null). The secret signs every delivery (HMAC-SHA256); it is shown to the
 * admin once, and kept here because signing needs it.
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /**
     * After a rotation, the replaced secret signs alongside the new one until this time (a
     * second v1 in the header), so receivers can switch without a gap; null when none.
     */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    eventTypes: text('event_types').array().notNull(),
    caseTypeId: uuid('case_type_id').references(() => caseTypes.id, { onDelete: 'cascade' }),
    active: boolean('active').notNull().default(true),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_subscriptions_active_idx').on(t.active)],
);

/**
 * The outbox: one row per (subscription, event), written in the transaction of the change it
 * announces, sent by the scheduler. `seq` orders one case's deliveries (a later one waits while
 * an earlier one of the same case and subscription is pending); after the last attempt a row is
 * `dead` (the dead-letter list) until an admin replays it.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** The event's id, the same in every subscription's copy: receivers deduplicate on it. */
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('webhook_deliveries_event_uq').on(t.subscriptionId, t.eventId),
    // The sender's scan: pending rows by their next attempt (a set that follows the backlog).
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    // Per-case order: is an earlier delivery of this case and subscription still pending?
    index('webhook_deliveries_case_order_idx')
      .on(t.subscriptionId, t.caseId, t.seq)
      .where(sql`${t.status} = 'pending'`),
    // The dead-letter list, newest first.
    index('webhook_deliveries_dead_idx')
      .on(t.deadAt)
      .where(sql`${t.status} = 'dead'`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);

/**
 * One digest per (group, supervisor, period end): a second scheduler copy cannot send the same
 * period twice. `content` is what the digest listed (escalations, at risk, unassigned due soon,
 * absent people holding work), kept so the digest page shows what was sent.
 */
export const escalationDigests = pgTable(
  'escalation_digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    escalationCount: integer('escalation_count').notNull().default(0),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('escalation_digests_period_uq').on(t.groupId, t.supervisorId, t.periodEnd),
    index('escalation_digests_supervisor_idx').on(t.supervisorId, t.createdAt),
  ],
);

/**
 * Historical time of one step of one case type, from completed tasks (refreshed by the
 * scheduler): work time (claimed → completed) and elapsed time (created → completed), in working
 * minutes of the task's SLA calendar where known.
 */
export const stepDurationStats = pgTable(
  'step_duration_stats',
  {
    caseTypeId: uuid('case_type_id')
      .notNull()
      .references(() => caseTypes.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    sampleCount: integer('sample_count').notNull(),
    workMedianMinutes: doublePrecision('work_median_minutes').notNull(),
    workP90Minutes: doublePrecision('work_p90_minutes').notNull(),
    elapsedMedianMinutes: doublePrecision('elapsed_median_minutes').notNull(),
    elapsedP90Minutes: doublePrecision('elapsed_p90_minutes').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseTypeId, t.stepKey] })],
);

/**
 * The latest prediction for an open task (refreshed by the scheduler, read by the inbox by
 * primary key and by the team console's "At risk" list by group): when it will likely be done,
 * how late that is against its due time (working minutes; positive = late) and the risk.
 */
export const taskPredictions = pgTable(
  'task_predictions',
  {
    taskId: uuid('task_id')
      .primaryKey()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    predictedDoneAt: timestamp('predicted_done_at', { withTimezone: true }).notNull(),
    latenessMinutes: integer('lateness_minutes').notNull(),
    /** Probability-like score in [0, 1] that the task breaches its due time. */
    risk: real('risk').notNull(),
    atRisk: boolean('at_risk').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('task_predictions_group_risk_idx')
      .on(t.groupId, t.latenessMinutes.desc())
      .where(sql`${t.atRisk}`),
  ],
);
