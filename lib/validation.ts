import type { z } from 'zod';
import { MAX_JSON_DEPTH } from './domain/input-limits';
import { DomainError, type FieldErrors } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids in URLs are checked before they reach a uuid column (which would reject them with a 500). */
export const isUuid = (s: string) => UUID.test(s);

/** Zod issues as { "field.path": "problem" }, first problem per field; `prefix` roots the paths (e.g. "data"). */
export function fieldErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly string[] = [],
): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)];
    fields[path.length ? path.join('.') : '(body)'] ??= issue.message;
  }
  return fields;
}

/** The one 400: a lead sentence, then every field and its problem. */
export function validationError(fields: FieldErrors, lead = 'Invalid input'): DomainError {
  return new DomainError(
    'validation',
    `${lead}: ${Object.entries(fields)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
    fields,
  );
}

/** Parses or throws validationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { prefix?: readonly string[]; lead?: string } = {},
): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw validationError(fieldErrorsOf(r.error.issues, options.prefix), options.lead);
}

/**
 * JSON with object keys sorted and undefined members left out: equal values give equal strings.
 * Values nested deeper than MAX_JSON_DEPTH are a 400, never a stack overflow (request bodies are
 * bounded before they get here; this guards every other caller).
 */
export function canonicalJson(v: unknown, depth = 0): string {
  if (depth > MAX_JSON_DEPTH)
    throw validationError({ '(body)': `must not nest deeper than ${MAX_JSON_DEPTH} levels` });
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x, depth + 1)).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map(
        (k) =>
          `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k], depth + 1)}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
