/** The team page's list of open work: filters and keyset page (the page, the API and the client share it). */
import { z } from 'zod';
import { optionalText } from './text';

export const teamTaskFilterSchema = z
  .object({
    /** One group the supervisor supervises; all of them when absent. */
    group: z.string().uuid('must be a group id').optional(),
    /** A person's id, or "none" for the unassigned (the group queue). */
    assignee: z.union([z.literal('none'), z.string().uuid('must be a user id or none')]).optional(),
    due: z.enum(['overdue', 'due_soon', 'on_time']).optional(),
    escalated: z.enum(['true']).optional(),
    /** A case reference, or the start of a word of the claimant's name, or a policy number. */
    q: optionalText(100),
    cursor: optionalText(500),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type TeamTaskFilters = z.infer<typeof teamTaskFilterSchema>;
