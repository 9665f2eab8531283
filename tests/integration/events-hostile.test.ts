import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { stopChangeHub } from '../../lib/events/change-hub';
import { openStreamCount } from '../../lib/events/event-stream';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as eventsRoute from '../../app/api/events/route';
import { TEST_SECRET } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * GET /api/events against hostile callers: whatever the query string, headers (a garbage
 * Last-Event-ID among them), method or session, the answer is a stream that starts with `ready`
 * or a clear 4xx — never a 500, and never a stream left open behind a refusal.
 */
let t: TestDb;
let person: typeof s.users.$inferSelect;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const [row] = await t.db.select().from(s.users).where(eq(s.users.email, 'adjuster2@example.com'));
  person = row!;
});
afterAll(async () => {
  await stopChangeHub();
  await t?.close();
});

async function cookie(opts: { signedInAt?: number; maxAge?: number; uid?: string } = {}) {
  const uid = opts.uid ?? person.id;
  const token = await encode({
    secret: TEST_SECRET,
    maxAge: opts.maxAge,
    token: {
      uid,
      sub: uid,
      email: person.email,
      name: person.name,
      role: person.role,
      signedInAt: opts.signedInAt ?? Date.now(),
    },
  });
  return `next-auth.session-token=${token}`;
}

/** Calls the route; a 200 must be a stream whose first event is `ready` (then it is closed). */
async function call(req: NextRequest, abort: AbortController): Promise<number> {
  const res = await eventsRoute.GET(req, { params: Promise.resolve({}) });
  if (res.status === 200) {
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: ready')) {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    await reader.cancel();
  } else {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).not.toBeNull();
    await res.text();
  }
  return res.status;
}

function get(path: string, headers: Record<string, string>, abort = new AbortController()) {
  return new NextRequest(`http://localhost:3000${path}`, { headers, signal: abort.signal });
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '-1',
    '999999999999999999999999',
    'NaN',
    '../../etc/passwd',
    '<script>',
    "' or 1=1 --",
    'x'.repeat(5000),
  ),
);

/** Header values a client can actually send (others never reach the server: fetch refuses them). */
const sendable = (v: string) => {
  try {
    new Headers({ x: v });
    return true;
  } catch {
    return false;
  }
};

describe('GET /api/events under hostile input', () => {
  it('generated query strings and headers: a stream or a 4xx, never a 500', async () => {
    const c = await cookie();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(hostileText, hostileText, { maxKeys: 4 }),
        fc.record(
          {
            'last-event-id': hostileText,
            accept: hostileText,
            'cache-control': hostileText,
            'x-forwarded-for': hostileText,
            origin: hostileText,
          },
          { requiredKeys: [] },
        ),
        async (query, headers) => {
          const okHeaders = Object.fromEntries(
            Object.entries(headers).filter(([, v]) => sendable(v)),
          );
          const qs = new URLSearchParams(query).toString();
          const abort = new AbortController();
          const status = await call(
            get(`/api/events${qs ? `?${qs}` : ''}`, { ...okHeaders, cookie: c }, abort),
            abort,
          );
          expect([200, 400]).toContain(status);
        },
      ),
      { numRuns: 40 },
    );
    // Every stream opened above was closed with its request.
    await expect.poll(() => openStreamCount(person.id)).toBe(0);
  });

  it('garbage Last-Event-ID values are ignored: the stream starts afresh with ready', async () => {
    const c = await cookie();
    for (const id of ['', '-1', 'abc', '9'.repeat(400), '{"x":1}', '\t', '0x10']) {
      const abort = new AbortController();
      expect(await call(get('/api/events', { cookie: c, 'last-event-id': id }, abort), abort)).toBe(
        200,
      );
    }
  });

  it('without a usable session: 401, never a stream', async () => {
    const cases: Record<string, string | undefined> = {
      none: undefined,
      garbage: 'next-auth.session-token=not-a-token',
      empty: 'next-auth.session-token=',
      expired: await cookie({ maxAge: -120 }),
      'signed in before the last password change': await cookie({ signedInAt: 1 }),
      'someone who does not exist': await cookie({ uid: '00000000-0000-4000-8000-000000000000' }),
    };
    await t.db
      .update(s.users)
      .set({ passwordChangedAt: new Date(Date.now() - 60_000) })
      .where(eq(s.users.id, person.id));
    for (const [what, c] of Object.entries(cases)) {
      const abort = new AbortController();
      const status = await call(get('/api/events', c ? { cookie: c } : {}, abort), abort);
      expect({ what, status }).toEqual({ what, status: 401 });
    }
    expect(openStreamCount(person.id)).toBe(0);
    await t.db.update(s.users).set({ passwordChangedAt: null }).where(eq(s.users.id, person.id));
  });

  it('a deactivated person: 401', async () => {
    const c = await cookie();
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, person.id));
    try {
      const abort = new AbortController();
      expect(await call(get('/api/events', { cookie: c }, abort), abort)).toBe(401);
    } finally {
      await t.db.update(s.users).set({ active: true }).where(eq(s.users.id, person.id));
    }
  });

  it('only GET opens a stream: HEAD is refused, other methods are not exported (Next answers 405)', () => {
    const res = eventsRoute.HEAD();
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(Object.keys(eventsRoute)).not.toContain(method);
  });
});
