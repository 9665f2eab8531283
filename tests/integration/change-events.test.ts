import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import {
  CHANGE_CHANNEL,
  parseChangeEvent,
  signalFor,
  type ChangeEvent,
} from '../../lib/events/change-events';
import { stopChangeHub } from '../../lib/events/change-hub';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as claimRoute from '../../app/api/tasks/[id]/claim/route';
import * as eventsRoute from '../../app/api/events/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * Push (migration 0011, lib/events): the database announces each committed statement that
 * changes tasks, notifications or memberships once, on one channel, within PostgreSQL's payload
 * limit; GET /api/events passes each person only what concerns them.
 */
let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const group = new Map<string, string>();
let caseId: string;
let stopRaw: () => Promise<void>;
const raw: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) user.set(u.email, u);
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
  caseId = (await t.db.select({ id: s.cases.id }).from(s.cases).limit(1))[0]!.id;
  // Every announcement as the database sent it, read on a listening session of our own.
  if (t.pglite) {
    const unlisten = await t.pglite.listen(CHANGE_CHANNEL, (p) => raw.push(p));
    stopRaw = () => unlisten();
  } else {
    const client = postgres(t.url!, { max: 1, onnotice: () => {} });
    await client.listen(CHANGE_CHANNEL, (p) => raw.push(p));
    stopRaw = () => client.end({ timeout: 5 });
  }
});
afterAll(async () => {
  await stopChangeHub();
  await stopRaw?.();
  await t?.close();
});

const id = (email: string) => user.get(email)!.id;
const actor = async (email: string) => (await loadUserActor(t.db, id(email)))!;

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
}

