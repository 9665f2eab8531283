/** Query strings of the paged case timeline and comments (?before=&limit=). */
import { z } from 'zod';

/** Shown on a task or case page before "Show earlier". */
export const HISTORY_PAGE_SIZE = 50;
export const HISTORY_MAX_PAGE = 200;

const limit = z
  .string()
  .regex(/^\d{1,3}$/, `must be 1 to ${HISTORY_MAX_PAGE}`)
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1, `must be 1 to ${HISTORY_MAX_PAGE}`)
      .max(HISTORY_MAX_PAGE, `must be 1 to ${HISTORY_MAX_PAGE}`),
  );

/** ?before=<event id>&limit= — event ids are positive whole numbers within bigint. */
export const timelineQuerySchema = z.object({
  before: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be an event id')
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, 'must be an event id'))
    .optional(),
  limit: limit.optional(),
});

/** ?before=<comment id>&limit= */
export const commentsQuerySchema = z.object({
  before: z.string().uuid('must be a comment id').optional(),
  limit: limit.optional(),
});

/** The query parameters that are present and not empty, for the schemas above. */
export function queryParams(q: URLSearchParams, names: readonly string[]) {
  return Object.fromEntries(
    names.flatMap((n) => {
      const v = q.get(n);
      return v === null || v === '' ? [] : [[n, v]];
    }),
  );
}
