import { NextResponse } from 'next/server';
import { ZodError, type ZodType } from 'zod';
import { DomainError } from '../errors';
import { fieldErrorsOf, validationError } from '../validation';
import { errorFields, log } from '../log';
import { readJsonBody } from './json-body';

export function json(data: unknown, status = 200, headers?: Record<string, string>) {
  return NextResponse.json(data, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** Maps any thrown value to the one error shape: { error: { code, message, fields? } }. */
export function errorResponse(e: unknown): NextResponse {
  if (e instanceof DomainError) {
    const { tokenId: _hidden, ...rest } = e.details ?? {};
    // A 503 that knows when to come back says so the standard way too (e.g. a busy upload slot).
    const retry =
      typeof rest.retryAfter === 'number' ? { 'retry-after': String(rest.retryAfter) } : undefined;
    return json(new DomainError(e.code, e.message, e.fields, rest).toJSON(), e.status, retry);
  }
  if (e instanceof ZodError) {
    const v = validationError(fieldErrorsOf(e.issues));
    return json(v.toJSON(), v.status);
  }
  log.error('unhandled error in request', errorFields(e));
  return json(
    {
      error: {
        code: 'internal',
        message: 'Something went wrong on our side. It has been logged; try again.',
      },
    },
    500,
  );
}

/**
 * Reads and validates a JSON body: wrong media type 415, too large 413, bad JSON, nesting,
 * unstorable text or a schema mismatch 400 naming the fields (see readJsonBody).
 */
export async function parseJson<T>(req: Request, schema: ZodType<T>): Promise<T> {
  const body = await readJsonBody(req);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}
