import { jsonNestingExceeds, MAX_JSON_DEPTH, unsafeJsonValues } from '../domain/input-limits';
import { getEnv } from '../env';
import { DomainError } from '../errors';
import { validationError } from '../validation';

/**
 * The media type of the request, without parameters: `application/json; charset=utf-8` is
 * JSON, `text/plain; x=application/json` is not.
 */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** State changes and JSON bodies must say `Content-Type: application/json` (415 otherwise). */
export function assertJsonContentType(req: Request): void {
  if (mediaType(req.headers.get('content-type')) === 'application/json') return;
  throw new DomainError(
    'unsupported_media_type',
    'Send the request body as JSON (Content-Type: application/json).',
    { 'content-type': 'must be application/json' },
  );
}

const tooLarge = (limit: number) =>
  new DomainError(
    'payload_too_large',
    `The request body is larger than the limit of ${limit} bytes.`,
    { '(body)': `must be at most ${limit} bytes` },
  );

/**
 * The body as text, reading at most `limit` bytes: a longer body stops the read with a 413
 * (a Content-Length over the limit is refused before reading; a missing or lying one is caught
 * by counting what arrives).
 */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  return new TextDecoder().decode(await readBodyBytes(req, limit, () => tooLarge(limit)));
}

/**
 * The body's bytes, reading at most `limit`: the read stops and `refuse()` is thrown as soon as
 * more arrive (a missing or lying Content-Length is caught by counting).
 */
export async function readBodyBytes(
  req: Request,
  limit: number,
  refuse: () => Error,
): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw refuse();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON request body within the documented limits: `application/json` (415), at most
 * HANDOFF_MAX_BODY_BYTES (413), nested at most MAX_JSON_DEPTH levels (checked on the text,
 * before parsing), and no text or number anywhere that the database cannot store (400 naming
 * each field). An empty body is `{}`.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  assertJsonContentType(req);
  const text = await readBodyText(req, getEnv().HANDOFF_MAX_BODY_BYTES);
  if (!text.trim()) return {};
  if (jsonNestingExceeds(text, MAX_JSON_DEPTH))
    throw validationError({ '(body)': `must not nest deeper than ${MAX_JSON_DEPTH} levels` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('validation', 'The request body is not valid JSON.', {
      '(body)': 'is not valid JSON',
    });
  }
  const problems = unsafeJsonValues(body);
  if (Object.keys(problems).length) throw validationError(problems);
  return body;
}

/** Query-string and path parameters the database could not store: a 400 naming each one. */
export function assertStorableParams(
  query: URLSearchParams,
  // Next passes no params object on routes without path parameters.
  params: Record<string, unknown> | undefined,
): void {
  const problems: Record<string, string> = {};
  for (const [k, v] of query) Object.assign(problems, unsafeJsonValues({ [k]: v }));
  for (const [k, v] of Object.entries(params ?? {}))
    if (typeof v === 'string') Object.assign(problems, unsafeJsonValues({ [k]: v }));
  if (Object.keys(problems).length) throw validationError(problems, 'Invalid parameters');
}