let marks = 0;
/** Announces a marker and waits for it: everything committed before has been delivered then. */
async function fence(): Promise<number> {
  const marker = `{"k":"marker","n":${++marks}}`;
  await t.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${marker})`);
  return waitFor(() => {
    const i = raw.indexOf(marker);
    return i >= 0 ? i : undefined;
  });
}

/**
 * The announcements of the changes `work` commits: notifications arrive in commit order, so
 * what came between a marker before and a marker after is all of them.
 */
async function announcementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const from = (await fence()) + 1;
  await work();
  return raw.slice(from, await fence());
}

async function openTask(groupKey: string, n = 1) {
  return t.db
    .insert(s.tasks)
    .values(
      Array.from({ length: n }, () => ({
        caseId,
        stepKey: 'push-test',
        name: 'Push test',
        status: 'ready' as const,
        candidateGroupId: group.get(groupKey)!,
        dueAt: new Date(Date.now() + 86_400_000),
      })),
    )
    .returning();
}

describe('announcements', () => {
  it('a committed claim is announced once, naming the task, its queue and the claimer', async () => {
    const [task] = await openTask('claims-adjusters');
    const cookie = await sessionCookie(user.get('adjuster@example.com')!);
    const sent = await announcementsOf(async () => {
      const res = await call(
        claimRoute.POST,
        request('POST', `/api/tasks/${task!.id}/claim`, { cookie, body: { version: 1 } }),
        { id: task!.id },
      );
      expect(res.status).toBe(200);
    });
    const tasks = sent.map(parseChangeEvent).filter((e) => e?.kind === 'tasks');
    expect(tasks).toHaveLength(1);
    const event = tasks[0]!;
    // A colleague's queue lost the task: their inbox and the task's screen refetch.
    expect(signalFor(await actor('adjuster2@example.com'), event)).toEqual({
      inbox: true,
      tasks: [task!.id],
      notifications: false,
    });
    // Special investigations never learn of it.
    expect(signalFor(await actor('siu@example.com'), event)).toBeNull();
  });

  it('a rolled-back change is not announced', async () => {
    const [task] = await openTask('claims-adjusters');
    const sent = await announcementsOf(async () => {
      await t.db
        .transaction(async (tx) => {
          await tx.update(s.tasks).set({ priority: 'high' }).where(eq(s.tasks.id, task!.id));
          await tx.insert(s.notifications).values({
            userId: id('adjuster@example.com'),
            kind: 'reminder',
            title: 'Never sent',
            dedupeKey: `push-rollback-${task!.id}`,
          });
          tx.rollback();
        })
        .catch(() => {});
    });
    expect(sent).toEqual([]);
  });

  it('a statement that changes nothing is not announced', async () => {
    const sent = await announcementsOf(() =>
      t.db
        .update(s.tasks)
        .set({ priority: 'high' })
        .where(sql`false`),
    );
    expect(sent).toEqual([]);
  });

  it('a statement over 10,000 tasks in 45 queues is one announcement within the payload limit', async () => {
    await t.db.execute(sql`
      insert into groups (key, name)
      select 'push-bulk-' || i, 'Push bulk ' || i from generate_series(1, 45) i`);
    const inserted = await announcementsOf(() =>
      t.db.execute(sql`
        insert into tasks (case_id, step_key, name, status, candidate_group_id)
        select ${caseId}, 'push-bulk', 'Bulk', 'ready', g.id
        from generate_series(1, 10000) i
        join (select id, row_number() over (order by key) - 1 as n
              from groups where key like 'push-bulk-%') g on g.n = i % 45`),
    );
    const escalated = await announcementsOf(() =>
      t.db.execute(sql`
        update tasks set escalation_level = escalation_level + 1 where step_key = 'push-bulk'`),
    );
    for (const sent of [inserted, escalated]) {
      expect(sent).toHaveLength(1);
      expect(Buffer.byteLength(sent[0]!)).toBeLessThan(8000);
      const event = parseChangeEvent(sent[0]!)!;
      expect(event).toMatchObject({ kind: 'tasks', all: true });
      // Too many to list: every person's screens refetch once.
      expect(signalFor(await actor('siu@example.com'), event)).toEqual({
        inbox: true,
        tasks: '*',
        notifications: false,
      });
    }
  });

  it('a statement over a few queues lists them, and the tasks only when there are at most 10', async () => {
    const few = await openTask('claims-adjusters', 10);
    const many = await openTask('claims-adjusters', 11);
    const sent = await announcementsOf(async () => {
      await t.db
        .update(s.tasks)
        .set({ priority: 'high' })
        .where(sql`${s.tasks.id} in ${few.map((x) => x.id)}`);
      await t.db
        .update(s.tasks)
        .set({ priority: 'high' })
        .where(sql`${s.tasks.id} in ${many.map((x) => x.id)}`);
    });
    expect(sent).toHaveLength(2);
    const [a, b] = sent.map((p) => parseChangeEvent(p)) as Extract<
      ChangeEvent,
      { kind: 'tasks' }
    >[];
    expect(a!.tasks!.map((x) => x.id).sort()).toEqual(few.map((x) => x.id).sort());
    expect(b!.tasks).toBeNull();
    expect(b!.groupIds).toEqual([group.get('claims-adjusters')]);
    const colleague = await actor('adjuster2@example.com');
    expect(signalFor(colleague, b!)).toEqual({ inbox: true, tasks: '*', notifications: false });
    expect(signalFor(await actor('siu@example.com'), b!)).toBeNull();
  });

  it('a new notification is announced once, to its person only', async () => {
    const sent = await announcementsOf(() =>
      t.db.insert(s.notifications).values({
        userId: id('adjuster2@example.com'),
        kind: 'reminder',
        title: 'Push test',
        dedupeKey: 'push-notification-1',
      }),
    );
    expect(sent).toHaveLength(1);
    const event = parseChangeEvent(sent[0]!)!;
    expect(signalFor(await actor('adjuster2@example.com'), event)).toEqual({
      inbox: false,
      tasks: [],
      notifications: true,
    });
    expect(signalFor(await actor('adjuster@example.com'), event)).toBeNull();
  });
});

/** Reads server-sent events from a response body. */
function eventReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ event: string; data: unknown } | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event) return { event, data: data ? JSON.parse(data) : null };
          continue; // retry: and heartbeat comments
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

async function openStream(email: string) {
  const abort = new AbortController();
  const req = request('GET', '/api/events', { cookie: await sessionCookie(user.get(email)!) });
  const res = await eventsRoute.GET(
    new (req.constructor as typeof Request)(req, { signal: abort.signal }) as typeof req,
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events = eventReader(res);
  expect(await events.next()).toEqual({ event: 'ready', data: {} });
  return { events, abort };
}

describe('GET /api/events', () => {
  it('refuses a visitor who is not signed in', async () => {
    const res = await eventsRoute.GET(request('GET', '/api/events'), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(401);
  });

  it("sends each person only their queues' tasks and their own notifications, then closes on abort", async () => {
    const colleague = await openStream('adjuster2@example.com');
    const siu = await openStream('siu@example.com');
    const [siuTask] = await openTask('special-investigations');
    const [claimsTask] = await openTask('claims-adjusters');
    await t.db.insert(s.notifications).values({
      userId: id('adjuster2@example.com'),
      kind: 'reminder',
      title: 'Push stream test',
      dedupeKey: 'push-stream-1',
    });

    const seen = async (
      stream: typeof colleague,
      until: (d: Record<string, unknown>) => boolean,
    ) => {
      const got: Record<string, unknown>[] = [];
      for (;;) {
        const e = await stream.events.next();
        expect(e?.event).toBe('change');
        const d = e!.data as Record<string, unknown>;
        got.push(d);
        if (until(d)) return got;
      }
    };
    const mine = await seen(colleague, (d) => d.notifications === true);
    const mineTasks = mine.flatMap((d) => d.tasks as string[]);
    expect(mineTasks).toContain(claimsTask!.id);
    expect(mineTasks).not.toContain(siuTask!.id);

    const theirs = await seen(siu, (d) => (d.tasks as string[]).includes(siuTask!.id));
    expect(theirs.flatMap((d) => d.tasks as string[])).not.toContain(claimsTask!.id);
    expect(theirs.some((d) => d.notifications)).toBe(false);

    colleague.abort.abort();
    siu.abort.abort();
    expect(await colleague.events.next()).toBeNull();
    expect(await siu.events.next()).toBeNull();
  });

  it('stops naming a queue’s tasks to someone who left it', async () => {
    const stream = await openStream('adjuster2@example.com');
    await t.db
      .delete(s.groupMemberships)
      .where(eq(s.groupMemberships.userId, id('adjuster2@example.com')));
    const [task] = await openTask('claims-adjusters');
    // A marker the person still sees: a notification of theirs, committed after the task.
    await t.db.insert(s.notifications).values({
      userId: id('adjuster2@example.com'),
      kind: 'reminder',
      title: 'After leaving',
      dedupeKey: 'push-left-1',
    });
    const got: Record<string, unknown>[] = [];
    for (;;) {
      const e = await stream.events.next();
      got.push(e!.data as Record<string, unknown>);
      if ((e!.data as { notifications: boolean }).notifications) break;
    }
    expect(got.flatMap((d) => (d.tasks === '*' ? [] : (d.tasks as string[])))).not.toContain(
      task!.id,
    );
    stream.abort.abort();
  });
});
