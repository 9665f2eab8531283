import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, request } from '../helpers/http';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { expireWaits } from '../../lib/use-cases/expire-waits';
import { completeTask } from '../../lib/use-cases/complete-task';
import { claimTask } from '../../lib/use-cases/claim-task';
import { createTestDb, type TestDb } from '../helpers/test-db';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as eventsRoute from '../../app/api/v1/cases/[id]/events/route';

// Issue 13 item 5: information that arrives after the wait deadline joins the follow-up task.
const TOKEN = 'demo-intake-token';
let t: TestDb;
let seq = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
});
afterAll(async () => {
  await t?.close();
});

async function openClaim() {
  const res = await call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: TOKEN,
      headers: { 'idempotency-key': `late-${++seq}` },
      body: {
        caseType: 'auto-claim',
        data: {
          policyNumber: 'POL-123456',
          claimant: { name: `Late Sender ${seq}`, email: 'late@example.com' },
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

async function actor(email: string) {
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, email));
  return (await loadUserActor(t.db, u!.id))!;
}

async function work(email: string, taskId: string, outcome: string, data = {}) {
  const a = await actor(email);
  const claimed = await claimTask(t.db, a, { taskId });
  return completeTask(t.db, a, { taskId, outcome, data, expectedVersion: claimed.version });
}

async function openTasks(caseId: string) {
  return t.db
    .select()
    .from(s.tasks)
    .where(and(eq(s.tasks.caseId, caseId), inArray(s.tasks.status, ['ready', 'claimed'])));
}

async function getCase(id: string) {
  const [c] = await t.db.select().from(s.cases).where(eq(s.cases.id, id));
  return c!;
}

function sendEvent(caseId: string, type: string, data: Record<string, unknown>) {
  return call(
    eventsRoute.POST,
    request('POST', `/api/v1/cases/${caseId}/events`, { bearer: TOKEN, body: { type, data } }),
    { id: caseId },
  );
}

/** A claim whose information request timed out: the follow-up task is open, claimed by the adjuster. */
async function timedOutClaim() {
  const c = await openClaim();
  await work('adjuster@example.com', c.tasks[0]!.id, 'request_information', {
    question: 'Photos please',
  });
  const { waitUntil } = await getCase(c.id);
  expect(await expireWaits(t.db, waitUntil!)).toBeGreaterThanOrEqual(1);
  const [followUp] = await openTasks(c.id);
  expect(followUp!.context).toMatchObject({ followUp: true, timedOut: true });
  // Sticky follow-up (issue 17): it is already back with the adjuster who asked.
  const adjuster = await actor('adjuster@example.com');
  expect(followUp).toMatchObject({ status: 'claimed', assigneeId: adjuster.id });
  return { c, followUp: followUp! };
}

describe('information that arrives after the wait deadline', () => {
  it('is accepted: kept on the case, shown on the open follow-up task, its assignee told', async () => {
    const { c, followUp } = await timedOutClaim();
    const res = await sendEvent(c.id, 'information_received', { photos: 3 });
    expect(res.status).toBe(202);
    expect(res.body.case).toMatchObject({ id: c.id, status: 'open' });

    const after = await getCase(c.id);
    expect(after.status).toBe('open');
    expect(after.data.information).toEqual([
      expect.objectContaining({ photos: 3, receivedAt: expect.any(String) }),
    ]);
    // No second follow-up: the information joins the task that is already open.
    const tasks = await openTasks(c.id);
    expect(tasks.map((x) => x.id)).toEqual([followUp.id]);
    expect(tasks[0]!.context).toMatchObject({
      followUp: true,
      timedOut: true,
      event: 'information_received',
      information: { photos: 3 },
    });
    expect(tasks[0]!.version).toBe(followUp.version + 1);

    const [audit] = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.caseId, c.id),
          eq(s.auditEvents.action, 'case.information_received_late'),
        ),
      );
    expect(audit).toMatchObject({ taskId: followUp.id, actorType: 'token' });
    expect(audit!.metadata).toMatchObject({
      event: 'information_received',
      information: { photos: 3 },
    });

    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.taskId, followUp.id), eq(s.notifications.kind, 'info')));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      userId: followUp.assigneeId,
      link: `/tasks/${followUp.id}`,
    });
    const [mail] = await t.db
      .select()
      .from(s.emailOutbox)
      .where(eq(s.emailOutbox.notificationId, notes[0]!.id));
    expect(mail!.toAddress).toBe('adjuster@example.com');
  });

  it('a second delivery is kept too: the task lists both, the assignee is told again', async () => {
    const { c, followUp } = await timedOutClaim();
    expect((await sendEvent(c.id, 'information_received', { photos: 3 })).status).toBe(202);
    expect((await sendEvent(c.id, 'information_received', { invoice: 'INV-7' })).status).toBe(202);
    const [task] = await openTasks(c.id);
    expect(task!.context.information).toEqual([
      expect.objectContaining({ photos: 3 }),
      expect.objectContaining({ invoice: 'INV-7' }),
    ]);
    expect((await getCase(c.id)).data.information).toHaveLength(2);
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.taskId, followUp.id), eq(s.notifications.kind, 'info')))
      .orderBy(asc(s.notifications.createdAt));
    expect(notes).toHaveLength(2);
  });

  it('a completion prepared before the information arrived is refused as stale', async () => {
    const { c, followUp } = await timedOutClaim();
    expect((await sendEvent(c.id, 'information_received', { photos: 3 })).status).toBe(202);
    await expect(
      completeTask(t.db, await actor('adjuster@example.com'), {
        taskId: followUp.id,
        outcome: 'deny',
        data: { reason: 'No photos' },
        expectedVersion: followUp.version,
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: /changed since you loaded it/ });
    expect((await getCase(c.id)).status).toBe('open');
  });

  it('an event nothing waited for is still refused, and nothing is recorded', async () => {
    const c = await openClaim();
    const res = await sendEvent(c.id, 'information_received', { photos: 3 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    expect((await getCase(c.id)).data.information).toBeUndefined();
  });

  it('a closed case refuses events with a 409 that says it is closed', async () => {
    const { c, followUp } = await timedOutClaim();
    const a = await actor('adjuster@example.com');
    await completeTask(t.db, a, {
      taskId: followUp.id,
      outcome: 'deny',
      data: { reason: 'Not covered' },
      expectedVersion: followUp.version,
    });
    expect((await getCase(c.id)).status).toBe('closed');
    const res = await sendEvent(c.id, 'information_received', { photos: 3 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/is closed; it no longer accepts events/);
    expect((await getCase(c.id)).data.information).toBeUndefined();
  });
});
