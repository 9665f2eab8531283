/** Request bodies and headers of the route handlers (shared with the client forms that send them). */
import { z } from 'zod';
import { prioritySchema } from './enums';

export const versionBody = z.object({ version: z.number().int().positive().optional() }).strict();
/** A release: the reason is required (by the lifecycle) only when the task is someone else's. */
export const releaseBody = z
  .object({
    version: z.number().int().positive().optional(),
    reason: z.string().trim().max(500, 'must be at most 500 characters').nullish(),
  })
  .strict();
export const reassignBody = z
  .object({
    toUserId: z.string().uuid('must be a user id').nullable(),
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500),
    version: z.number().int().positive().optional(),
  })
  .strict();
export const bulkReassignBody = z
  .object({
    taskIds: z
      .array(z.string().uuid('must be a task id'))
      .min(1, 'must name at least one task')
      .max(200),
    toUserId: z.string().uuid('must be a user id').nullable(),
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500),
    /** The version of each task as the supervisor saw it: a task changed meanwhile is reported, not moved. */
    versions: z
      .record(z.string().uuid('must be a task id'), z.number().int().positive())
      .optional(),
  })
  .strict();
export const commentBody = z
  .object({
    body: z.string().trim().min(1, 'must not be empty').max(5000),
    /** People picked from the mention list, by user id (the text keeps their "@Name"). */
    mentions: z
      .array(z.string().uuid('must be a user id'))
      .max(20, 'must name at most 20 people')
      .optional(),
  })
  .strict();
export const createTokenBody = z
  .object({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(100),
    scopes: z.array(z.string()).min(1, 'must include at least one scope'),
    expiresAt: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO date-time' })
      .nullable()
      .optional(),
  })
  .strict();

export const openCaseBody = z
  .object({
    caseType: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100),
    data: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
    priority: prioritySchema.optional(),
  })
  .strict();
export const caseEventBody = z
  .object({
    type: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100),
    data: z.record(z.string(), z.unknown(), { error: 'must be an object' }).default({}),
  })
  .strict();
export const completeBody = z
  .object({
    outcome: z.string({ error: 'is required' }).min(1, 'is required').max(100),
    data: z.record(z.string(), z.unknown(), { error: 'must be an object' }).default({}),
    version: z.number().int().positive().optional(),
  })
  .strict();
export const idempotencyKeyHeader = z
  .string({ error: 'header is required' })
  .min(1, 'header is required')
  .max(200, 'must be at most 200 characters');
