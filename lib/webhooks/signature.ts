/**
 * Signing of outbound events, like Stripe's: the header
 * `Handoff-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Receivers verify over the raw body bytes with `verifyWebhookSignature` (or its few lines
 * copied): constant-time comparison and a replay window (default 300 s) on `t`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Handoff-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: whsec_ + 32 random bytes in base64url. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function signaturePayload(timestamp: number, body: string | Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${timestamp}.`),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);
}

export function computeSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(signaturePayload(timestamp, body)).digest('hex');
}

/** The header value for a body signed at `timestamp` (unix seconds) with each secret given. */
export function signatureHeader(
  secrets: readonly string[],
  timestamp: number,
  body: string | Buffer,
): string {
  return [
    `t=${timestamp}`,
    ...secrets.map((s) => `v1=${computeSignature(s, timestamp, body)}`),
  ].join(',');
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'malformed' | 'too_old' | 'too_new' | 'mismatch' };

/**
 * Verifies a Handoff-Signature header over the raw body: well formed, `t` within
 * `toleranceSeconds` of `nowSeconds`, and one v1 equal (in constant time) to the HMAC.
 * Pure: the clock is a parameter.
 */
export function verifyWebhookSignature(input: {
  header: string | null | undefined;
  body: string | Buffer;
  secret: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): VerifyResult {
  const { header, body, secret } = input;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof header !== 'string' || header.length > 4096) return { ok: false, reason: 'malformed' };
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { ok: false, reason: 'malformed' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== null)
        return { ok: false, reason: 'malformed' };
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (/^[0-9a-f]{64}$/.test(value)) candidates.push(value);
    }
  }
  if (timestamp === null || !candidates.length) return { ok: false, reason: 'malformed' };
  if (timestamp < now - tolerance) return { ok: false, reason: 'too_old' };
  if (timestamp > now + tolerance) return { ok: false, reason: 'too_new' };
  const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  let match = false;
  for (const c of candidates) {
    // Every candidate is compared (no early exit), each in constant time.
    if (timingSafeEqual(expected, Buffer.from(c, 'hex'))) match = true;
  }
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
