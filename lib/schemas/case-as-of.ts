/** The query string of the case as of a moment (GET /api/cases/:id/as-of). */
import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * An instant with its offset (`2026-11-20T14:30:00Z`, `…+01:00`): a real calendar date and time
 * (no 30 February), years 2000 to 9999, so it always fits a timestamptz.
 */
const INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = z
  .string()
  .max(40, 'must be an ISO date-time with an offset, e.g. 2026-11-20T14:30:00Z')
  .regex(INSTANT, 'must be an ISO date-time with an offset, e.g. 2026-11-20T14:30:00Z')
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, 'is not a real date and time')
  .refine((s) => Number(s.slice(0, 4)) >= 2000, 'must be in the years 2000 to 9999')
  .transform((s) => DateTime.fromISO(s, { setZone: true }).toJSDate());

/** An audit event id: a positive whole number the bigint column can compare with. */
const eventId = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be an event id')
  .transform(Number)
  .pipe(z.number().max(Number.MAX_SAFE_INTEGER, 'must be an event id'));

export type MomentQuery = { at: Date } | { eventId: number };
export type AsOfQuery =
  { mode: 'view'; moment: MomentQuery } | { mode: 'compare'; from: MomentQuery; to: MomentQuery };

const querySchema = z
  .object({
    at: instant.optional(),
    event: eventId.optional(),
    from: instant.optional(),
    to: instant.optional(),
    fromEvent: eventId.optional(),
    toEvent: eventId.optional(),
  })
  .superRefine((q, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const view = q.at !== undefined || q.event !== undefined;
    const from = q.from !== undefined || q.fromEvent !== undefined;
    const to = q.to !== undefined || q.toEvent !== undefined;
    if (q.at !== undefined && q.event !== undefined) problem('event', 'cannot be given with at');
    if (q.from !== undefined && q.fromEvent !== undefined)
      problem('fromEvent', 'cannot be given with from');
    if (q.to !== undefined && q.toEvent !== undefined)
      problem('toEvent', 'cannot be given with to');
    if (view && (from || to)) problem('at', 'cannot be given with from and to (a comparison)');
    else if (from && !to) problem('to', 'is required with from');
    else if (to && !from) problem('from', 'is required with to');
    else if (!view && !from) problem('at', 'is required (or event, or from and to)');
  });

/** The parameters that are present and not empty, parsed into one view or one comparison. */
export const asOfQuerySchema = querySchema.transform((v): AsOfQuery => {
  const moment = (at: Date | undefined, id: number | undefined): MomentQuery =>
    at ? { at } : { eventId: id! };
  if (v.at !== undefined || v.event !== undefined)
    return { mode: 'view', moment: moment(v.at, v.event) };
  return { mode: 'compare', from: moment(v.from, v.fromEvent), to: moment(v.to, v.toEvent) };
});

export const AS_OF_PARAMS = ['at', 'event', 'from', 'to', 'fromEvent', 'toEvent'] as const;
