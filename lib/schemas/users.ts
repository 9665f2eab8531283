/** Inputs of the user and group administration (the admin forms and the use-cases parse the same). */
import { z } from 'zod';
import { MAX_TIME_ZONE_LENGTH, timeZoneProblem } from '../domain/time-zone';
import { USER_ROLES } from './enums';

const roleSchema = z.enum(USER_ROLES, { error: 'must be adjuster, supervisor or admin' });
const groupIdsSchema = z
  .array(z.string().uuid('must be group ids'), { error: 'must be a list of group ids' })
  .max(50, 'may name at most 50 groups');

/** An IANA time zone the server knows (e.g. Europe/Berlin); "Mars/Olympus" is a 400 naming the field. */
export const timeZoneSchema = z
  .string({ error: 'must be an IANA time zone name' })
  .max(MAX_TIME_ZONE_LENGTH, `must be at most ${MAX_TIME_ZONE_LENGTH} characters`)
  .superRefine((zone, ctx) => {
    const problem = timeZoneProblem(zone);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const personName = z
  .string({ error: 'is required' })
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(100, 'must be at most 100 characters');

export const createUserInput = z
  .object({
    name: personName,
    email: z
      .string({ error: 'is required' })
      .trim()
      .toLowerCase()
      .email('must be an e-mail address')
      .max(254, 'must be at most 254 characters'),
    role: roleSchema,
    // bcrypt only reads the first 72 bytes; a longer password would be silently shortened.
    password: z
      .string({ error: 'is required' })
      .min(10, 'must be at least 10 characters')
      .refine((p) => new TextEncoder().encode(p).length <= 72, 'must be at most 72 bytes'),
    groupIds: groupIdsSchema.default([]),
    /** Left out: the creating admin's own time zone. */
    timeZone: timeZoneSchema.optional(),
  })
  .strict();

export const updateUserInput = z
  .object({
    role: roleSchema.optional(),
    groupIds: groupIdsSchema.optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .strict()
  .refine((x) => x.role !== undefined || x.groupIds !== undefined || x.timeZone !== undefined, {
    message: 'must change the role, the groups or the time zone',
  });

export const createGroupInput = z
  .object({
    key: z
      .string({ error: 'is required' })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(50, 'must be at most 50 characters')
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        'must be lowercase letters, digits and single dashes (e.g. claims-east)',
      ),
    name: z
      .string({ error: 'is required' })
      .trim()
      .min(2, 'must be at least 2 characters')
      .max(100, 'must be at most 100 characters'),
  })
  .strict();

export const setSupervisorInput = z
  .object({ supervisorId: z.string({ error: 'is required' }).uuid('must be a user id').nullable() })
  .strict();
