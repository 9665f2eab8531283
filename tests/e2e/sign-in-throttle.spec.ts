import { expect, test, type APIRequestContext } from '@playwright/test';

/**
 * Against the real server (scripts/serve.ts, no trusted proxy): a client that rotates a forged
 * X-Forwarded-For on every guess is still one address to the throttle and in the audit trail.
 * Three failures only (the free ones), on an account that does not exist, so the address budget
 * the other browser tests share stays almost untouched.
 */
async function signInOverApi(
  api: APIRequestContext,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ ok: boolean; error: string | null }> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await api.post('/api/auth/callback/credentials', {
    form: { email, password, csrfToken, json: 'true' },
    headers,
  });
  const { url } = (await res.json()) as { url: string };
  const error = new URL(url).searchParams.get('error');
  return { ok: !error, error };
}

test('a forged, rotating X-Forwarded-For does not reset the sign-in throttle', async ({
  playwright,
  baseURL,
}) => {
  const attacker = await playwright.request.newContext({ baseURL });
  const account = 'throttle-probe@example.com';
  for (let i = 1; i <= 3; i++) {
    const r = await signInOverApi(attacker, account, `guess-${i}`, {
      'x-forwarded-for': `198.51.100.${i}`,
      'x-handoff-client-address': `192.0.2.${i}`,
    });
    expect(r.error).toBe('E-mail or password is incorrect.');
  }
  const fourth = await signInOverApi(attacker, account, 'guess-4', {
    'x-forwarded-for': '203.0.113.250',
  });
  expect(fourth.error).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ seconds?\.$/);
  await attacker.dispose();

  // The audit trail names the real address, as an anonymous actor.
  const admin = await playwright.request.newContext({ baseURL });
  expect((await signInOverApi(admin, 'admin@example.com', 'handoff-demo')).ok).toBe(true);
  const res = await admin.get('/api/audit?action=auth.sign_in_failed&limit=50');
  expect(res.status()).toBe(200);
  const { events } = (await res.json()) as {
    events: { actorType: string; summary: string; metadata?: { email?: string } }[];
  };
  const probes = events.filter((e) => e.metadata?.email === account);
  expect(probes).toHaveLength(3);
  for (const e of probes) {
    expect(e.actorType).toBe('anonymous');
    expect(e.summary).toMatch(/from 127\.0\.0\.1$/);
  }
  await admin.dispose();
});
