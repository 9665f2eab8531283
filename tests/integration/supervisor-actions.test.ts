import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { delegateCandidates } from '../../lib/domain/delegates';
import { releaseTask } from '../../lib/use-cases/release-task';
import { teamWorkload } from '../../lib/use-cases/team-workload';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as releaseRoute from '../../app/api/tasks/[id]/release/route';
import * as reassignRoute from '../../app/api/tasks/[id]/reassign/route';
import * as bulkRoute from '../../app/api/tasks/bulk-reassign/route';
import * as outOfOfficeRoute from '../../app/api/team/out-of-office/route';
import * as teamTasksRoute from '../../app/api/team/tasks/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const cookie = new Map<string, string>();
const group = new Map<string, string>();
let caseId: string;
let reference: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  // A group Sue Supervisor works in but does not supervise: she sees its tasks, may not move them.
  const [admin] = await t.db.select().from(s.users).where(eq(s.users.email, 'admin@example.com'));
  const [sue] = await t.db
    .select()
    .from(s.users)
    .where(eq(s.users.email, 'supervisor@example.com'));
  const [audit] = await t.db
    .insert(s.groups)
    .values({ key: 'audit-desk', name: 'Audit desk', supervisorId: admin!.id })
    .returning();
  await t.db.insert(s.groupMemberships).values({ groupId: audit!.id, userId: sue!.id });
  for (const u of await t.db.select().from(s.users)) {
    user.set(u.email, u);
    cookie.set(u.email, await sessionCookie(u));
  }
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
  const [c] = await t.db.select().from(s.cases).limit(1);
  const { id: _id, reference: _ref, ...rest } = c!;
  const [own] = await t.db
    .insert(s.cases)
    .values({ ...rest, reference: 'CLM-SUPV-000001' })
    .returning();
  caseId = own!.id;
  reference = own!.reference;
});
afterAll(async () => {
  await t?.close();
});

const id = (email: string) => user.get(email)!.id;
const actor = async (email: string) => (await loadUserActor(t.db, id(email)))!;

/** A fresh open task of a group (claimed when an assignee is given), due in two days. */
async function openTask(
  groupKey: string,
  assigneeEmail?: string,
  extra: Partial<typeof s.tasks.$inferInsert> = {},
) {
  const [task] = await t.db
    .insert(s.tasks)
    .values({
      caseId,
      stepKey: 'adjuster-review',
      name: 'Adjuster review',
      status: assigneeEmail ? 'claimed' : 'ready',
      assigneeId: assigneeEmail ? id(assigneeEmail) : null,
      candidateGroupId: group.get(groupKey)!,
      dueAt: new Date(Date.now() + 2 * 86_400_000),
      outcomes: [],
      ...extra,
    })
    .returning();
  return task!;
}

const post =
  (route: typeof releaseRoute | typeof reassignRoute, path: string, email: string) =>
  async (taskId: string, body: unknown) =>
    call(
      route.POST,
      request('POST', `/api/tasks/${taskId}/${path}`, { cookie: cookie.get(email), body }),
      { id: taskId },
    );
const release = (email: string) => post(releaseRoute, 'release', email);
const reassign = (email: string) => post(reassignRoute, 'reassign', email);

async function taskNow(taskId: string) {
  return (await t.db.select().from(s.tasks).where(eq(s.tasks.id, taskId)))[0]!;
}
async function notesOf(taskId: string, email: string) {
  return t.db
    .select()
    .from(s.notifications)
    .where(and(eq(s.notifications.taskId, taskId), eq(s.notifications.userId, id(email))));
}
async function eventsOf(taskId: string, action: string) {
  return t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.taskId, taskId), eq(s.auditEvents.action, action)));
}

