/**
 * Text that can be stored: no NUL character, no unpaired surrogate, a bounded length. For
 * input that does not arrive as a JSON body (query strings, sign-in forms), where the body
 * reader's check (lib/http/json-body.ts) does not run.
 */
import { z } from 'zod';
import { MAX_EMAIL_LENGTH, textProblem } from '../domain/input-limits';

/** Adds the storable-text check to a string schema: `storable(z.string().max(100))`. */
export function storable<S extends z.ZodString>(schema: S): S {
  return schema.superRefine((v, ctx) => {
    const p = textProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });
}

/** Optional storable text of at most `max` characters, trimmed. */
export const optionalText = (max: number) =>
  storable(z.string().trim().max(max, `must be at most ${max} characters`)).optional();

/**
 * The e-mail typed at sign-in: trimmed, lower-cased, at most 254 characters, storable. Not an
 * e-mail format check: a mistyped address is a failed sign-in like any other.
 */
export const signInEmail = storable(
  z
    .string({ error: 'is required' })
    .trim()
    .toLowerCase()
    .max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`),
);
