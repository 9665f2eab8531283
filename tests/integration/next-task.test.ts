import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as nextRoute from '../../app/api/tasks/next/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

let t: TestDb;
let caseId: string;
let decidedCaseId: string;
let seq = 0;
const cookies = new Map<string, string>();
const DAY = 86_400_000;

beforeAll(async () => {
  // A pool of 10 connections on PostgreSQL: the race runs on several at once for real.
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const [c] = await t.db.select().from(s.cases).limit(1);
  const { id: _id, reference: _ref, ...rest } = c!;
  const [own, decided] = await t.db
    .insert(s.cases)
    .values([
      { ...rest, reference: 'CLM-NEXT-000001' },
      { ...rest, reference: 'CLM-NEXT-000002' },
    ])
    .returning();
  caseId = own!.id;
  decidedCaseId = decided!.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** People (adjusters) who are members of a fresh group, and the group's id. */
async function team(size: number, role: 'adjuster' | 'supervisor' = 'adjuster') {
  const n = ++seq;
  const [group] = await t.db
    .insert(s.groups)
    .values({ key: `next-desk-${n}`, name: `Next desk ${n}` })
    .returning();
  if (!size) return { groupId: group!.id, people: [] };
  const people = await t.db
    .insert(s.users)
    .values(
      Array.from({ length: size }, (_, i) => ({
        email: `next${n}-${i}@example.com`,
        name: `Next ${n}-${i}`,
        role,
      })),
    )
    .returning();
  await t.db
    .insert(s.groupMemberships)
    .values(people.map((p) => ({ groupId: group!.id, userId: p.id })));
  for (const p of people) cookies.set(p.id, await sessionCookie(p));
  return { groupId: group!.id, people };
}

async function join(userId: string, groupId: string) {
  await t.db.insert(s.groupMemberships).values({ groupId, userId });
}

type Extra = Partial<typeof s.tasks.$inferInsert>;
async function readyTask(groupId: string, name: string, extra: Extra = {}) {
  const [task] = await t.db
    .insert(s.tasks)
    .values({
      caseId,
      stepKey: 'adjuster-review',
      name,
      status: 'ready',
      candidateGroupId: groupId,
      outcomes: [],
      ...extra,
    })
    .returning();
  return task!;
}

const next = (userId: string, body: unknown = {}) =>
  call(
    nextRoute.POST,
    request('POST', '/api/tasks/next', { cookie: cookies.get(userId), body }),
    {},
  );

async function taskNow(id: string) {
  return (await t.db.select().from(s.tasks).where(eq(s.tasks.id, id)))[0]!;
}

const inDays = (d: number) => new Date(Date.now() + d * DAY);

describe('next task: order and eligibility', () => {
  it('hands out urgent before high (even due later), then earlier due first, no due time last', async () => {
    const { groupId, people } = await team(1);
    const me = people[0]!.id;
    const normalNoDue = await readyTask(groupId, 'normal, no due', { priority: 'normal' });
    const normalLate = await readyTask(groupId, 'normal, late', {
      priority: 'normal',
      dueAt: inDays(5),
    });
    const high = await readyTask(groupId, 'high, soon', { priority: 'high', dueAt: inDays(1) });
    const normalEarly = await readyTask(groupId, 'normal, early', {
      priority: 'normal',
      dueAt: inDays(2),
    });
    const urgent = await readyTask(groupId, 'urgent, later', {
      priority: 'urgent',
      dueAt: inDays(9),
    });
    const low = await readyTask(groupId, 'low, overdue', { priority: 'low', dueAt: inDays(-3) });

    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await next(me);
      expect(res.status).toBe(200);
      expect(res.body.task).toMatchObject({ status: 'claimed', assigneeId: me });
      got.push(res.body.task.id);
    }
    expect(got).toEqual([
      urgent.id,
      high.id,
      normalEarly.id,
      normalLate.id,
      normalNoDue.id,
      low.id,
    ]);
    const none = await next(me);
    expect(none).toEqual({
      status: 200,
      body: { task: null, message: 'No task is waiting for you.' },
    });
  });

  it('merges the queues of all the person’s groups, and never takes another group’s task', async () => {
    const a = await team(1);
    const b = await team(0);
    const other = await team(1);
    const me = a.people[0]!.id;
    await join(me, b.groupId);
    const aHigh = await readyTask(a.groupId, 'A high', { priority: 'high', dueAt: inDays(3) });
    const bHighSooner = await readyTask(b.groupId, 'B high sooner', {
      priority: 'high',
      dueAt: inDays(1),
    });
    const bNormal = await readyTask(b.groupId, 'B normal', { priority: 'normal' });
    const foreign = await readyTask(other.groupId, 'Other urgent', { priority: 'urgent' });

    const order = [];
    for (let i = 0; i < 3; i++) order.push((await next(me)).body.task.id);
    expect(order).toEqual([bHighSooner.id, aHigh.id, bNormal.id]);
    expect((await next(me)).body.task).toBeNull();
    expect(await taskNow(foreign.id)).toMatchObject({ status: 'ready', assigneeId: null });
  });

  it('walks past a long run of tasks it may not take (beyond one batch)', async () => {
    const { groupId, people } = await team(2);
    const [decider, other] = people;
    // The decider completed the payout decision of the case: its approval steps are barred to them.
    await t.db.insert(s.tasks).values({
      caseId: decidedCaseId,
      stepKey: 'adjuster-review',
      name: 'Adjuster review',
      status: 'completed',
      completedById: decider!.id,
      candidateGroupId: groupId,
      outcomes: [{ key: 'approve', label: 'Approve', fields: [{ name: 'payoutAmount' }] }],
    } as typeof s.tasks.$inferInsert);
    const approvals = [];
    for (let i = 0; i < 12; i++)
      approvals.push(
        await readyTask(groupId, `Approval ${i}`, {
          caseId: decidedCaseId,
          stepKey: 'approval',
          priority: 'urgent',
          dueAt: inDays(i),
          context: { approval: { requestedCents: 100 } },
        }),
      );
    const paused = await readyTask(groupId, 'Paused, high', {
      priority: 'high',
      pausedAt: new Date(),
      pauseReason: 'Waiting for the estimate',
    });
    const plain = await readyTask(groupId, 'Plain, normal', { priority: 'normal' });

    const res = await next(decider!.id);
    expect(res.body.task.id).toBe(plain.id);
    for (const a of approvals) expect(await taskNow(a.id)).toMatchObject({ status: 'ready' });
    expect(await taskNow(paused.id)).toMatchObject({ status: 'ready', assigneeId: null });
    // Nothing else is waiting for the decider: the paused task is never handed out.
    expect((await next(decider!.id)).body.task).toBeNull();
    // Someone else may approve: they get the most urgent approval.
    expect((await next(other!.id)).body.task).toMatchObject({
      id: approvals[0]!.id,
      assigneeId: other!.id,
    });
  });

  it('a supervisor of a group they are not a member of gets nothing from its queue', async () => {
    const { groupId } = await team(0);
    const sups = await team(1, 'supervisor');
    const sup = sups.people[0]!;
    await t.db.update(s.groups).set({ supervisorId: sup.id }).where(eq(s.groups.id, groupId));
    const task = await readyTask(groupId, 'Supervised only', { priority: 'urgent' });
    expect((await next(sup.id)).body.task).toBeNull();
    expect(await taskNow(task.id)).toMatchObject({ status: 'ready' });
  });

  it('a person with no groups is told nothing is waiting; a deactivated one is refused', async () => {
    const { people } = await team(2);
    const [lonely] = await t.db
      .insert(s.users)
      .values({ email: `lonely-${seq}@example.com`, name: 'Lonely', role: 'adjuster' })
      .returning();
    cookies.set(lonely!.id, await sessionCookie(lonely!));
    expect((await next(lonely!.id)).body).toEqual({
      task: null,
      message: 'No task is waiting for you.',
    });
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, people[0]!.id));
    expect((await next(people[0]!.id)).status).toBe(401);
  });
});

