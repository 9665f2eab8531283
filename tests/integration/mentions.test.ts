/**
 * Issue 14: @mentions pick people by id from those who can be mentioned on the task, typed
 * handles ("@bea") resolve by name or are reported back, notifications name the case; and the
 * follow-up of an information request keeps who asked, the question and the answer.
 */
import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { claimTask } from '../../lib/use-cases/claim-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { expireWaits } from '../../lib/use-cases/expire-waits';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as eventsRoute from '../../app/api/v1/cases/[id]/events/route';
import * as commentsRoute from '../../app/api/tasks/[id]/comments/route';
import * as mentionableRoute from '../../app/api/tasks/[id]/mentionable/route';
import * as caseCommentsRoute from '../../app/api/cases/[id]/comments/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

const TOKEN = 'demo-intake-token';
let t: TestDb;
let seq = 0;
const cookie = new Map<string, string>();
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    cookie.set(u.email, await sessionCookie(u));
    ids.set(u.email, u.id);
  }
});
afterAll(async () => {
  await t?.close();
});

const id = (email: string) => ids.get(email)!;

async function openClaim() {
  const res = await call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: TOKEN,
      headers: { 'idempotency-key': `mentions-${++seq}` },
      body: {
        caseType: 'auto-claim',
        data: {
          policyNumber: 'POL-123456',
          claimant: { name: `Mia Mention ${seq}`, email: 'mia@example.com' },
          incidentDate: new Date().toISOString().slice(0, 10),
          damageEstimate: 12000,
          deductible: 500,
          coverageLimit: 100000,
          fraudScore: 0.1,
        },
      },
    }),
    {},
  );
  expect(res.status).toBe(201);
  return res.body.case as { id: string; reference: string; tasks: { id: string }[] };
}

function comment(email: string, taskId: string, body: unknown) {
  return call(
    commentsRoute.POST,
    request('POST', `/api/tasks/${taskId}/comments`, { cookie: cookie.get(email), body }),
    { id: taskId },
  );
}

async function notificationsOf(taskId: string) {
  return t.db
    .select()
    .from(s.notifications)
    .where(and(eq(s.notifications.taskId, taskId), eq(s.notifications.kind, 'mention')));
}

describe('who can be mentioned', () => {
  it('lists the task group’s members and supervisor, never the commenter or outsiders', async () => {
    const c = await openClaim();
    const res = await call(
      mentionableRoute.GET,
      request('GET', `/api/tasks/${c.tasks[0]!.id}/mentionable`, {
        cookie: cookie.get('adjuster@example.com'),
      }),
      { id: c.tasks[0]!.id },
    );
    expect(res.status).toBe(200);
    expect(res.body.people.map((p: { name: string }) => p.name)).toEqual([
      'Bea Brooks',
      'Sue Supervisor',
    ]);
    expect(res.body.people[0]).toEqual({
      id: id('adjuster2@example.com'),
      name: 'Bea Brooks',
      email: 'adjuster2@example.com',
      outOfOffice: false,
    });
    // Someone who cannot see the task learns nothing about it, nor who works on it.
    const outsider = await call(
      mentionableRoute.GET,
      request('GET', `/api/tasks/${c.tasks[0]!.id}/mentionable`, {
        cookie: cookie.get('siu@example.com'),
      }),
      { id: c.tasks[0]!.id },
    );
    expect(outsider.status).toBe(404);
  });
});

