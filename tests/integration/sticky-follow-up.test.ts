import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { getDefinitionVersion } from '../../lib/data/definitions';
import { loadUserActor } from '../../lib/data/users';
import { stickyProblems, type HumanStep } from '../../lib/domain/case-definition';
import { createHumanTask } from '../../lib/engine/create-human-task';
import { claimTask } from '../../lib/use-cases/claim-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { expireWaits } from '../../lib/use-cases/expire-waits';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as eventsRoute from '../../app/api/v1/cases/[id]/events/route';
import { call, request } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

// Issue 17 item 5: the follow-up after information_received goes back to who handled the case.
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

async function userId(email: string) {
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, email));
  return u!.id;
}
const actor = async (email: string) => (await loadUserActor(t.db, await userId(email)))!;

async function openClaim() {
  const res = await call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: TOKEN,
      headers: { 'idempotency-key': `sticky-${++seq}-${Date.now()}` },
      body: {
        caseType: 'auto-claim',
        data: {
          policyNumber: 'POL-123456',
          claimant: { name: `Sticky Claimant ${seq}`, email: 'sticky@example.com' },
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
  return res.body.case as { id: string; tasks: { id: string }[] };
}

async function openTasks(caseId: string) {
  return t.db
    .select()
    .from(s.tasks)
    .where(and(eq(s.tasks.caseId, caseId), inArray(s.tasks.status, ['ready', 'claimed'])))
    .orderBy(asc(s.tasks.createdAt));
}

/** `email` claims the task and asks the claimant a question; the case waits. */
async function ask(email: string, taskId: string) {
  const a = await actor(email);
  const task = (await openTasks((await getTaskCase(taskId))!)).find((x) => x.id === taskId)!;
  const version =
    task.assigneeId === a.id ? task.version : (await claimTask(t.db, a, { taskId })).version;
  await completeTask(t.db, a, {
    taskId,
    outcome: 'request_information',
    data: { question: 'Photos, please' },
    expectedVersion: version,
  });
}

async function getTaskCase(taskId: string) {
  const [task] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, taskId));
  return task?.caseId;
}

async function answer(caseId: string) {
  const res = await call(
    eventsRoute.POST,
    request('POST', `/api/v1/cases/${caseId}/events`, {
      bearer: TOKEN,
      body: { type: 'information_received', data: { photos: 2 } },
    }),
    { id: caseId },
  );
  expect(res.status).toBe(202);
  const [followUp] = await openTasks(caseId);
  return followUp!;
}

async function setUser(email: string, patch: Partial<typeof s.users.$inferInsert>) {
  await t.db
    .update(s.users)
    .set(patch)
    .where(eq(s.users.id, await userId(email)));
}

async function createdEvent(taskId: string) {
  const [e] = await t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.taskId, taskId), eq(s.auditEvents.action, 'task.created')));
  return e!;
}

describe('sticky follow-ups', () => {
  it('the follow-up after information_received goes back to the adjuster who asked', async () => {
    const c = await openClaim();
    // The first review has nobody to stick to: the step's strategy (the queue) applies.
    expect(await openTasks(c.id)).toMatchObject([{ status: 'ready', assigneeId: null }]);
    await ask('adjuster2@example.com', c.tasks[0]!.id);
    const followUp = await answer(c.id);
    expect(followUp).toMatchObject({
      stepKey: 'adjuster-review',
      status: 'claimed',
      assigneeId: await userId('adjuster2@example.com'),
    });
    expect(followUp.routing?.summary).toContain(
      'Kept with Bea Brooks, who handled the case before.',
    );
    expect((await createdEvent(followUp.id)).summary).toContain('Kept with Bea Brooks');
    // The person is told it is theirs.
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.taskId, followUp.id));
    expect(notes.map((n) => n.userId)).toEqual([await userId('adjuster2@example.com')]);

    // Any later task of the case in the same group stays with them too.
    await ask('adjuster2@example.com', followUp.id);
    const again = await answer(c.id);
    expect(again.id).not.toBe(followUp.id);
    expect(again).toMatchObject({
      status: 'claimed',
      assigneeId: await userId('adjuster2@example.com'),
    });
  });

  it('goes to the queue — not to the delegate — while that person is out of office', async () => {
    const c = await openClaim();
    await ask('adjuster@example.com', c.tasks[0]!.id);
    await setUser('adjuster@example.com', {
      outOfOffice: true,
      delegateId: await userId('adjuster2@example.com'),
    });
    try {
      const followUp = await answer(c.id);
      expect(followUp).toMatchObject({ status: 'ready', assigneeId: null });
      expect(followUp.routing?.summary).toContain('To the queue: Alex Adjuster is out of office.');
    } finally {
      await setUser('adjuster@example.com', { outOfOffice: false, delegateId: null });
    }
  });

  it('goes to the queue when that person was deactivated, also when the wait times out', async () => {
    const c = await openClaim();
    await ask('adjuster@example.com', c.tasks[0]!.id);
    await setUser('adjuster@example.com', { active: false });
    try {
      const [waiting] = await t.db.select().from(s.cases).where(eq(s.cases.id, c.id));
      expect(await expireWaits(t.db, waiting!.waitUntil!)).toBeGreaterThanOrEqual(1);
      const [followUp] = await openTasks(c.id);
      expect(followUp).toMatchObject({ status: 'ready', assigneeId: null });
      expect(followUp!.routing?.summary).toContain('Alex Adjuster is no longer active');
    } finally {
      await setUser('adjuster@example.com', { active: true });
    }
  });

  it('never sticks across groups: a sticky step of another group routes as usual', async () => {
    const c = await openClaim();
    await ask('adjuster@example.com', c.tasks[0]!.id);
    const [row] = await t.db.select().from(s.cases).where(eq(s.cases.id, c.id));
    const def = (await getDefinitionVersion(t.db, row!.caseTypeVersionId))!.definition;
    const senior = def.steps.find((x) => x.key === 'senior-review') as HumanStep;
    const adjusterStep = def.steps.find((x) => x.key === 'adjuster-review') as HumanStep;
    expect(senior.sticky && adjusterStep.sticky).toBe(true);
    expect(stickyProblems(def)).toEqual({});
    const made = await t.db.transaction(async (tx) => {
      const ctx = { tx, now: new Date(), random: Math.random };
      // senior-review is sticky, but nobody of Senior adjusters handled the case: its strategy.
      const a = await createHumanTask(ctx, row!, def, senior, {});
      // adjuster-review routed by a rule to another group: no one there handled it either.
      const b = await createHumanTask(ctx, row!, def, adjusterStep, {
        routing: {
          rule: null,
          stepKey: 'adjuster-review',
          groupKey: 'senior-adjusters',
          straightThrough: false,
        },
      });
      return [a, b];
    });
    const rows = await t.db
      .select()
      .from(s.tasks)
      .where(
        inArray(
          s.tasks.id,
          made.map((m) => m.id),
        ),
      );
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'ready', assigneeId: null });
      expect(r.routing?.summary).not.toContain('Kept with');
    }
  });
});