describe('a supervisor releases someone else’s task', () => {
  it('without a reason: 400 naming reason, nothing changed, nobody told', async () => {
    const task = await openTask('claims-adjusters', 'adjuster@example.com');
    for (const body of [{}, { reason: '   ' }, { reason: null }]) {
      const res = await release('supervisor@example.com')(task.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation');
      expect(Object.keys(res.body.error.fields)).toEqual(['reason']);
    }
    expect(await taskNow(task.id)).toMatchObject({ status: 'claimed', version: task.version });
    expect(await notesOf(task.id, 'adjuster@example.com')).toEqual([]);
    expect(await eventsOf(task.id, 'task.released')).toEqual([]);
  });

  it('with a reason: released, audited with it, and the former assignee is told why', async () => {
    const task = await openTask('claims-adjusters', 'adjuster@example.com');
    const res = await release('supervisor@example.com')(task.id, {
      reason: 'Alex is on leave from today',
      version: task.version,
    });
    expect(res.status).toBe(200);
    expect(await taskNow(task.id)).toMatchObject({ status: 'ready', assigneeId: null });
    const [event] = await eventsOf(task.id, 'task.released');
    expect(event!.summary).toBe(
      'Released from Alex Adjuster to the queue by Sue Supervisor: Alex is on leave from today',
    );
    expect(event!.metadata).toMatchObject({
      reason: 'Alex is on leave from today',
      byName: 'Sue Supervisor',
      fromUserId: id('adjuster@example.com'),
    });
    const notes = await notesOf(task.id, 'adjuster@example.com');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain(reference);
    expect(notes[0]!.title).toContain('Sue Supervisor released it');
    expect(notes[0]!.body).toBe('Reason: Alex is on leave from today');
    expect(notes[0]!.createdAt.getTime()).toBe(event!.occurredAt.getTime());
  });

  it('the assignee’s own release needs no reason and notifies no one', async () => {
    const task = await openTask('claims-adjusters', 'adjuster@example.com');
    const res = await release('adjuster@example.com')(task.id, {});
    expect(res.status).toBe(200);
    expect(await notesOf(task.id, 'adjuster@example.com')).toEqual([]);
  });

  it('is one transaction: a failure after the update leaves no release, event or notification', async () => {
    const task = await openTask('claims-adjusters', 'adjuster@example.com');
    // The notification is written after the task row and its audit event: make it fail there.
    await t.db.execute(sql`create or replace function refuse_marked_note() returns trigger
      language plpgsql as $$ begin
        if new.body like '%FAIL-HERE%' then raise exception 'notification refused'; end if;
        return new;
      end $$`);
    await t.db.execute(sql`create trigger refuse_marked_note before insert on notifications
      for each row execute function refuse_marked_note()`);
    try {
      await expect(
        releaseTask(t.db, await actor('supervisor@example.com'), {
          taskId: task.id,
          reason: 'FAIL-HERE on purpose',
        }),
      ).rejects.toThrow();
    } finally {
      await t.db.execute(sql`drop trigger refuse_marked_note on notifications`);
    }
    expect(await taskNow(task.id)).toMatchObject({
      status: 'claimed',
      assigneeId: id('adjuster@example.com'),
      version: task.version,
    });
    expect(await eventsOf(task.id, 'task.released')).toEqual([]);
    expect(await notesOf(task.id, 'adjuster@example.com')).toEqual([]);
  });
});

describe('a supervisor reassigns any open task of their groups', () => {
  it('an open task that is neither escalated nor overdue, from one member to another', async () => {
    const task = await openTask('claims-adjusters', 'adjuster@example.com');
    const res = await reassign('supervisor@example.com')(task.id, {
      toUserId: id('adjuster2@example.com'),
      reason: 'Bea knows this garage',
      version: task.version,
    });
    expect(res.status).toBe(200);
    expect(await taskNow(task.id)).toMatchObject({
      status: 'claimed',
      assigneeId: id('adjuster2@example.com'),
    });
    const [event] = await eventsOf(task.id, 'task.reassigned');
    expect(event!.summary).toBe(
      'Reassigned from Alex Adjuster to Bea Brooks by Sue Supervisor: Bea knows this garage',
    );
    const [former] = await notesOf(task.id, 'adjuster@example.com');
    expect(former!.title).toContain(`${reference} “Adjuster review”`);
    expect(former!.title).toContain('reassigned it to Bea Brooks');
    expect(former!.body).toBe('Reason: Bea knows this garage');
    const [assigned] = await notesOf(task.id, 'adjuster2@example.com');
    expect(assigned!.title).toBe(`Sue Supervisor assigned you ${reference} “Adjuster review”`);
  });

  it('a task of a group they only work in: 403; of a group they cannot see: 404', async () => {
    const seen = await openTask('audit-desk');
    const res = await reassign('supervisor@example.com')(seen.id, {
      toUserId: id('supervisor@example.com'),
      reason: 'Taking it over',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const hidden = await openTask('special-investigations');
    const res2 = await reassign('supervisor@example.com')(hidden.id, {
      toUserId: id('siu@example.com'),
      reason: 'Taking it over',
    });
    expect(res2.status).toBe(404);
    expect(await taskNow(seen.id)).toMatchObject({ status: 'ready', version: 1 });
  });

  it('an adjuster may not reassign, even within their group', async () => {
    const task = await openTask('claims-adjusters', 'adjuster@example.com');
    const res = await reassign('adjuster@example.com')(task.id, {
      toUserId: id('adjuster2@example.com'),
      reason: 'Swap',
    });
    expect(res.status).toBe(403);
  });

  it('to someone outside the task’s group: 400 naming toUserId, the person and the group', async () => {
    const task = await openTask('claims-adjusters');
    const res = await reassign('supervisor@example.com')(task.id, {
      toUserId: id('senior@example.com'),
      reason: 'Needs a senior eye',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Sam Senior is not an active member of Claims adjusters, the group of this task.',
    );
    expect(res.body.error.fields).toEqual({
      toUserId: 'is not an active member of Claims adjusters',
    });
  });

  it('two supervisors at once: one wins, the other gets 409, nothing is doubled', async () => {
    const task = await openTask('claims-adjusters', 'adjuster@example.com');
    const [a, b] = await Promise.all([
      reassign('supervisor@example.com')(task.id, {
        toUserId: id('adjuster2@example.com'),
        reason: 'Balancing',
        version: task.version,
      }),
      reassign('admin@example.com')(task.id, {
        toUserId: null,
        reason: 'Back to the queue',
        version: task.version,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('conflict');
    expect(await taskNow(task.id)).toMatchObject({ version: task.version + 1 });
    expect(await eventsOf(task.id, 'task.reassigned')).toHaveLength(1);
    expect(await notesOf(task.id, 'adjuster@example.com')).toHaveLength(1);
  });
});

describe('bulk reassignment reports per task', () => {
  it('the tasks that can go, go; each other one says why', async () => {
    const ok = await openTask('claims-adjusters');
    const senior = await openTask('senior-adjusters');
    const closed = await openTask('claims-adjusters', undefined, { status: 'completed' });
    // An approval step of a case on which Bea completed the decision: four eyes bars her.
    const [c] = await t.db.select().from(s.cases).where(eq(s.cases.id, caseId));
    const { id: _i, reference: _r, ...rest } = c!;
    const [decided] = await t.db
      .insert(s.cases)
      .values({ ...rest, reference: 'CLM-SUPV-000002' })
      .returning();
    await t.db.insert(s.tasks).values({
      caseId: decided!.id,
      stepKey: 'adjuster-review',
      name: 'Adjuster review',
      status: 'completed',
      completedById: id('adjuster2@example.com'),
      candidateGroupId: group.get('claims-adjusters')!,
      outcomes: [{ key: 'approve', label: 'Approve', fields: [{ name: 'payoutAmount' }] }],
    } as typeof s.tasks.$inferInsert);
    const [approval] = await t.db
      .insert(s.tasks)
      .values({
        caseId: decided!.id,
        stepKey: 'approval',
        name: 'Approval',
        candidateGroupId: group.get('claims-adjusters')!,
        context: { approval: { requestedCents: 100 } },
      })
      .returning();
    const hidden = await openTask('special-investigations');
    const res = await call(
      bulkRoute.POST,
      request('POST', '/api/tasks/bulk-reassign', {
        cookie: cookie.get('supervisor@example.com'),
        body: {
          taskIds: [ok.id, senior.id, closed.id, approval!.id, hidden.id],
          toUserId: id('adjuster2@example.com'),
          reason: 'Bea takes these',
        },
      }),
      {},
    );
    expect(res.status).toBe(200);
    const byId = new Map(
      (res.body.results as { taskId: string }[]).map((r) => [r.taskId, r] as const),
    );
    expect(byId.get(ok.id)).toMatchObject({ ok: true, reference });
    expect(byId.get(senior.id)).toMatchObject({ ok: false, problem: 'not_member', reference });
    expect(byId.get(closed.id)).toMatchObject({ ok: false, problem: 'closed' });
    expect(byId.get(approval!.id)).toMatchObject({
      ok: false,
      problem: 'four_eyes',
      reference: 'CLM-SUPV-000002',
    });
    // A task the supervisor may not see is reported without a word about it.
    expect(byId.get(hidden.id)).toEqual({
      taskId: hidden.id,
      reference: null,
      name: null,
      ok: false,
      problem: 'not_found',
      message: 'Task was not found.',
    });
    expect(res.body.tasks.map((x: { id: string }) => x.id)).toEqual([ok.id]);
    expect(await taskNow(ok.id)).toMatchObject({ assigneeId: id('adjuster2@example.com') });
    expect(await taskNow(senior.id)).toMatchObject({ status: 'ready', assigneeId: null });
    expect(await taskNow(approval!.id)).toMatchObject({ status: 'ready', assigneeId: null });
  });
});

describe('out of office from the team page', () => {
  const setOoo = (email: string, body: unknown) =>
    call(
      outOfOfficeRoute.POST,
      request('POST', '/api/team/out-of-office', { cookie: cookie.get(email), body }),
      {},
    );

  it('a delegate from another group: 400 naming delegateId; one from the same group is saved', async () => {
    const away = id('adjuster@example.com');
    const res = await setOoo('supervisor@example.com', {
      userId: away,
      outOfOffice: true,
      delegateId: id('senior@example.com'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      delegateId: 'is not an active member of the same groups',
    });
    expect(res.body.error.message).toContain('Sam Senior cannot stand in for Alex Adjuster');
    const [still] = await t.db.select().from(s.users).where(eq(s.users.id, away));
    expect(still).toMatchObject({ outOfOffice: false, delegateId: null });
    const ok = await setOoo('supervisor@example.com', {
      userId: away,
      outOfOffice: true,
      delegateId: id('adjuster2@example.com'),
    });
    expect(ok.status).toBe(200);
    await setOoo('supervisor@example.com', { userId: away, outOfOffice: false });
  });

  it('the picker offers only people who share a group with the person', async () => {
    const w = await teamWorkload(t.db, await actor('supervisor@example.com'), new Date());
    const alex = w.people.find((p) => p.email === 'adjuster@example.com')!;
    expect(alex.groupIds).toEqual([group.get('claims-adjusters')]);
    const offered = delegateCandidates(alex, w.people).map((p) => p.email);
    expect(offered).toContain('adjuster2@example.com');
    expect(offered).not.toContain('senior@example.com');
    expect(offered).not.toContain('adjuster@example.com');
  });
});

describe('the team page’s open work', () => {
  const list = (email: string, query: Record<string, string> = {}) =>
    call(
      teamTasksRoute.GET,
      request('GET', `/api/team/tasks?${new URLSearchParams(query)}`, {
        cookie: cookie.get(email),
      }),
      {},
    );

  it('lists every open task of the supervised groups, in keyset pages, with filters', async () => {
    const mine = await openTask('claims-adjusters', 'adjuster2@example.com');
    const pages: { id: string; groupId: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await list('supervisor@example.com', {
        limit: '7',
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      pages.push(...res.body.tasks);
      cursor = res.body.nextCursor;
    } while (cursor);
    const ids = pages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(mine.id);
    const supervised = new Set(
      ['claims-adjusters', 'senior-adjusters', 'claims-supervisors', 'claims-intake'].map((k) =>
        group.get(k)!,
      ),
    );
    expect(pages.every((p) => supervised.has(p.groupId))).toBe(true);
    const byBea = await list('supervisor@example.com', { assignee: id('adjuster2@example.com') });
    expect(byBea.body.tasks.map((x: { id: string }) => x.id)).toContain(mine.id);
    const found = await list('supervisor@example.com', { q: 'supv-000001' });
    expect(found.body.tasks.length).toBeGreaterThan(0);
    expect(found.body.tasks.every((x: { reference: string }) => x.reference === reference)).toBe(
      true,
    );
  });

  it('refuses adjusters, groups not supervised and forged cursors', async () => {
    expect((await list('adjuster@example.com')).status).toBe(403);
    const other = await list('supervisor@example.com', {
      group: group.get('special-investigations')!,
    });
    expect(other.status).toBe(400);
    expect(other.body.error.fields).toHaveProperty('group');
    const forged = await list('supervisor@example.com', { cursor: 'bm90LWEtY3Vyc29y' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields).toHaveProperty('cursor');
  });

  it('never answers hostile query strings with a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            group: fc.oneof(fc.uuid(), fc.string()),
            assignee: fc.oneof(fc.constant('none'), fc.uuid(), fc.string()),
            due: fc.oneof(fc.constantFrom('overdue', 'due_soon', 'on_time'), fc.string()),
            escalated: fc.oneof(fc.constant('true'), fc.string()),
            q: fc.oneof(fc.string(), fc.constant('%_\\'), fc.constant('\u0000')),
            cursor: fc.oneof(fc.base64String(), fc.string()),
            limit: fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), fc.string()),
          },
          { requiredKeys: [] },
        ),
        async (query) => {
          const res = await list('supervisor@example.com', query);
          expect([200, 400]).toContain(res.status);
          if (res.status === 400)
            expect(Object.keys(res.body.error.fields ?? {}).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
