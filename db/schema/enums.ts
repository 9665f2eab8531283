import { pgEnum } from 'drizzle-orm/pg-core';
import {
  ABSENCE_STATUSES,
  ACTOR_TYPES,
  ASSIGNMENT_STRATEGIES,
  CASE_STATUSES,
  DOCUMENT_STORAGES,
  ESCALATION_DELIVERIES,
  NOTIFICATION_KINDS,
  OUTBOX_STATUSES,
  PRIORITIES,
  STEP_KINDS,
  STEP_RUN_STATUSES,
  TASK_STATUSES,
  USER_ROLES,
  WEBHOOK_DELIVERY_STATUSES,
} from './enum-values';

export const userRole = pgEnum('user_role', USER_ROLES);
export const casePriority = pgEnum('priority', PRIORITIES);
export const caseStatus = pgEnum('case_status', CASE_STATUSES);
export const taskStatus = pgEnum('task_status', TASK_STATUSES);
export const stepKind = pgEnum('step_kind', STEP_KINDS);
export const stepRunStatus = pgEnum('step_run_status', STEP_RUN_STATUSES);
export const assignmentStrategy = pgEnum('assignment_strategy', ASSIGNMENT_STRATEGIES);
export const actorType = pgEnum('actor_type', ACTOR_TYPES);
export const notificationKind = pgEnum('notification_kind', NOTIFICATION_KINDS);
export const outboxStatus = pgEnum('outbox_status', OUTBOX_STATUSES);
export const absenceStatus = pgEnum('absence_status', ABSENCE_STATUSES);
export const documentStorage = pgEnum('document_storage', DOCUMENT_STORAGES);
export const escalationDelivery = pgEnum('escalation_delivery', ESCALATION_DELIVERIES);
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', WEBHOOK_DELIVERY_STATUSES);
