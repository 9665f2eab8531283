/** The audit log's filters (GET /api/audit and the admin page), bounded before they reach SQL. */
import { z } from 'zod';
import { MAX_EMAIL_LENGTH } from '../domain/input-limits';
import { optionalText } from './text';

/** An event id to page before: a positive whole number the bigint id column can compare with. */
const eventId = z
  .number({ error: 'must be an event id' })
  .int('must be an event id')
  .min(1, 'must be an event id')
  .max(Number.MAX_SAFE_INTEGER, 'must be an event id');

/** The filters as the use-case takes them. */
export const auditFiltersSchema = z.object({
  action: optionalText(100),
  actor: optionalText(MAX_EMAIL_LENGTH),
  entityType: optionalText(50),
  signIns: z.boolean().optional(),
  before: eventId.optional(),
  limit: z.number().int('must be a whole number').min(1).max(200).optional(),
});

const wholeNumber = (s: z.ZodNumber) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'must be a whole number')
    .transform(Number)
    .pipe(s);

/** The query string of GET /api/audit: empty parameters count as absent. */
export const auditQuerySchema = z.object({
  action: optionalText(100),
  actor: optionalText(MAX_EMAIL_LENGTH),
  entityType: optionalText(50),
  /** `signIns=1` includes people signing in and out, left out by default. */
  signIns: z
    .enum(['1', '0', 'true', 'false'], { error: 'must be 1 or 0' })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  before: wholeNumber(eventId).optional(),
  limit: wholeNumber(
    z.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200'),
  ).optional(),
});
