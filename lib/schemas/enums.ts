/**
 * The enum lists of the database (db/schema/enum-values.ts) and their zod schemas, for
 * server and client code alike: this file imports nothing server-only.
 */
import { z } from 'zod';
import {
  ASSIGNMENT_STRATEGIES,
  CASE_STATUSES,
  NOTIFICATION_KINDS,
  PRIORITIES,
  TASK_STATUSES,
  USER_ROLES,
} from '../../db/schema/enum-values';

export {
  ACTOR_TYPES,
  ASSIGNMENT_STRATEGIES,
  CASE_STATUSES,
  NOTIFICATION_KINDS,
  OUTBOX_STATUSES,
  PRIORITIES,
  STEP_KINDS,
  STEP_RUN_STATUSES,
  TASK_STATUSES,
  USER_ROLES,
  type ActorType,
  type AssignmentStrategy,
  type CaseStatus,
  type NotificationKind,
  type OutboxStatus,
  type Priority,
  type StepKind,
  type StepRunStatus,
  type TaskStatus,
  type UserRole,
} from '../../db/schema/enum-values';

export const userRoleSchema = z.enum(USER_ROLES);
export const prioritySchema = z.enum(PRIORITIES);
export const caseStatusSchema = z.enum(CASE_STATUSES);
export const taskStatusSchema = z.enum(TASK_STATUSES);
export const assignmentStrategySchema = z.enum(ASSIGNMENT_STRATEGIES);
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
