import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { MAX_SIGNAL_TASKS } from '../../lib/events/change-events';
import {
  LISTENER_APPLICATION_NAME,
  changeHubStatus,
  setChangeHubTimings,
  stopChangeHub,
} from '../../lib/events/change-hub';
import {
  maxStreamsPerPerson,
  openEventStream,
  openStreamCount,
} from '../../lib/events/event-stream';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as eventsRoute from '../../app/api/events/route';
import { request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * Push under strain (lib/events): a lost listener is noticed and recovered from, a burst of
 * changes reaches each browser as a few bounded messages, and no person or slow reader can make
 * a process hold streams or bytes without limit.
 */
let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const group = new Map<string, string>();
let caseId: string;
/** PostgreSQL only: a login role the hub listens as, so a test can lock it out. */
let listenerRole: string | null = null;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  for (const u of await t.db.select().from(s.users)) user.set(u.email, u);
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
  caseId = (await t.db.select({ id: s.cases.id }).from(s.cases).limit(1))[0]!.id;
  // A lost listener that cannot listen again is down within 2 s, and retried every 200 ms.
  setChangeHubTimings({ graceMs: 2_000, retryMs: 200 });
  if (t.url) {
    listenerRole = `hub_listener_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await t.db.execute(sql.raw(`create role ${listenerRole} login`));
    const u = new URL(t.url);
    u.username = listenerRole;
    useDatabaseForTests({ ...t, url: u.toString() });
  } else {
    useDatabaseForTests(t);
  }
});
afterAll(async () => {
  await stopChangeHub();
  setChangeHubTimings({});
  if (listenerRole) {
    await t.db.execute(
      sql.raw(
        `select pg_terminate_backend(pid) from pg_stat_activity where usename = '${listenerRole}'`,
      ),
    );
    await t.db.execute(sql.raw(`drop role if exists ${listenerRole}`));
  }
  await t?.close();
});

const id = (email: string) => user.get(email)!.id;

type Sse = { event: string; data: unknown };

/** Reads a server-sent event stream in the background; `next` waits at most `ms`. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: Sse[] = [];
  let end: 'done' | 'error' | null = null;
  const waiter: { wake: (() => void) | null } = { wake: null };
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, i).split('\n');
          buffer = buffer.slice(i + 2);
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event) queue.push({ event, data: data ? JSON.parse(data) : null });
        }
        waiter.wake?.();
      }
      end = 'done';
    } catch {
      end = 'error';
    }
    waiter.wake?.();
  })();
  return {
    /** The next event; 'ended' once the stream ended (closed or errored); 'timeout' after `ms`. */
    async next(ms = 5_000): Promise<Sse | 'ended' | 'timeout'> {
      const deadline = Date.now() + ms;
      for (;;) {
        const e = queue.shift();
        if (e) return e;
        if (end) return 'ended';
        const left = deadline - Date.now();
        if (left <= 0) return 'timeout';
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiter.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        waiter.wake = null;
      }
    },
    /** Every event that arrives within `ms`. */
    async during(ms: number): Promise<Sse[]> {
      const got: Sse[] = [];
      const deadline = Date.now() + ms;
      for (let left = ms; left > 0; left = deadline - Date.now()) {
        const e = await this.next(left);
        if (e === 'ended' || e === 'timeout') break;
        got.push(e);
      }
      return got;
    },
  };
}

async function get(email: string | null, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const req = request('GET', '/api/events', {
    cookie: email ? await sessionCookie(user.get(email)!) : undefined,
    headers,
  });
  const res = await eventsRoute.GET(
    new (req.constructor as typeof Request)(req, { signal: abort.signal }) as typeof req,
    { params: Promise.resolve({}) },
  );
  return { res, abort };
}

async function openStream(email: string) {
  const { res, abort } = await get(email);
  expect(res.status).toBe(200);
  const events = sseReader(res.body!);
  expect(await events.next()).toEqual({ event: 'ready', data: {} });
  return { events, abort };
}

const EVERYTHING = { inbox: true, tasks: '*', notifications: true };

async function notify(email: string, title: string) {
  await t.db.insert(s.notifications).values({
    userId: id(email),
    kind: 'reminder',
    title,
    dedupeKey: `resilience-${randomUUID()}`,
  });
}

/** Waits for a `change` that says the person's notifications changed. */
async function expectNotificationChange(stream: Awaited<ReturnType<typeof openStream>>) {
  for (;;) {
    const e = await stream.events.next();
    expect(e).not.toBe('timeout');
    expect(e).not.toBe('ended');
    if (
      (e as Sse).event === 'change' &&
      ((e as Sse).data as { notifications: boolean }).notifications
    )
      return;
  }
}

async function until(probe: () => Promise<boolean> | boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const terminateListener = () =>
  t.db.execute(sql`
    select pg_terminate_backend(pid) from pg_stat_activity
    where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`);

describe.runIf(Boolean(process.env.DATABASE_URL))('a lost listener (PostgreSQL)', () => {
  it('reconnects: open streams get one resync, and later changes arrive again', async () => {
    const stream = await openStream('adjuster2@example.com');
    const before = changeHubStatus().pid;
    expect(before).not.toBeNull();
    await terminateListener();
    // Announcements may have been missed: the browser refetches everything once.
    const resync = await stream.events.next(10_000);
    expect(resync).toEqual({ event: 'change', data: EVERYTHING });
    await notify('adjuster2@example.com', 'After the reconnect');
    await expectNotificationChange(stream);
    expect(changeHubStatus().state).toBe('live');
    stream.abort.abort();
  });

  it('while it cannot listen, streams end and new ones get 503; once it can, streams work again', async () => {
    const stream = await openStream('adjuster2@example.com');
    // The hub's own role may no longer sign in: postgres.js's re-listen fails (and gives up).
    await t.db.execute(sql.raw(`alter role ${listenerRole!} nologin`));
    await terminateListener();
    expect(await stream.events.next(10_000)).toBe('ended');
    expect(changeHubStatus().state).toBe('down');
    const refused = await get('adjuster2@example.com');
    expect(refused.res.status).toBe(503);
    expect(refused.res.headers.get('retry-after')).toBe('30');

    await t.db.execute(sql.raw(`alter role ${listenerRole!} login`));
    await until(() => changeHubStatus().state === 'live');
    const again = await openStream('adjuster2@example.com');
    await notify('adjuster2@example.com', 'After the outage');
    await expectNotificationChange(again);
    again.abort.abort();
  });
});

describe('bursts', () => {
  it('a burst of statements reaches a stream as a few messages, each with a bounded task list', async () => {
    const stream = await openStream('adjuster2@example.com');
    const tasks = await t.db
      .insert(s.tasks)
      .values(
        Array.from({ length: 800 }, () => ({
          caseId,
          stepKey: 'burst-test',
          name: 'Burst test',
          status: 'ready' as const,
          candidateGroupId: group.get('claims-adjusters')!,
        })),
      )
      .returning({ id: s.tasks.id });
    expect(await stream.events.next()).toMatchObject({ event: 'change' });
    // A batched sweep: 80 statements of 10 tasks each, one after another.
    const started = Date.now();
    for (let i = 0; i < 80; i++) {
      const batch = tasks.slice(i * 10, i * 10 + 10).map((x) => x.id);
      await t.db.execute(
        sql`update tasks set escalation_level = escalation_level + 1 where id in ${batch}`,
      );
      await new Promise((r) => setTimeout(r, 20));
    }
    const burstSeconds = (Date.now() - started) / 1000;
    const got = await stream.events.during(3_000);
    expect(got.length).toBeGreaterThan(0);
    // At 100 ms a window this would be several messages per second of the burst; coalesced, the
    // windows double up to a second (200, 400, 800, 1,000 ms …).
    expect(got.length).toBeLessThanOrEqual(Math.ceil(burstSeconds) + 4);
    for (const e of got) {
      const tasksOf = (e.data as { tasks: string[] | '*' }).tasks;
      if (tasksOf !== '*') expect(tasksOf.length).toBeLessThanOrEqual(MAX_SIGNAL_TASKS);
    }
    expect(got.some((e) => (e.data as { tasks: unknown }).tasks === '*')).toBe(true);
    stream.abort.abort();
  });
});

describe('limits', () => {
  it(`a person's 11th stream ends their oldest (the default limit of 10)`, async () => {
    const email = 'siu@example.com';
    const streams = [];
    expect(maxStreamsPerPerson()).toBe(10);
    for (let i = 0; i < maxStreamsPerPerson(); i++) streams.push(await openStream(email));
    expect(openStreamCount(id(email))).toBe(maxStreamsPerPerson());
    const newest = await openStream(email);
    // Told why, so its browser waits before reconnecting (else it would evict the next one).
    expect(await streams[0]!.events.next(2_000)).toEqual({ event: 'evicted', data: {} });
    expect(await streams[0]!.events.next(2_000)).toBe('ended');
    expect(openStreamCount(id(email))).toBe(maxStreamsPerPerson());
    // The others still work.
    await notify(email, 'After the cap');
    await expectNotificationChange(newest);
    await expectNotificationChange(streams[1]!);
    for (const x of [...streams, newest]) x.abort.abort();
    await until(() => openStreamCount(id(email)) === 0);
  });

  it('a stream its browser does not read is dropped, not buffered without limit', async () => {
    const email = 'adjuster@example.com';
    const actor = (await loadUserActor(t.db, id(email)))!;
    const abort = new AbortController();
    const body = await openEventStream({
      db: t.db,
      actor,
      signedInAt: null,
      expiresAt: null,
      signal: abort.signal,
      maxBufferedBytes: 256,
    });
    expect(openStreamCount(id(email))).toBe(1);
    // Never read: each change adds a message to what is queued.
    for (let i = 0; i < 8 && openStreamCount(id(email)) > 0; i++) {
      await notify(email, `Unread ${i}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(openStreamCount(id(email))).toBe(0);
    // Dropped: what was queued is discarded, the reader learns of an error.
    await expect(body.getReader().read()).rejects.toThrow('not drained');
    abort.abort();
  });
});

describe('bookkeeping updates', () => {
  it('a reminder sweep that only spends remind_at / reminded_at wakes nobody', async () => {
    const [task] = await t.db
      .insert(s.tasks)
      .values({
        caseId,
        stepKey: 'bookkeeping-test',
        name: 'Bookkeeping test',
        status: 'ready',
        candidateGroupId: group.get('claims-adjusters')!,
        remindAt: new Date(),
      })
      .returning({ id: s.tasks.id });
    const stream = await openStream('adjuster2@example.com');
    await t.db.execute(
      sql`update tasks set remind_at = null, reminded_at = now(), updated_at = now() where id = ${task!.id}`,
    );
    await notify('adjuster2@example.com', 'Marker after the sweep');
    const e = await stream.events.next();
    // The first message is the marker's alone: the sweep announced nothing.
    expect(e).toEqual({ event: 'change', data: { inbox: false, tasks: [], notifications: true } });
    await t.db.execute(sql`update tasks set priority = 'high' where id = ${task!.id}`);
    expect(await stream.events.next()).toEqual({
      event: 'change',
      data: { inbox: true, tasks: [task!.id], notifications: false },
    });
    stream.abort.abort();
  });
});