describe('next task: the race', () => {
  async function claimedEvents(taskIds: string[]) {
    return t.db
      .select({ taskId: s.auditEvents.taskId, actorId: s.auditEvents.actorId })
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'task.claimed'), inArray(s.auditEvents.taskId, taskIds)));
  }

  it('20 people pressing Next at the same moment each get a different task, the 20 most urgent', async () => {
    const { groupId, people } = await team(20);
    const tasks = [];
    for (let i = 0; i < 30; i++)
      tasks.push(
        await readyTask(groupId, `Race ${i}`, {
          priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4],
          dueAt: inDays(i),
        }),
      );
    const results = await Promise.all(people.map((p) => next(p.id)));
    expect(results.map((r) => r.status)).toEqual(people.map(() => 200));
    const won = results.map((r, i) => ({ taskId: r.body.task.id as string, by: people[i]!.id }));
    expect(new Set(won.map((w) => w.taskId)).size).toBe(20);
    // The DB agrees: each winner's task is claimed by exactly them.
    for (const w of won)
      expect(await taskNow(w.taskId)).toMatchObject({ status: 'claimed', assigneeId: w.by });
    const byUrgency = [...tasks].sort(
      (x, y) =>
        ['urgent', 'high', 'normal', 'low'].indexOf(x.priority) -
          ['urgent', 'high', 'normal', 'low'].indexOf(y.priority) ||
        x.dueAt!.getTime() - y.dueAt!.getTime(),
    );
    expect(new Set(won.map((w) => w.taskId))).toEqual(
      new Set(byUrgency.slice(0, 20).map((x) => x.id)),
    );
    const rest = await t.db.select().from(s.tasks).where(eq(s.tasks.candidateGroupId, groupId));
    expect(rest.filter((r) => r.status === 'claimed')).toHaveLength(20);
    // One audit event per claim, by the person who won it.
    const events = await claimedEvents(tasks.map((x) => x.id));
    expect(events).toHaveLength(20);
    expect(new Set(events.map((e) => `${e.taskId}:${e.actorId}`))).toEqual(
      new Set(won.map((w) => `${w.taskId}:${w.by}`)),
    );
  }, 60_000);

  it('more people than tasks: every task goes once, the rest are told nothing is waiting', async () => {
    const { groupId, people } = await team(20);
    const tasks = [];
    for (let i = 0; i < 7; i++)
      tasks.push(await readyTask(groupId, `Few ${i}`, { dueAt: inDays(i) }));
    const results = await Promise.all(people.map((p) => next(p.id)));
    const winners = results.filter((r) => r.body.task);
    expect(winners).toHaveLength(7);
    expect(new Set(winners.map((r) => r.body.task.id))).toEqual(new Set(tasks.map((x) => x.id)));
    expect(results.filter((r) => r.status === 200 && r.body.task === null)).toHaveLength(13);
    expect(await claimedEvents(tasks.map((x) => x.id))).toHaveLength(7);
  }, 60_000);

  it('the same person pressing Next 20 times at once gets 20 different tasks, all theirs', async () => {
    const { groupId, people } = await team(1);
    const me = people[0]!.id;
    const tasks = [];
    for (let i = 0; i < 25; i++)
      tasks.push(await readyTask(groupId, `Mine ${i}`, { priority: 'high', dueAt: inDays(i) }));
    const results = await Promise.all(Array.from({ length: 20 }, () => next(me)));
    const ids = results.map((r) => r.body.task?.id as string);
    expect(new Set(ids).size).toBe(20);
    expect(new Set(ids)).toEqual(new Set(tasks.slice(0, 20).map((x) => x.id)));
    for (const id of ids) expect(await taskNow(id)).toMatchObject({ assigneeId: me });
    const events = await claimedEvents(ids);
    expect(events).toHaveLength(20);
    expect(events.every((e) => e.actorId === me)).toBe(true);
  }, 60_000);

  it.runIf(onPostgres())('runs on more than one connection (the race is real)', async () => {
    // Two transactions at once are on two server processes: the pool is not one connection.
    const pids = await Promise.all(
      [0, 1].map(() =>
        t.db.transaction(async (tx) => {
          const rows = await tx.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.2)`);
          return (rows as { pid: number }[])[0]!.pid;
        }),
      ),
    );
    expect(new Set(pids).size).toBe(2);
  });
});

describe('next task: hostile requests', () => {
  let person: string;
  beforeAll(async () => {
    // A person with no groups: a request that gets through claims nothing.
    const [p] = await t.db
      .insert(s.users)
      .values({ email: 'hostile-next@example.com', name: 'Hostile', role: 'adjuster' })
      .returning();
    person = p!.id;
    cookies.set(person, await sessionCookie(p!));
  });

  it('answers only POST', () => {
    expect(Object.keys(nextRoute)).toEqual(['POST']);
  });

  it('refuses the unsigned, the cross-origin and the wrong media type', async () => {
    const anon = await call(nextRoute.POST, request('POST', '/api/tasks/next', { body: {} }), {});
    expect(anon.status).toBe(401);
    const cross = await call(
      nextRoute.POST,
      request('POST', '/api/tasks/next', {
        cookie: cookies.get(person),
        body: {},
        headers: { origin: 'https://evil.example' },
      }),
      {},
    );
    expect(cross.status).toBe(403);
    const form = await call(
      nextRoute.POST,
      request('POST', '/api/tasks/next', {
        cookie: cookies.get(person),
        body: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      {},
    );
    expect(form.status).toBe(415);
  });

  it('names the field of a body it does not take', async () => {
    const res = await next(person, { groupId: 'x' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('groupId');
    expect((await next(person, '{"a":')).status).toBe(400);
    expect((await next(person, '"\\u0000"')).status).toBe(400);
  });

  it('any body at all: a 4xx or the empty answer, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string({ unit: 'binary' })), async (body) => {
        const res = await next(person, body);
        if (res.status === 200) expect(res.body.task).toBeNull();
        else expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