describe('mentions by id', () => {
  it('notify exactly the person picked, naming the case reference and linking the task', async () => {
    const c = await openClaim();
    const taskId = c.tasks[0]!.id;
    const res = await comment('adjuster@example.com', taskId, {
      body: 'Please check the estimate, @Sue Supervisor',
      mentions: [id('supervisor@example.com')],
    });
    expect(res.status).toBe(201);
    expect(res.body.notified).toEqual([
      { id: id('supervisor@example.com'), name: 'Sue Supervisor' },
    ]);
    expect(res.body.unresolved).toEqual([]);
    expect(res.body.comment.mentionedUserIds).toEqual([id('supervisor@example.com')]);
    const notes = await notificationsOf(taskId);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      userId: id('supervisor@example.com'),
      title: `Alex Adjuster mentioned you on ${c.reference} · Adjuster review`,
      link: `/tasks/${taskId}`,
    });
    // The comment lists say whom it notified.
    const list = await call(
      caseCommentsRoute.GET,
      request('GET', `/api/cases/${c.id}/comments`, { cookie: cookie.get('adjuster@example.com') }),
      { id: c.id },
    );
    expect(list.body.comments.at(-1).mentioned).toEqual([
      { id: id('supervisor@example.com'), name: 'Sue Supervisor' },
    ]);
  });

  it('refuse someone who cannot be mentioned on the task with a 400 naming the field', async () => {
    const c = await openClaim();
    const taskId = c.tasks[0]!.id;
    const siu = await comment('adjuster@example.com', taskId, {
      body: 'Hi @Ivy Investigator',
      mentions: [id('adjuster2@example.com'), id('siu@example.com')],
    });
    expect(siu.status).toBe(400);
    expect(Object.keys(siu.body.error.fields)).toEqual(['mentions.1']);
    expect(siu.body.error.fields['mentions.1']).toMatch(/not someone who can be mentioned/);
    const self = await comment('adjuster@example.com', taskId, {
      body: 'Note to self',
      mentions: [id('adjuster@example.com')],
    });
    expect(self.status).toBe(400);
    expect(self.body.error.fields['mentions.0']).toMatch(/is you/);
    const notId = await comment('adjuster@example.com', taskId, {
      body: 'x',
      mentions: ['bea'],
    });
    expect(notId.status).toBe(400);
    expect(notId.body.error.fields).toHaveProperty('mentions.0');
    // Nothing was written, nobody notified.
    const rows = await t.db.select().from(s.comments).where(eq(s.comments.taskId, taskId));
    expect(rows).toHaveLength(0);
    expect(await notificationsOf(taskId)).toHaveLength(0);
  });
});

describe('typed handles', () => {
  it('“@bea” names Bea Brooks (no longer dropped); a handle naming no one comes back as not notified', async () => {
    const c = await openClaim();
    const taskId = c.tasks[0]!.id;
    const res = await comment('adjuster@example.com', taskId, {
      body: 'Can @bea look at this? And @nobody, and mail ada@example.com',
    });
    expect(res.status).toBe(201);
    expect(res.body.notified).toEqual([{ id: id('adjuster2@example.com'), name: 'Bea Brooks' }]);
    expect(res.body.unresolved).toEqual([
      { handle: 'nobody', problem: 'matches no one who can be mentioned on this task' },
    ]);
    const notes = await notificationsOf(taskId);
    expect(notes.map((n) => n.userId)).toEqual([id('adjuster2@example.com')]);
    expect(notes[0]!.title).toContain(c.reference);
    // The e-mail prefix form of old comments still works.
    const old = await comment('supervisor@example.com', taskId, { body: '@adjuster2 thanks' });
    expect(old.body.notified).toEqual([{ id: id('adjuster2@example.com'), name: 'Bea Brooks' }]);
  });
});

