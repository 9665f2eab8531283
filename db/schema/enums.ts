import { pgEnum } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['adjuster', 'supervisor', 'admin']);
export const casePriority = pgEnum('priority', ['low', 'normal', 'high', 'urgent']);
/** open: steps running or human work pending; waiting: parked until an external event or a wait deadline. */
export const caseStatus = pgEnum('case_status', ['open', 'waiting', 'closed', 'cancelled']);
/** escalation is a level on the task, not a status: an escalated task is still ready or claimed. */
export const taskStatus = pgEnum('task_status', ['ready', 'claimed', 'completed', 'cancelled']);
export const stepKind = pgEnum('step_kind', ['automated', 'human']);
export const stepRunStatus = pgEnum('step_run_status', [
  'pending', // due to run at next_attempt_at
  'running', // claimed by a worker until locked_until
  'succeeded',
  'failed', // last attempt failed; a human task decides (retry or skip)
  'skipped',
]);
export const assignmentStrategy = pgEnum('assignment_strategy', [
  'queue',
  'round_robin',
  'least_loaded',
]);
export const actorType = pgEnum('actor_type', ['user', 'token', 'system']);
export const notificationKind = pgEnum('notification_kind', [
  'reminder',
  'escalation',
  'assignment',
  'mention',
  'info',
]);
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed']);
