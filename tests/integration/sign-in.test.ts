import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as s from '../../db/schema';
import { queryRows } from '../../db/client';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { hashPassword, verifyPassword } from '../../lib/auth/password';
import { SIGN_IN_THROTTLE } from '../../lib/domain/sign-in-throttle';
import {
  INVALID_CREDENTIALS,
  NO_ADDRESS,
  signInWithPassword,
} from '../../lib/use-cases/sign-in-with-password';
import { createTestDb, type TestDb } from '../helpers/test-db';
import type * as PasswordModule from '../../lib/auth/password';

/**
 * Every password check goes through this spy, which records whether a transaction of the test
 * database was open at that moment and can hold the check until the test releases it.
 */
const probe = vi.hoisted(() => ({
  calls: 0,
  openTransactions: 0,
  openDuringCheck: [] as number[],
  hold: null as Promise<void> | null,
}));
vi.mock('../../lib/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return {
    ...real,
    verifyPassword: async (plain: string, hash: string | null | undefined) => {
      probe.calls++;
      probe.openDuringCheck.push(probe.openTransactions);
      if (probe.hold) await probe.hold;
      return real.verifyPassword(plain, hash);
    },
  };
});

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date('2026-11-24T15:00:00Z') });
  // Counts the transactions open on the test database (the use-case's and any other).
  const transaction = t.db.transaction.bind(t.db);
  t.db.transaction = (async (fn: Parameters<typeof transaction>[0], config?: unknown) => {
    probe.openTransactions++;
    try {
      return await transaction(fn, config as Parameters<typeof transaction>[1]);
    } finally {
      probe.openTransactions--;
    }
  }) as typeof t.db.transaction;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  probe.calls = 0;
  probe.openDuringCheck = [];
});

/** A fixed clock: minute `m` (and second `sec`) after 16:00 on 24 November 2026. */
const at = (m: number, sec = 0) => new Date(Date.UTC(2026, 10, 24, 16, m, sec));
const signIn = (email: string, password: string, ip: string | null, now: Date) =>
  signInWithPassword(t.db, { email, password, ip }, now);
