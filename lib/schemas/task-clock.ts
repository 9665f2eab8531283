/** Bodies of the task clock routes: pause, resume, extend deadline (app/api/tasks/[id]/…). */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { MAX_CLOCK_REASON } from '../domain/task-clock';
import { storable } from './text';

const version = z.number().int().positive().optional();
const reason = storable(
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'must say why')
    .max(MAX_CLOCK_REASON, `must be at most ${MAX_CLOCK_REASON} characters`),
);

export const pauseTaskBody = z
  .object({
    reason,
    /** The case event that restarts the clock when it arrives; null or absent: by hand. */
    resumeOnEvent: z
      .string({ error: 'must be an event name' })
      .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must be a case event name such as information_received')
      .nullish(),
    version,
  })
  .strict();

export const resumeTaskBody = z.object({ version }).strict();

/** An instant with its offset; impossible calendar dates (30 February) are refused. */
const instant = z
  .string({ error: 'must be an ISO date-time' })
  .max(40, 'must be an ISO date-time')
  .datetime({ offset: true, message: 'must be an ISO date-time with an offset' })
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, 'is not a real date and time')
  .transform((s) => new Date(s));

export const extendDeadlineBody = z.object({ dueAt: instant, reason, version }).strict();
