import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { assertSessionSecret, resetEnvCache } from '../../lib/env';
import { proxy } from '../../proxy';
import { sessionCookie } from '../helpers/http';

/** A request as `next start` hands it to the proxy (see same-origin.test.ts). */
function pageRequest(path: string, headers: Record<string, string> = {}) {
  const h = { host: '127.0.0.1:3000', ...headers };
  h['x-forwarded-host' as keyof typeof h] ??= h.host;
  h['x-forwarded-proto' as keyof typeof h] ??= 'http';
  return new NextRequest(`http://localhost:3000${path}`, { headers: h });
}
const signedIn = () =>
  sessionCookie({
    id: '00000000-0000-4000-8000-000000000001',
    email: 'a@example.com',
    name: 'A',
    role: 'adjuster',
  });

const env = process.env as Record<string, string | undefined>;
afterEach(() => {
  delete env.HANDOFF_TRUSTED_PROXIES;
  resetEnvCache();
});

describe('proxy.ts', () => {
  it('sends a signed-out visitor to sign-in at the address they used, not at localhost', async () => {
    const res = await proxy(pageRequest('/tasks/abc?x=1'));
    expect(res.status).toBe(307);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe('http://127.0.0.1:3000');
    expect(to.pathname).toBe('/signin');
    expect(to.searchParams.get('callbackUrl')).toBe('/tasks/abc?x=1');
  });

  it('lets the sign-in page through without a session', async () => {
    const res = await proxy(pageRequest('/signin'));
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('gives every page a policy with a fresh nonce, no unsafe-eval or unsafe-inline scripts, and no framing', async () => {
    const cookie = await signedIn();
    const a = await proxy(pageRequest('/inbox', { cookie }));
    const b = await proxy(pageRequest('/inbox', { cookie }));
    const csp = a.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'(;|$)/);
    expect(csp).not.toContain('unsafe-eval');
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(b.headers.get('content-security-policy')).not.toBe(csp);
    // Next.js renders with the request's copy of the policy and puts its nonce on the scripts.
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
  });

  it('API responses load nothing and are never framed', async () => {
    const res = await proxy(pageRequest('/api/inbox'));
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get('location')).toBeNull();
  });

  it('sends HSTS only over HTTPS that a trusted proxy reports, never for a client-sent header', async () => {
    const cookie = await signedIn();
    const plain = await proxy(pageRequest('/inbox', { cookie }));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const forged = await proxy(pageRequest('/inbox', { cookie, 'x-forwarded-proto': 'https' }));
    expect(forged.headers.get('strict-transport-security')).toBeNull();

    env.HANDOFF_TRUSTED_PROXIES = '1';
    resetEnvCache();
    const proxied = await proxy(
      pageRequest('/inbox', {
        cookie,
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'handoff.example.com',
      }),
    );
    expect(proxied.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(proxied.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    const api = await proxy(pageRequest('/api/inbox', { 'x-forwarded-proto': 'https' }));
    expect(api.headers.get('strict-transport-security')).toBe('max-age=31536000');
    // Signed out behind the proxy: back to sign-in at the public host, over HTTPS.
    const out = await proxy(
      pageRequest('/inbox', {
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'handoff.example.com',
      }),
    );
    expect(new URL(out.headers.get('location')!).origin).toBe('https://handoff.example.com');
  });
});

describe('NEXTAUTH_SECRET in production', () => {
  const saved = { NODE_ENV: env.NODE_ENV, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET };
  afterEach(() => {
    env.NODE_ENV = saved.NODE_ENV;
    env.NEXTAUTH_SECRET = saved.NEXTAUTH_SECRET;
    resetEnvCache();
  });

  it('a production start without it stops with a message that says what to do', () => {
    env.NODE_ENV = 'production';
    delete env.NEXTAUTH_SECRET;
    resetEnvCache();
    expect(() => assertSessionSecret()).toThrow(/NEXTAUTH_SECRET is not set.*npm start/s);
    env.NEXTAUTH_SECRET = '';
    resetEnvCache();
    expect(() => assertSessionSecret()).toThrow(/NEXTAUTH_SECRET/);
  });

  it('is not needed outside production, and a set secret passes', () => {
    env.NODE_ENV = 'development';
    delete env.NEXTAUTH_SECRET;
    resetEnvCache();
    expect(() => assertSessionSecret()).not.toThrow();
    env.NODE_ENV = 'production';
    env.NEXTAUTH_SECRET = 'a-long-random-secret';
    resetEnvCache();
    expect(() => assertSessionSecret()).not.toThrow();
  });
});
