/** Predicted breach (issue 18): the team console's "At risk" list, its recompute and its rebalancing. */
import { z } from 'zod';

export const atRiskQuerySchema = z
  .object({
    group: z.string().uuid('must be a group id'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const atRiskRefreshBody = z
  .object({ groupId: z.string().uuid('must be a group id') })
  .strict();

export const atRiskApplyBody = z
  .object({
    groupId: z.string().uuid('must be a group id'),
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500),
    moves: z
      .array(
        z
          .object({
            taskId: z.string().uuid('must be a task id'),
            toUserId: z.string().uuid('must be a user id'),
            version: z.number().int().positive().optional(),
          })
          .strict(),
      )
      .min(1, 'must name at least one move')
      .max(50),
  })
  .strict();
export type AtRiskApply = z.infer<typeof atRiskApplyBody>;
