import { ON_REASSIGN } from '../domain/sla';
/** Inputs of the SLA policy and business calendar editors (client forms and use-cases alike). */
import { z } from 'zod';
import { clockMinutes, DURATION_UNITS } from '../domain/business-calendar';
import { ESCALATION_ACTIONS, REMINDER_UNITS } from '../domain/sla';

const MAX_LEVELS = 10;

const wholeNumber = (min: 0 | 1) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, min === 1 ? 'must be a positive whole number' : 'must be 0 or more')
    .max(10_000, 'must be at most 10000');
const duration = <U extends readonly [string, ...string[]]>(units: U, minAmount: 0 | 1) =>
  z
    .object({
      amount: wholeNumber(minAmount),
      unit: z.enum(units, { error: `must be one of ${units.join(', ')}` }),
    })
    .strict();

const reminderSchema = z
  .object({
    before: duration(REMINDER_UNITS, 1).optional(),
    atPercent: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 99')
      .max(99, 'must be between 1 and 99')
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.before === undefined) === (r.atPercent === undefined))
      ctx.addIssue({ code: 'custom', message: 'must set either before or atPercent' });
  })
  .transform((r) => (r.before ? { before: r.before } : { atPercent: r.atPercent! }));

const escalationSchema = z
  .object({
    level: z.number({ error: 'must be a number' }).int('must be a whole number'),
    // 0 is allowed: level 1 usually falls at the due time itself.
    after: duration(DURATION_UNITS, 0),
    action: z.enum(ESCALATION_ACTIONS, {
      error: `must be one of ${ESCALATION_ACTIONS.join(', ')}`,
    }),
    groupKey: z.string({ error: 'must be a group key' }).trim().max(100).nullable().optional(),
  })
  .strict();

export const slaPolicyInput = z
  .object({
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(3, 'must be at least 3 characters')
      .max(120, 'must be at most 120 characters')
      .optional(),
    due: duration(DURATION_UNITS, 1),
    reminder: reminderSchema.nullable(),
    onReassign: z
      .enum(ON_REASSIGN, { error: `must be one of ${ON_REASSIGN.join(', ')}` })
      .optional(),
    escalations: z
      .array(escalationSchema, { error: 'must be a list of levels' })
      .max(MAX_LEVELS, `may have at most ${MAX_LEVELS} levels`)
      .superRefine(
        (levels, ctx) => {
          levels.forEach((raw, i) => {
            // Runs even when a level has other errors (see `when`), so elements may be malformed.
            const l = (raw && typeof raw === 'object' ? raw : {}) as Partial<
              Record<'level' | 'action' | 'groupKey', unknown>
            >;
            // The scheduler climbs one level at a time (level + 1), so a gap would end the ladder there.
            if (l.level !== i + 1)
              ctx.addIssue({
                code: 'custom',
                path: [i, 'level'],
                message: `must be ${i + 1}: levels rise by one from 1`,
              });
            if (l.action === 'reassign_to_group' && !l.groupKey)
              ctx.addIssue({
                code: 'custom',
                path: [i, 'groupKey'],
                message: 'is required for reassign_to_group',
              });
          });
        },
        // Report ladder problems together with the other field errors, not one round later.
        { when: (payload) => Array.isArray(payload.value) },
      ),
    /** The version the editor loaded; a different current version is a conflict. */
    version: z.number({ error: 'must be a number' }).int().positive().optional(),
  })
  .strict();

const CLOCK = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const clock = z
  .string({ error: 'must be a time HH:MM' })
  .regex(CLOCK, 'must be a time HH:MM between 00:00 and 24:00');
const interval = z
  .object({ start: clock, end: clock })
  .strict()
  .refine(
    (i) =>
      !CLOCK.test(i.start) || !CLOCK.test(i.end) || clockMinutes(i.end) > clockMinutes(i.start),
    { path: ['end'], message: 'must be after the start' },
  );
const day = z
  .array(interval, { error: 'must be a list of intervals' })
  .max(4, 'may have at most 4 intervals')
  .superRefine((list, ctx) => {
    const order = list
      .map((r, i) => ({ ...r, i }))
      .sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
    for (let k = 1; k < order.length; k++) {
      if (clockMinutes(order[k]!.start) < clockMinutes(order[k - 1]!.end))
        ctx.addIssue({
          code: 'custom',
          path: [order[k]!.i, 'start'],
          message: 'overlaps another interval of the day',
        });
    }
  })
  .optional();

export const calendarInput = z
  .object({
    timeZone: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(64, 'must be at most 64 characters'),
    workingHours: z
      .object(
        { '1': day, '2': day, '3': day, '4': day, '5': day, '6': day, '7': day },
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? 'has weekdays 1 (Monday) to 7 (Sunday) only'
              : 'must map weekdays 1–7 to intervals',
        },
      )
      .strict()
      // Without any working time every deadline computation fails.
      .refine(
        (w) => Object.values(w).some((d) => d && d.length > 0),
        'must have working time on at least one day',
      ),
  })
  .strict();

const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

export const holidayInput = z
  .object({
    day: z
      .string({ error: 'is required' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .refine(isRealDate, 'is not a real date'),
    name: z
      .string({ error: 'is required' })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(100, 'must be at most 100 characters'),
  })
  .strict();
