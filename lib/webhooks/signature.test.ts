import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeSignature,
  generateWebhookSecret,
  signatureHeader,
  verifyWebhookSignature,
} from './signature';

const secret = 'whsec_test';
const body = '{"id":"e1","type":"task.completed"}';

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "<t>.<body>" in hex', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(computeSignature(secret, 1700000000, body)).toBe(expected);
    expect(signatureHeader([secret], 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, another secret, old and future t', () => {
    const h = signatureHeader([secret], 1000, body);
    expect(verifyWebhookSignature({ header: h, body, secret, nowSeconds: 1000 })).toEqual({
      ok: true,
      timestamp: 1000,
    });
    expect(
      verifyWebhookSignature({ header: h, body: body + ' ', secret, nowSeconds: 1000 }),
    ).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(
      verifyWebhookSignature({ header: h, body, secret: 'whsec_other', nowSeconds: 1000 }).ok,
    ).toBe(false);
    expect(verifyWebhookSignature({ header: h, body, secret, nowSeconds: 1301 })).toEqual({
      ok: false,
      reason: 'too_old',
    });
    expect(verifyWebhookSignature({ header: h, body, secret, nowSeconds: 1300 }).ok).toBe(true);
    expect(verifyWebhookSignature({ header: h, body, secret, nowSeconds: 699 })).toEqual({
      ok: false,
      reason: 'too_new',
    });
  });

  it('accepts any of several v1 values (rotation) and works on raw Buffers', () => {
    const h = signatureHeader(['whsec_old', secret], 50, Buffer.from(body));
    expect(
      verifyWebhookSignature({ header: h, body: Buffer.from(body), secret, nowSeconds: 50 }).ok,
    ).toBe(true);
  });

  it('never throws and refuses malformed headers', () => {
    for (const header of [
      undefined,
      null,
      '',
      't=',
      'v1=ab',
      't=1',
      't=x,v1=00',
      't=1,t=2,v1=' + '0'.repeat(64),
    ])
      expect(verifyWebhookSignature({ header, body, secret, nowSeconds: 1 }).ok).toBe(false);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string(), (header, b) => {
        const r = verifyWebhookSignature({ header, body: b, secret, nowSeconds: 1 });
        expect(r.ok).toBe(false);
      }),
    );
  });

  it('generates distinct whsec_ secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
