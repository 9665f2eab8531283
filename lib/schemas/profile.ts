/** Inputs of the profile page (a person's own name, time zone and password) and the admin's password reset. */
import { z } from 'zod';
import { SIGN_IN_THROTTLE } from '../domain/sign-in-throttle';
import { personName, timeZoneSchema } from './users';

/** Longer passwords are refused before any bcrypt work (the same bound as sign-in). */
const MAX = SIGN_IN_THROTTLE.maxPasswordLength;
const password = (required = 'is required') =>
  z.string({ error: required }).min(1, required).max(MAX, `must be at most ${MAX} characters`);

export const updateProfileInput = z
  .object({ name: personName.optional(), timeZone: timeZoneSchema.optional() })
  .strict()
  .refine((x) => x.name !== undefined || x.timeZone !== undefined, {
    message: 'must change the name or the time zone',
  });

export const changePasswordInput = z
  .object({
    currentPassword: password('is required: type your current password'),
    newPassword: password(),
    /** What the person typed a second time; when given, it must match. */
    confirmPassword: z.string({ error: 'must be text' }).max(MAX).optional(),
  })
  .strict();

/** Either a password the admin chose or `generate: true` for one made up by the server (shown once). */
export const resetPasswordInput = z
  .object({
    password: password().optional(),
    generate: z.literal(true, { error: 'must be true' }).optional(),
  })
  .strict()
  .superRefine((x, ctx) => {
    if ((x.password === undefined) === (x.generate === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'give a temporary password or generate: true (one of the two)',
      });
  });
