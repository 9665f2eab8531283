/** Bodies of the saved-view API (app/api/views). */
import { z } from 'zod';
import { storable } from './text';

/** Longest view name. */
export const MAX_VIEW_NAME = 80;

export const viewName = storable(
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(MAX_VIEW_NAME, `must be at most ${MAX_VIEW_NAME} characters`),
).refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters');

/**
 * A view: its name, with whom it is shared (null: only me), and the inbox state it opens —
 * queue, sort and the inbox's filter parameters (status, priority, due, type, q, cf.<path>.<op>),
 * checked by the inbox's own schema in save-view.ts.
 */
export const saveViewBody = z.object({
  name: viewName,
  groupId: z.uuid('must be a group id').nullable().default(null),
  queue: z.string({ error: 'is required' }).max(100, 'is too long'),
  sort: z.string().max(20, 'is too long').default('due'),
  filters: z
    .record(z.string().max(400, 'is too long'), z.string().max(400, 'is too long'))
    .refine((v) => Object.keys(v).length <= 20, 'has too many filters')
    .default({}),
});
export type SaveViewBody = z.input<typeof saveViewBody>;

export const renameViewBody = z.object({ name: viewName });
