import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { hashPassword, verifyPassword } from '../../lib/auth/password';
import {
  INVALID_CREDENTIALS,
  signInWithPassword,
  THROTTLE,
} from '../../lib/use-cases/sign-in-with-password';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date('2026-11-24T15:00:00Z') });
});
afterAll(async () => {
  await t?.close();
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 16, minute));

describe('password hashing', () => {
  it('is salted and slow: the same password hashes differently, bcrypt with cost ≥ 10', async () => {
    const [a, b] = [await hashPassword('correct horse'), await hashPassword('correct horse')];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$2[aby]\$(1\d)\$/);
    expect(Number(a.split('$')[2])).toBeGreaterThanOrEqual(10);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse!', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});

describe('signInWithPassword', () => {
  it('signs in a demo user, records the attempt and an audit event', async () => {
    const r = await signInWithPassword(
      t.db,
      { email: 'Adjuster@Example.com ', password: 'handoff-demo', ip: '10.0.0.1' },
      at(0),
    );
    expect(r).toMatchObject({
      ok: true,
      user: { email: 'adjuster@example.com', role: 'adjuster' },
    });
    const events = await t.db
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.action, 'auth.signed_in'));
    expect(events.at(-1)?.actorLabel).toBe('adjuster@example.com');
  });

  it('says the same thing for a wrong password and an unknown e-mail', async () => {
    const wrong = await signInWithPassword(
      t.db,
      { email: 'senior@example.com', password: 'nope', ip: '10.0.0.2' },
      at(1),
    );
    const unknown = await signInWithPassword(
      t.db,
      { email: 'ghost@example.com', password: 'nope', ip: '10.0.0.2' },
      at(1),
    );
    expect(wrong).toEqual({ ok: false, reason: 'invalid', message: INVALID_CREDENTIALS });
    expect(unknown).toEqual(wrong);
    const failures = await t.db
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.action, 'auth.sign_in_failed'));
    expect(failures.map((f) => f.actorLabel)).toEqual(
      expect.arrayContaining(['senior@example.com', 'ghost@example.com']),
    );
  });

  it('throttles an account after repeated failures, even with the right password, until the window passes', async () => {
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) {
      const r = await signInWithPassword(
        t.db,
        { email: 'siu@example.com', password: `guess-${i}`, ip: `10.1.0.${i}` },
        at(2),
      );
      expect(r.ok).toBe(false);
    }
    const blocked = await signInWithPassword(
      t.db,
      { email: 'siu@example.com', password: 'handoff-demo', ip: '10.1.0.99' },
      at(3),
    );
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    const later = await signInWithPassword(
      t.db,
      { email: 'siu@example.com', password: 'handoff-demo', ip: '10.1.0.99' },
      at(2 + THROTTLE.windowMinutes + 1),
    );
    expect(later.ok).toBe(true);
  });

  it('throttles an address spraying many accounts', async () => {
    for (let i = 0; i < THROTTLE.maxFailuresPerAddress; i++) {
      await signInWithPassword(
        t.db,
        { email: `spray${i}@example.com`, password: 'x', ip: '203.0.113.9' },
        at(20),
      );
    }
    const r = await signInWithPassword(
      t.db,
      { email: 'adjuster2@example.com', password: 'handoff-demo', ip: '203.0.113.9' },
      at(21),
    );
    expect(r).toMatchObject({ ok: false, reason: 'throttled' });
    const elsewhere = await signInWithPassword(
      t.db,
      { email: 'adjuster2@example.com', password: 'handoff-demo', ip: '198.51.100.7' },
      at(21),
    );
    expect(elsewhere.ok).toBe(true);
  });

  it('refuses an inactive user', async () => {
    await t.db
      .update(s.users)
      .set({ active: false })
      .where(eq(s.users.email, 'intake@example.com'));
    const r = await signInWithPassword(
      t.db,
      { email: 'intake@example.com', password: 'handoff-demo', ip: '10.0.0.5' },
      at(30),
    );
    expect(r).toMatchObject({ ok: false, reason: 'inactive' });
    const attempts = await t.db
      .select()
      .from(s.signInAttempts)
      .where(
        and(
          eq(s.signInAttempts.email, 'intake@example.com'),
          eq(s.signInAttempts.succeeded, false),
        ),
      );
    expect(attempts).toHaveLength(1);
  });
});
