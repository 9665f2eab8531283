import { z } from 'zod';
import { MAX_ABSENCE_NOTE_LENGTH } from '../domain/absences';

/** When: a date (YYYY-MM-DD) or an exact instant; the domain checks that it exists and fits. */
const when = z.string({ error: 'is required' }).max(40, 'must be a date (YYYY-MM-DD)');

export const scheduleAbsenceBody = z
  .object({
    userId: z.string().uuid('must be a user id').optional(),
    startsAt: when,
    endsAt: when,
    delegateId: z.string().uuid('must be a user id').nullable().default(null),
    handOver: z.boolean().default(false),
    note: z
      .string()
      .max(MAX_ABSENCE_NOTE_LENGTH, `must be at most ${MAX_ABSENCE_NOTE_LENGTH} characters`)
      .nullable()
      .optional(),
  })
  .strict();

export const absenceActionBody = z.object({ action: z.literal('end_now') }).strict();