describe('the comment endpoint under arbitrary input', () => {
  it('answers 201 or a 4xx naming a field, never a 500', async () => {
    const c = await openClaim();
    const taskId = c.tasks[0]!.id;
    const uuid = fc.constantFrom(
      id('adjuster2@example.com'),
      id('supervisor@example.com'),
      id('siu@example.com'),
      id('admin@example.com'),
      '00000000-0000-4000-8000-000000000000',
    );
    const mention = fc.oneof(uuid, fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null));
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 60, unit: 'binary' }),
      fc.constantFrom('@', '@@bea', '@bea\u0000', '@\ud800', ' ', '@Bea Brooks'.repeat(500)),
      fc.constant('x'.repeat(5001)),
    );
    const body = fc.oneof(
      fc.record(
        { body: text, mentions: fc.array(mention, { maxLength: 25 }) },
        {
          requiredKeys: ['body'],
        },
      ),
      fc.record({ body: text, extra: fc.string() }),
      fc.anything({ maxDepth: 2 }),
    );
    let ok = 0;
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('adjuster2@example.com', 'supervisor@example.com'),
        async (b, who) => {
          const res = await comment(who, taskId, b);
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          if (res.status === 201) ok++;
          else if (res.status === 400) expect(res.body.error.fields).toBeTruthy();
          // No JSON body at all (415) or the person's comments per minute used up (429).
          else expect([415, 429]).toContain(res.status);
        },
      ),
      { numRuns: 120 },
    );
    expect(ok).toBeGreaterThan(0);
  });
});

describe('the follow-up of an information request', () => {
  async function askedClaim(question: string) {
    const c = await openClaim();
    const adjuster = (await loadUserActor(t.db, id('adjuster@example.com')))!;
    const claimed = await claimTask(t.db, adjuster, { taskId: c.tasks[0]!.id });
    const asked = await completeTask(t.db, adjuster, {
      taskId: claimed.id,
      outcome: 'request_information',
      data: { question },
      expectedVersion: claimed.version,
    });
    const [waiting] = await t.db.select().from(s.cases).where(eq(s.cases.id, c.id));
    return { c, asked, waitUntil: waiting!.waitUntil! };
  }

  async function followUpOf(caseId: string) {
    const [task] = await t.db
      .select()
      .from(s.tasks)
      .where(and(eq(s.tasks.caseId, caseId), inArray(s.tasks.status, ['ready', 'claimed'])));
    return task!;
  }

  it('keeps who asked, the question, when, and the answer with when it came', async () => {
    const { c, asked, waitUntil } = await askedClaim('Which garage repaired the car?');
    const res = await call(
      eventsRoute.POST,
      request('POST', `/api/v1/cases/${c.id}/events`, {
        bearer: TOKEN,
        body: { type: 'information_received', data: { garage: 'Miller & Sons', photos: 4 } },
      }),
      { id: c.id },
    );
    expect(res.status).toBe(202);
    const task = await followUpOf(c.id);
    expect(task.context).toMatchObject({
      followUp: true,
      event: 'information_received',
      information: { garage: 'Miller & Sons', photos: 4, receivedAt: expect.any(String) },
      receivedFrom: 'Demo intake portal',
      request: {
        taskId: asked.id,
        askedById: id('adjuster@example.com'),
        askedBy: 'Alex Adjuster',
        question: 'Which garage repaired the car?',
        askedAt: asked.completedAt!.toISOString(),
        waitUntil: waitUntil.toISOString(),
      },
    });
    // The reason under the title is words, not the internal event name.
    // Sticky follow-up (issue 17): back with the adjuster who asked, and the reason says so.
    expect(task.routing?.summary).toBe(
      'Follow-up: the answer to Alex Adjuster’s question arrived. Kept with Alex Adjuster, who handled the case before.',
    );
  });

  it('keeps the request when nothing arrived by the deadline', async () => {
    const { c, waitUntil } = await askedClaim('Photos of the damage, please');
    expect(await expireWaits(t.db, waitUntil)).toBeGreaterThanOrEqual(1);
    const task = await followUpOf(c.id);
    expect(task.context).toMatchObject({
      followUp: true,
      timedOut: true,
      request: {
        askedBy: 'Alex Adjuster',
        question: 'Photos of the damage, please',
        waitUntil: waitUntil.toISOString(),
      },
    });
    expect(task.routing?.summary).toBe(
      'Follow-up: no answer to Alex Adjuster’s question by the deadline. Kept with Alex Adjuster, who handled the case before.',
    );
  });
});
