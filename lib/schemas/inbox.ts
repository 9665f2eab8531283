/** The inbox's query string: queue, filters, sort and page (the page, the API and the client share it). */
import { z } from 'zod';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, searchWords } from '../domain/inbox-search';
import { OPEN_TASK_STATUSES } from '../domain/task-lifecycle';
import { prioritySchema } from './enums';
import { optionalText, storable } from './text';

export const inboxFilterSchema = z.object({
  queue: z
    .string()
    .regex(
      /^(mine|due_today|overdue|escalated|all|group:[0-9a-f-]{36})$/,
      'must be mine, due_today, overdue, escalated, all or group:<id>',
    )
    .default('mine'),
  /** "open" is every status of OPEN_TASK_STATUSES. */
  status: z.enum(['open', ...OPEN_TASK_STATUSES]).optional(),
  priority: prioritySchema.optional(),
  due: z.enum(['overdue', 'due_soon', 'on_time']).optional(),
  type: optionalText(100),
  /** Words matched against reference, claimant and policy number (lib/data/inbox.ts matchesSearch). */
  q: storable(
    z.string().trim().max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`),
  )
    .refine(
      (v) => searchWords(v).length <= MAX_SEARCH_WORDS,
      `must have at most ${MAX_SEARCH_WORDS} words`,
    )
    .optional(),
  sort: z.enum(['due', 'priority', 'age']).default('due'),
  cursor: optionalText(500),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InboxFilters = z.infer<typeof inboxFilterSchema>;
