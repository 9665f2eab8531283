/**
 * The values of every PostgreSQL enum, as plain tuples. Dependency-free on purpose: the
 * drizzle schema builds its pgEnums from them, and lib/ (domain, zod schemas, client
 * components through lib/schemas) derives its lists and types from them instead of
 * re-typing the values. Changing a tuple needs a migration.
 */

export const USER_ROLES = ['adjuster', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** open: steps running or human work pending; waiting: parked until an external event or a wait deadline. */
export const CASE_STATUSES = ['open', 'waiting', 'closed', 'cancelled'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Escalation is a level on the task, not a status: an escalated task is still ready or claimed. */
export const TASK_STATUSES = ['ready', 'claimed', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const STEP_KINDS = ['automated', 'human'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_RUN_STATUSES = [
  'pending', // due to run at next_attempt_at
  'running', // claimed by a worker until locked_until
  'succeeded',
  'failed', // last attempt failed; a human task decides (retry or skip)
  'skipped',
] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];

export const ASSIGNMENT_STRATEGIES = ['queue', 'round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/** anonymous: a caller not signed in (failed sign-ins, refused requests); its label is never theirs to choose. */
export const ACTOR_TYPES = ['user', 'token', 'system', 'anonymous'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const NOTIFICATION_KINDS = [
  'reminder',
  'escalation',
  'assignment',
  'mention',
  'info',
  'digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * scheduled: starts at its start time (the scheduler); active: the person is out of office and
 * new work goes to the delegate; ended: over (its end time, or ended early); cancelled: withdrawn
 * before it started.
 */
export const ABSENCE_STATUSES = ['scheduled', 'active', 'ended', 'cancelled'] as const;
export type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];

/** Where a document's bytes are kept: chunks in the database (default), or a shared directory. */
export const DOCUMENT_STORAGES = ['database', 'filesystem'] as const;
export type DocumentStorage = (typeof DOCUMENT_STORAGES)[number];

/** Per group: one notification per escalation (today's behaviour), or a digest per period. */
export const ESCALATION_DELIVERIES = ['immediate', 'digest'] as const;
export type EscalationDelivery = (typeof ESCALATION_DELIVERIES)[number];

/**
 * pending: waiting for its next attempt (next_attempt_at), or taken by a sender until locked_until;
 * delivered: the receiver answered 2xx; dead: the last attempt failed (dead-letter list, replayable).
 */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
