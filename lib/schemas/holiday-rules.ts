import { z } from 'zod';
import type { Weekday } from '../domain/holiday-rules';

const name = z
  .string({ error: 'is required' })
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
const month = z
  .number({ error: 'must be a month 1–12' })
  .int('must be a month 1–12')
  .min(1, 'must be a month 1–12')
  .max(12, 'must be a month 1–12');
/** 0 = Sunday … 6 = Saturday, as lib/domain/holiday-rules.ts counts. */
const weekday = z
  .number({ error: 'must be a weekday 0 (Sunday)–6 (Saturday)' })
  .int('must be a weekday 0 (Sunday)–6 (Saturday)')
  .min(0, 'must be a weekday 0 (Sunday)–6 (Saturday)')
  .max(6, 'must be a weekday 0 (Sunday)–6 (Saturday)')
  .transform((w) => w as Weekday);

/** Days in each month of a common year: 29 February would give no holiday three years in four. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const holidayRuleInput = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('fixed'),
        name,
        month,
        day: z
          .number({ error: 'must be a day of the month' })
          .int('must be a day of the month')
          .min(1, 'must be a day of the month')
          .max(31, 'must be a day of the month'),
        observeOnWeekday: z.boolean({ error: 'must be true or false' }).default(false),
      })
      .strict()
      .refine((r) => r.day <= DAYS_IN_MONTH[r.month - 1]!, {
        message: 'is not a day of that month in every year',
        path: ['day'],
      }),
    z
      .object({
        kind: z.literal('nth_weekday'),
        name,
        month,
        weekday,
        n: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
          error: 'must be 1–4',
        }),
      })
      .strict(),
    z.object({ kind: z.literal('last_weekday'), name, month, weekday }).strict(),
  ],
  { error: 'must be fixed, nth_weekday or last_weekday' },
);
export type HolidayRuleInput = z.output<typeof holidayRuleInput>;
