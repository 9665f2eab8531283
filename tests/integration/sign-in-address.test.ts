import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { SIGN_IN_THROTTLE } from '../../lib/domain/sign-in-throttle';
import { NO_ADDRESS } from '../../lib/use-cases/sign-in-with-password';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { startSignInServer } from '../helpers/sign-in-server';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  useDatabaseForTests(t);
});
afterAll(async () => {
  await t?.close();
});

const failuresAudited = async (email: string) =>
  (await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.action, 'auth.sign_in_failed')))
    .filter((e) => e.metadata.email === email)
    .map((e) => e.metadata.ip);

describe('the client address of a sign-in (over real TCP, stamped as scripts/serve.ts does)', () => {
  it('with no trusted proxy ignores X-Forwarded-For: rotating it neither resets the throttle nor forges the audited address', async () => {
    const server = await startSignInServer({ trustedProxies: 0 });
    try {
      for (let i = 0; i < SIGN_IN_THROTTLE.freeFailures; i++) {
        const r = await server.signIn('senior@example.com', `guess-${i}`, {
          'x-forwarded-for': `198.51.100.${i + 1}`,
          'x-handoff-client-address': `192.0.2.${i + 1}`, // the private header, forged too
        });
        expect(r.body).toMatchObject({ ok: false, error: 'E-mail or password is incorrect.' });
      }
      const next = await server.signIn('senior@example.com', 'handoff-demo', {
        'x-forwarded-for': '198.51.100.200',
      });
      expect(next.body.ok).toBe(false);
      expect(next.body.error).toMatch(
        /^Too many failed sign-in attempts\. Try again in \d+ seconds?\.$/,
      );
      expect(await failuresAudited('senior@example.com')).toEqual([
        '127.0.0.1',
        '127.0.0.1',
        '127.0.0.1',
      ]);
    } finally {
      await server.close();
    }
  });

  it('with one trusted proxy takes the first X-Forwarded-For entry from the right', async () => {
    const server = await startSignInServer({ trustedProxies: 1 });
    try {
      // Whatever the client put further left is ignored; the proxy's entry is the address.
      for (let i = 0; i < SIGN_IN_THROTTLE.freeFailures; i++)
        await server.signIn('siu@example.com', 'wrong', {
          'x-forwarded-for': `10.${i}.0.1, 198.51.100.77`,
        });
      expect(await failuresAudited('siu@example.com')).toEqual([
        '198.51.100.77',
        '198.51.100.77',
        '198.51.100.77',
      ]);
      const locked = await server.signIn('siu@example.com', 'handoff-demo', {
        'x-forwarded-for': '10.99.0.1, 198.51.100.77',
      });
      expect(locked.body.error).toMatch(/^Too many failed sign-in attempts/);
      // Another client behind the same proxy is another address: not locked out.
      const other = await server.signIn('siu@example.com', 'handoff-demo', {
        'x-forwarded-for': '198.51.100.78',
      });
      expect(other.body).toMatchObject({ ok: true, user: { email: 'siu@example.com' } });
    } finally {
      await server.close();
    }
  });

  it('fails closed when no address can be established', async () => {
    const server = await startSignInServer({ trustedProxies: 1 });
    try {
      for (const headers of [{}, { 'x-forwarded-for': 'not-an-address' }] as Record<
        string,
        string
      >[]) {
        const r = await server.signIn('admin@example.com', 'handoff-demo', headers);
        expect(r.body).toEqual({ ok: false, error: NO_ADDRESS });
      }
    } finally {
      await server.close();
    }
    // A process that does not stamp requests believes no header at all.
    const { clientAddress } = await import('../../lib/auth/client-address');
    expect(clientAddress({ 'x-handoff-client-address': '203.0.113.1' })).toBeNull();
  });
});