const auditOf = (action: string) =>
  t.db.select().from(s.auditEvents).where(eq(s.auditEvents.action, action));

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
  it('signs in a demo user, records the attempt and an audit event by that user', async () => {
    const r = await signIn('Adjuster@Example.com ', 'handoff-demo', '10.0.0.1', at(0));
    expect(r).toMatchObject({
      ok: true,
      user: { email: 'adjuster@example.com', role: 'adjuster' },
    });
    const [event] = (await auditOf('auth.signed_in')).slice(-1);
    expect(event).toMatchObject({ actorType: 'user', actorLabel: 'adjuster@example.com' });
  });

  it('says the same for a wrong password and an unknown e-mail; failures are anonymous, not the typed name', async () => {
    const wrong = await signIn('senior@example.com', 'nope', '10.0.0.2', at(1));
    const unknown = await signIn('ghost@example.com', 'nope', '10.0.0.2', at(1));
    expect(wrong).toEqual({ ok: false, reason: 'invalid', message: INVALID_CREDENTIALS });
    expect(unknown).toEqual(wrong);
    const failures = await auditOf('auth.sign_in_failed');
    expect(failures).toHaveLength(2);
    for (const f of failures) {
      expect(f.actorType).toBe('anonymous');
      expect(f.actorId).toBeNull();
      expect(f.actorLabel).toBe('anonymous:10.0.0.2');
    }
    expect(failures.map((f) => f.metadata.email).sort()).toEqual([
      'ghost@example.com',
      'senior@example.com',
    ]);
    // The database enum has the value (migration 0003), so the rows above are really stored so.
    const [row] = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from audit_events where actor_type = 'anonymous'`,
    );
    expect(Number(row!.n)).toBeGreaterThanOrEqual(2);
  });

  it('delays one (account, address) pair more after each failure, while the account signs in from elsewhere', async () => {
    const account = 'siu@example.com';
    const attacker = '203.0.113.50';
    const free = SIGN_IN_THROTTLE.freeFailures;
    for (let i = 0; i < free; i++)
      expect(await signIn(account, `guess-${i}`, attacker, at(2))).toMatchObject({
        reason: 'invalid',
      });
    // Delays of 5 s, then 10 s, then 20 s: refused until each has passed, even with the right password.
    let last = at(2);
    for (const delay of [5, 10, 20]) {
      probe.calls = 0;
      const early = new Date(last.getTime() + (delay - 1) * 1000);
      expect(await signIn(account, 'handoff-demo', attacker, early)).toMatchObject({
        ok: false,
        reason: 'throttled',
      });
      expect(probe.calls).toBe(0); // refused before any bcrypt work
      last = new Date(last.getTime() + delay * 1000);
      expect(await signIn(account, 'another-guess', attacker, last)).toMatchObject({
        reason: 'invalid',
      });
      expect(probe.calls).toBe(1);
    }
    // The real person, from their own address, is not locked out.
    expect(await signIn(account, 'handoff-demo', '198.51.100.20', last)).toMatchObject({
      ok: true,
    });
    // Once the delay has passed, a success from the attacker's address resets its streak.
    const after = new Date(last.getTime() + 40_000);
    expect((await signIn(account, 'handoff-demo', attacker, after)).ok).toBe(true);
    expect((await signIn(account, 'wrong', attacker, after)).ok).toBe(false);
    expect((await signIn(account, 'handoff-demo', attacker, after)).ok).toBe(true);
  });

  it('gives each address a budget of failures across accounts (spraying)', async () => {
    const sprayer = '203.0.113.9';
    for (let i = 0; i < SIGN_IN_THROTTLE.addressBudget; i++)
      await signIn(`spray${i}@example.com`, 'x', sprayer, at(20));
    probe.calls = 0;
    expect(await signIn('adjuster2@example.com', 'handoff-demo', sprayer, at(21))).toMatchObject({
      ok: false,
      reason: 'throttled',
    });
    expect(probe.calls).toBe(0);
    expect((await signIn('adjuster2@example.com', 'handoff-demo', '198.51.100.7', at(21))).ok).toBe(
      true,
    );
    const windowEnd = 20 + SIGN_IN_THROTTLE.addressWindowMinutes;
    expect((await signIn('adjuster2@example.com', 'handoff-demo', sprayer, at(windowEnd))).ok).toBe(
      true,
    );
  });

  it('counts the addresses of one IPv6 /64 together', async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.addressBudget; i++)
      await signIn(`v6-${i}@example.com`, 'x', `2001:db8:aa:bb::${(i + 1).toString(16)}`, at(40));
    expect(
      await signIn('adjuster2@example.com', 'handoff-demo', '2001:db8:aa:bb:ffff::1', at(40, 30)),
    ).toMatchObject({ reason: 'throttled' });
    expect(
      (await signIn('adjuster2@example.com', 'handoff-demo', '2001:db8:aa:bc::1', at(40, 30))).ok,
    ).toBe(true);
  });

  it('audits the throttled attempts of one lock window as one event, counting the rest', async () => {
    const account = 'supervisor@example.com';
    const ip = '203.0.113.77';
    for (let i = 0; i < SIGN_IN_THROTTLE.freeFailures; i++)
      await signIn(account, 'bad', ip, at(50));
    const before = (await auditOf('auth.sign_in_throttled')).length;
    for (let i = 0; i < 40; i++) await signIn(account, 'x'.repeat(200), ip, at(50, 1 + (i % 4)));
    const events = (await auditOf('auth.sign_in_throttled')).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: 'anonymous',
      actorLabel: `anonymous:${ip}`,
      metadata: { scope: 'account', ip, email: account },
    });
    const [window] = await t.db
      .select()
      .from(s.signInThrottleWindows)
      .where(eq(s.signInThrottleWindows.key, `${account} ${ip}`));
    expect(window).toMatchObject({ refused: 40 });
    // The next window (after one more failure) gets an event of its own.
    await signIn(account, 'bad', ip, at(50, 5));
    await signIn(account, 'bad', ip, at(50, 6));
    expect((await auditOf('auth.sign_in_throttled')).slice(before)).toHaveLength(2);
  });

  it('refuses over-long or unstorable e-mails before any database or bcrypt work', async () => {
    const attemptsBefore = (await t.db.select().from(s.signInAttempts)).length;
    const auditBefore = (await t.db.select().from(s.auditEvents)).length;
    for (const email of [
      `${'a'.repeat(SIGN_IN_THROTTLE.maxEmailLength - 11)}@example.com`,
      `${'x'.repeat(2_000_000)}@example.com`,
      'a\u0000@example.com',
      'a\ud800@example.com',
    ])
      expect(await signIn(email, 'handoff-demo', '10.9.9.9', at(55))).toEqual({
        ok: false,
        reason: 'invalid',
        message: INVALID_CREDENTIALS,
      });
    expect(probe.calls).toBe(0);
    expect(await t.db.select().from(s.signInAttempts)).toHaveLength(attemptsBefore);
    expect(await t.db.select().from(s.auditEvents)).toHaveLength(auditBefore);
    // At the limit it is an ordinary attempt.
    const longest = `${'a'.repeat(SIGN_IN_THROTTLE.maxEmailLength - 12)}@example.com`;
    expect(await signIn(longest, 'x', '10.9.9.9', at(55))).toMatchObject({ reason: 'invalid' });
    expect(probe.calls).toBe(1);
  });

  it('fails closed without a client address', async () => {
    const r = await signIn('admin@example.com', 'handoff-demo', null, at(56));
    expect(r).toEqual({ ok: false, reason: 'unavailable', message: NO_ADDRESS });
    expect(probe.calls).toBe(0);
  });

  it('checks the password outside any transaction: other queries run meanwhile', async () => {
    let release!: () => void;
    probe.hold = new Promise<void>((r) => (release = r));
    const pending = signIn('admin@example.com', 'handoff-demo', '10.7.7.7', at(57));
    await vi.waitFor(() => expect(probe.calls).toBe(1));
    // On PGlite an open transaction holds the only connection: this query would wait for it.
    const started = Date.now();
    const [n] = await t.db
      .select({ n: sql<number>`1` })
      .from(s.users)
      .limit(1);
    expect(n).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
    probe.hold = null;
    release();
    expect((await pending).ok).toBe(true);
    // And in every check of this file, no transaction was open while bcrypt ran.
    expect(probe.openDuringCheck).toEqual([0]);
  });

  it('never had a transaction open during any password check of this file', async () => {
    await signIn('adjuster@example.com', 'wrong', '10.8.8.8', at(58));
    await signIn('adjuster@example.com', 'handoff-demo', '10.8.8.9', at(58));
    expect(probe.openDuringCheck).toEqual([0, 0]);
  });

  it('refuses an inactive user and counts the attempt as a failure', async () => {
    await t.db
      .update(s.users)
      .set({ active: false })
      .where(eq(s.users.email, 'intake@example.com'));
    const r = await signIn('intake@example.com', 'handoff-demo', '10.0.0.5', at(59));
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
