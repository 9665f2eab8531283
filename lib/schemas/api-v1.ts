/**
 * Query strings and bodies of the public task and audit API (app/api/v1/tasks, audit-events):
 * the inbox's own filters (lib/schemas/inbox.ts) plus `onBehalfOf`, the person a token acts for.
 */
import { z } from 'zod';
import { isCalendarDate, MAX_EMAIL_LENGTH } from '../domain/input-limits';
import { isUuid } from '../validation';
import { inboxFilterSchema } from './inbox';
import { storable } from './text';

/** A person by e-mail or user id; whether they exist and are active is the use-case's to say. */
export const onBehalfOfSchema = storable(
  z
    .string({ error: 'is required: the e-mail or id of the person the token acts for' })
    .trim()
    .min(1, 'is required: the e-mail or id of the person the token acts for')
    .max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`),
);

const version = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(2_147_483_647, 'must be a task version');

export const v1ClaimBody = z
  .object({ onBehalfOf: onBehalfOfSchema, version: version.optional() })
  .strict();
export const v1ReleaseBody = z
  .object({
    onBehalfOf: onBehalfOfSchema,
    version: version.optional(),
    reason: z.string().trim().max(500, 'must be at most 500 characters').nullish(),
  })
  .strict();
export const v1CompleteBody = z
  .object({
    onBehalfOf: onBehalfOfSchema,
    outcome: z.string({ error: 'is required' }).min(1, 'is required').max(100),
    data: z.record(z.string(), z.unknown(), { error: 'must be an object' }).default({}),
    version: version.optional(),
  })
  .strict();

/** A task id in the path: a malformed one is a 400 naming `id`, not a query. */
export const taskIdParam = z.string().refine(isUuid, 'must be a task id');

/**
 * GET /api/v1/tasks: the inbox's filters with `queue` defaulting to `all` (a token has no
 * "mine" of its own), and `onBehalfOf` to read as that person.
 */
export function parseTaskSearch(query: Record<string, string>) {
  const { onBehalfOf, ...rest } = query;
  const who = onBehalfOf === undefined ? undefined : onBehalfOfSchema.safeParse(onBehalfOf);
  const filters = inboxFilterSchema.safeParse({ queue: 'all', ...rest });
  const issues = [
    ...(who && !who.success ? who.error.issues.map((i) => ({ ...i, path: ['onBehalfOf'] })) : []),
    ...(filters.success ? [] : filters.error.issues),
  ];
  if (issues.length) throw new z.ZodError(issues);
  return { onBehalfOf: who?.data, filters: filters.data! };
}

/** An instant as ISO 8601 with a time zone (the years PostgreSQL and Date agree on). */
const instant = storable(z.string().max(40))
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
      isCalendarDate(v.slice(0, 10)) &&
      Number(v.slice(11, 13)) < 24 &&
      Number(v.slice(14, 16)) < 60 &&
      !Number.isNaN(Date.parse(v)) &&
      Number(v.slice(0, 4)) >= 1970,
    'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T12:00:00Z',
  )
  .transform((v) => new Date(v));

const wholeNumber = (max: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,16}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(1, message).max(max, message));

/** GET /api/v1/audit-events: filters and the keyset cursor, bounded before they reach SQL. */
/** Longest time window an actor or action filter may search without a case. */
export const MAX_AUDIT_WINDOW_DAYS = 31;

export const v1AuditQuerySchema = z
  .object({
    caseId: z.string().refine(isUuid, 'must be a case id').optional(),
    action: storable(z.string().trim().max(100, 'must be at most 100 characters')).optional(),
    actor: storable(
      z.string().trim().max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`),
    ).optional(),
    from: instant.optional(),
    to: instant.optional(),
    before: wholeNumber(Number.MAX_SAFE_INTEGER, 'must be an event id (nextBefore)').optional(),
    limit: wholeNumber(500, 'must be 1 to 500').default(100),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: 'must be after from',
    path: ['to'],
  })
  .refine(
    (q) =>
      !needsAuditWindow(q) ||
      // A field that failed its own check reaches here unparsed: only dates are compared.
      (q.from instanceof Date &&
        q.to instanceof Date &&
        q.to.getTime() - q.from.getTime() <= MAX_AUDIT_WINDOW_DAYS * 86_400_000),
    {
      message: `is required, with to, at most ${MAX_AUDIT_WINDOW_DAYS} days apart, when filtering by actor or action without caseId`,
      path: ['from'],
    },
  );

/**
 * An actor filter (a substring of the label: no index serves it) or an action prefix without a
 * case would otherwise walk the whole trail, every partition; a bounded [from, to) prunes them.
 */
function needsAuditWindow(q: { caseId?: string; action?: string; actor?: string }): boolean {
  return !q.caseId && Boolean(q.actor || q.action);
}
export type V1AuditQuery = z.infer<typeof v1AuditQuerySchema>;
