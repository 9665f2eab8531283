import { randomBytes } from 'node:crypto';
import { and, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { SIGN_IN_THROTTLE } from '../../lib/domain/sign-in-throttle';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { sessionCookie } from '../helpers/http';
import { startSignInServer } from '../helpers/sign-in-server';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';
import * as inboxRoute from '../../app/api/inbox/route';

/**
 * Issue 11, finding 3: a few wrong sign-ins per second used to freeze the app (bcrypt inside a
 * transaction, on the event loop). Here 20 wrong sign-ins per second for 5 s — random e-mails,
 * a forged X-Forwarded-For rotating on each — hit a real HTTP server in this process while a
 * signed-in person's inbox (the real route handler) is polled through the same server; the
 * inbox latency is compared with 5 s without the flood.
 */
const FLOOD_PER_SECOND = 20;
const SECONDS = 5;

let t: TestDb;
let server: Awaited<ReturnType<typeof startSignInServer>>;
let cookie: string;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  useDatabaseForTests(t);
  server = await startSignInServer({ routes: { '/api/inbox': inboxRoute.GET } });
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, 'adjuster@example.com'));
  cookie = await sessionCookie(u!);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the inbox one request at a time (as the page does, more often) for `ms`. */
async function pollInbox(ms: number) {
  const latencies: number[] = [];
  const statuses = new Set<number>();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const started = performance.now();
    const r = await server.request('/api/inbox?queue=mine', { headers: { cookie } });
    latencies.push(performance.now() - started);
    statuses.add(r.status);
    await pause(50);
  }
  return { latencies, statuses };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

it('keeps the inbox answering while 20 wrong sign-ins per second arrive', async () => {
  await pollInbox(1000); // warm-up: first compilation of queries and routes
  const quiet = await pollInbox(SECONDS * 1000);

  const floodStart = new Date();
  const attempts: Promise<{ status: number; body: { ok?: boolean; error?: string } }>[] = [];
  const flood = (async () => {
    for (let i = 0; i < FLOOD_PER_SECOND * SECONDS; i++) {
      attempts.push(
        server.signIn(`${randomBytes(6).toString('hex')}@example.com`, 'wrong-password', {
          'x-forwarded-for': `198.51.${i % 256}.${(i * 7) % 256}`,
        }),
      );
      await pause(1000 / FLOOD_PER_SECOND);
    }
  })();
  const during = await pollInbox(SECONDS * 1000);
  await flood;
  const results = await Promise.all(attempts);

  const summary = (l: number[]) =>
    `p50 ${percentile(l, 50).toFixed(0)} ms, p95 ${percentile(l, 95).toFixed(0)} ms (${l.length} requests)`;
  const checked = await t.db
    .select()
    .from(s.signInAttempts)
    .where(
      and(
        eq(s.signInAttempts.ipAddress, '127.0.0.1'),
        gte(s.signInAttempts.attemptedAt, floodStart),
      ),
    );
  console.log(
    [
      `sign-in flood on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}: ${results.length} wrong sign-ins at ${FLOOD_PER_SECOND}/s`,
      `  inbox without flood: ${summary(quiet.latencies)}`,
      `  inbox during flood:  ${summary(during.latencies)}`,
      `  password checks run: ${checked.length}; refused by the throttle: ${results.filter((r) => /^Too many/.test(r.body.error ?? '')).length}`,
    ].join('\n'),
  );

  expect([...during.statuses]).toEqual([200]);
  expect(results.every((r) => r.status === 401 && r.body.ok === false)).toBe(true);
  // The forged addresses do not buy more guesses: at most the address budget was checked.
  expect(checked.length).toBeLessThanOrEqual(SIGN_IN_THROTTLE.addressBudget);
  // Still answering promptly: every poll came back, and 95 % within a second.
  expect(during.latencies.length).toBeGreaterThan(SECONDS * 4);
  expect(percentile(during.latencies, 95)).toBeLessThan(1000);
});
