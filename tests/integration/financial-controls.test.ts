import { and, asc, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { DomainError } from '../../lib/errors';
import { claimTask } from '../../lib/use-cases/claim-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { getTaskDetail } from '../../lib/use-cases/get-task-detail';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { reassignTask } from '../../lib/use-cases/reassign-task';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as completeRoute from '../../app/api/tasks/[id]/complete/route';
import * as claimRoute from '../../app/api/tasks/[id]/claim/route';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as eventsRoute from '../../app/api/v1/cases/[id]/events/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * The financial controls of issue 12, tried each way around: bounds, reasons, authority,
 * approval chains, approvals that survive send-backs and information requests, fraud routes,
 * and four eyes for every role — through the real use-cases and routes.
 */
let t: TestDb;
let seq = 0;
beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
});
afterAll(async () => {
  await t?.close();
});

const today = new Date().toISOString().slice(0, 10);
const claimData = (o: Record<string, unknown> = {}) => ({
  policyNumber: 'POL-123456',
  claimant: { name: `Controls Claimant ${++seq}`, email: 'c@example.com' },
  incidentDate: today,
  damageEstimate: 28200,
  deductible: 500,
  coverageLimit: 100000,
  fraudScore: 0.1,
  ...o,
});

async function open(data: Record<string, unknown>) {
  const res = await call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: 'demo-intake-token',
      headers: { 'idempotency-key': `fc-${++seq}-${Math.random()}` },
      body: { caseType: 'auto-claim', data },
    }),
    {},
  );
  expect(res.status).toBe(201);
  return res.body.case as { id: string; tasks: { id: string; name: string }[] };
}

async function actor(email: string) {
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, email));
  return (await loadUserActor(t.db, u!.id))!;
}

async function openTask(caseId: string) {
  const rows = await t.db
    .select({ task: s.tasks, groupKey: s.groups.key })
    .from(s.tasks)
    .leftJoin(s.groups, eq(s.groups.id, s.tasks.candidateGroupId))
    .where(and(eq(s.tasks.caseId, caseId), inArray(s.tasks.status, ['ready', 'claimed'])));
  expect(rows).toHaveLength(1);
  return { ...rows[0]!.task, groupKey: rows[0]!.groupKey };
}

async function decide(email: string, taskId: string, outcome: string, data = {}) {
  const a = await actor(email);
  // Sticky steps (issue 17) hand a follow-up straight back to who handled the case: no claim then.
  const [held] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, taskId));
  const claimed =
    held?.status === 'claimed' && held.assigneeId === a.id
      ? held
      : await claimTask(t.db, a, { taskId });
  return completeTask(t.db, a, { taskId, outcome, data, expectedVersion: claimed.version });
}

async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const getCase = async (id: string) =>
  (await t.db.select().from(s.cases).where(eq(s.cases.id, id)))[0]!;

async function events(caseId: string, action: string) {
  return t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.caseId, caseId), eq(s.auditEvents.action, action)))
    .orderBy(asc(s.auditEvents.occurredAt));
}

describe('bounds and reasons on the approved amount', () => {
  it('refuses more than the coverage limit less the deductible, naming the field, and changes nothing', async () => {
    const c = await open(claimData());
    const task = await openTask(c.id);
    const e = await refusal(
      decide('adjuster@example.com', task.id, 'approve', { payoutAmount: 9_999_999 }),
    );
    expect(e.code).toBe('validation');
    expect(e.fields?.['data.payoutAmount']).toMatch(
      /coverage limit less the deductible \(99,500\)/,
    );
    const after = await getCase(c.id);
    expect(after.status).toBe('open');
    expect(after.data.approvedPayout).toBeUndefined();
    expect((await t.db.select().from(s.tasks).where(eq(s.tasks.id, task.id)))[0]!.status).toBe(
      'claimed',
    );
  });

  it('needs a written reason when the amount strays more than 10% from the recommendation', async () => {
    const c = await open(claimData());
    const task = await openTask(c.id);
    const e = await refusal(
      decide('adjuster@example.com', task.id, 'approve', { payoutAmount: 31_000 }),
    );
    expect(e.fields?.['data.varianceReason']).toMatch(/recommended payout \(27,700\).*10%/);
    // Within 10%: no reason needed.
    const a = await actor('adjuster@example.com');
    await completeTask(t.db, a, {
      taskId: task.id,
      outcome: 'approve',
      data: { payoutAmount: 30_000 },
    });
    expect((await getCase(c.id)).data.approvedPayout).toBe(30_000);
  });
});

describe('authority limits decide, at completion, whether an approval step is needed', () => {
  it('an adjuster approving above 50,000 does not close the case: Senior adjusters get an approval step showing the request', async () => {
    const c = await open(claimData());
    const task = await openTask(c.id);
    await decide('adjuster@example.com', task.id, 'approve', {
      payoutAmount: 60_000,
      varianceReason: 'Second estimate from the body shop',
    });
    const after = await getCase(c.id);
    expect(after.status).toBe('open');
    expect(after.data.approvedPayout).toBeUndefined();
    expect(after.data.paymentId).toBeUndefined();
    const approval = await openTask(c.id);
    expect(approval.groupKey).toBe('senior-adjusters');
    expect(approval.context.approval).toMatchObject({
      requestedCents: 6_000_000,
      recommendedCents: 2_770_000,
      reason: 'Second estimate from the body shop',
      requestedBy: { name: 'Alex Adjuster' },
      cause: 'above_authority',
      requesterAuthority: { maxCents: 5_000_000, label: 'Claims adjusters' },
    });
    const [requested] = await events(c.id, 'payout.approval_requested');
    expect(requested!.summary).toMatch(
      /60,000.*above the authority used \(Claims adjusters: up to 50,000\).*Senior adjusters/,
    );

    // Approving the requested amount adopts the requester's reason; a new amount needs its own.
    await decide('senior@example.com', approval.id, 'approve', { payoutAmount: 60_000 });
    const closed = await getCase(c.id);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'approved' });
    expect(closed.data.approvedPayout).toBe(60_000);
    const [approved] = await events(c.id, 'payout.approved');
    expect(approved!.metadata).toMatchObject({
      requestedCents: 6_000_000,
      authority: { label: 'Senior adjusters', maxCents: 10_000_000 },
      approver: { name: 'Sam Senior' },
    });
  });

  it('chains approvals until the amount is covered: supervisor raises to 260,000, Claims management approves', async () => {
    const c = await open(claimData({ damageEstimate: 300_500, coverageLimit: 400_000 }));
    // Routed to Senior adjusters (over 50,000), with a rule-required second approval.
    const review = await openTask(c.id);
    await decide('senior@example.com', review.id, 'approve', {
      payoutAmount: 240_000,
      varianceReason: 'Salvage value deducted',
    });
    const first = await openTask(c.id);
    expect(first.groupKey).toBe('claims-supervisors');
    await decide('supervisor@example.com', first.id, 'approve', {
      payoutAmount: 260_000,
      varianceReason: 'Rental car costs added',
    });
    const second = await openTask(c.id);
    expect(second.groupKey).toBe('claims-management');
    expect(second.context.approval).toMatchObject({
      requestedCents: 26_000_000,
      cause: 'above_authority',
      requestedStepKey: 'senior-review',
    });
    await decide('admin@example.com', second.id, 'approve', {
      payoutAmount: 260_000,
      varianceReason: 'Rental car costs added',
    });
    const closed = await getCase(c.id);
    expect(closed.status).toBe('closed');
    expect(closed.data.approvedPayout).toBe(260_000);
    expect(await events(c.id, 'payout.approval_requested')).toHaveLength(2);
  });

  it('a personal limit overrides the groups’: an adjuster allowed 60,000 approves 55,000 alone', async () => {
    const adj2 = await actor('adjuster2@example.com');
    const [limit] = await t.db.insert(s.authorityLimits).values({ userId: adj2.id }).returning();
    await t.db
      .insert(s.authorityLimitVersions)
      .values({ limitId: limit!.id, version: 1, maxAmountCents: 6_000_000 });
    try {
      const c = await open(claimData({ damageEstimate: 50_400 })); // 49,900 recommended
      const task = await openTask(c.id);
      await decide('adjuster2@example.com', task.id, 'approve', {
        payoutAmount: 55_000,
        varianceReason: 'Towing added',
      });
      expect((await getCase(c.id)).status).toBe('closed');
    } finally {
      await t.db.delete(s.authorityLimits).where(eq(s.authorityLimits.id, limit!.id));
    }
  });

  it('a fraud-flagged large claim needs an approval above the fraud team’s authority, like any other', async () => {
    const c = await open(
      claimData({ damageEstimate: 150_000, coverageLimit: 200_000, fraudScore: 0.85 }),
    );
    const review = await openTask(c.id);
    expect(review.groupKey).toBe('special-investigations');
    await decide('siu@example.com', review.id, 'approve', { payoutAmount: 149_500 });
    expect((await getCase(c.id)).data.paymentId).toBeUndefined();
    const approval = await openTask(c.id);
    expect(approval.groupKey).toBe('claims-supervisors');
    await decide('supervisor@example.com', approval.id, 'approve', { payoutAmount: 149_500 });
    expect((await getCase(c.id)).status).toBe('closed');
  });
});

describe('what the review of issue 12 found', () => {
  it('the recommendation never exceeds coverage less deductible (estimate above the limit)', async () => {
    const c = await open(
      claimData({ damageEstimate: 10_000, deductible: 1_000, coverageLimit: 5_000 }),
    );
    const after = await getCase(c.id);
    expect(after.data.recommendedPayout).toBe(4_000);
    expect(after).toMatchObject({ status: 'closed', resolution: 'approved' });
  });

  it('an approver who raises the amount does not pay it alone: the raise needs another approver', async () => {
    const c = await open(claimData());
    await decide('adjuster@example.com', (await openTask(c.id)).id, 'approve', {
      payoutAmount: 60_000,
      varianceReason: 'Second estimate',
    });
    const first = await openTask(c.id);
    await decide('senior@example.com', first.id, 'approve', {
      payoutAmount: 66_000,
      varianceReason: 'Towing on top',
    });
    expect((await getCase(c.id)).data.approvedPayout).toBeUndefined();
    const raise = await openTask(c.id);
    expect(raise.groupKey).toBe('senior-adjusters');
    expect(raise.context.approval).toMatchObject({
      requestedCents: 6_600_000,
      cause: 'raised_above_request',
      requestedBy: { name: 'Sam Senior' },
    });
    // The senior who raised it is barred; someone else approves.
    const senior = await actor('senior@example.com');
    expect((await refusal(claimTask(t.db, senior, { taskId: raise.id }))).message).toMatch(
      /Four eyes/,
    );
    await decide('admin@example.com', raise.id, 'approve', { payoutAmount: 66_000 });
    expect(await getCase(c.id)).toMatchObject({ status: 'closed' });
    expect((await getCase(c.id)).data.approvedPayout).toBe(66_000);
  });

  it('a straight-through rule pays nothing above the automatic approval limit without a person', async () => {
    await t.db
      .update(s.thresholdSettings)
      .set({ value: 1_000 })
      .where(eq(s.thresholdSettings.key, 'automatic-approval-limit'));
    try {
      const c = await open(claimData({ damageEstimate: 3_500 })); // 3,000 recommended
      const held = await getCase(c.id);
      expect(held.status).toBe('open');
      expect(held.data.paymentId).toBeUndefined();
      const approval = await openTask(c.id);
      expect(approval.groupKey).toBe('claims-adjusters');
      expect(approval.context.approval).toMatchObject({
        requestedCents: 300_000,
        cause: 'above_authority',
        requesterAuthority: { label: 'automatic approval', maxCents: 100_000 },
      });
      await decide('adjuster@example.com', approval.id, 'approve', { payoutAmount: 3_000 });
      expect(await getCase(c.id)).toMatchObject({ status: 'closed', resolution: 'approved' });
    } finally {
      await t.db
        .update(s.thresholdSettings)
        .set({ value: 5_000 })
        .where(eq(s.thresholdSettings.key, 'automatic-approval-limit'));
    }
  });
});

describe('the approval a routing rule demands stays with the case', () => {
  it('after a send-back, the senior adjuster’s new decision of 80,000 needs the approval again', async () => {
    const c = await open(claimData({ damageEstimate: 80_500, coverageLimit: 150_000 }));
    const review = await openTask(c.id);
    await decide('senior@example.com', review.id, 'approve', { payoutAmount: 80_000 });
    const approval = await openTask(c.id);
    expect(approval.groupKey).toBe('claims-supervisors');
    expect(approval.context.approval).toMatchObject({ cause: 'required_by_rule' });
    await decide('supervisor@example.com', approval.id, 'send_back', {
      reason: 'Check the invoice',
    });
    const again = await openTask(c.id);
    expect(again.stepKey).toBe('senior-review');
    await decide('senior@example.com', again.id, 'approve', { payoutAmount: 80_000 });
    expect((await getCase(c.id)).data.paymentId).toBeUndefined();
    expect((await openTask(c.id)).stepKey).toBe('supervisor-approval');
  });

  it('after an information request, the follow-up decision of 90,000 needs the approval again', async () => {
    const c = await open(claimData({ damageEstimate: 90_500, coverageLimit: 150_000 }));
    const review = await openTask(c.id);
    await decide('senior@example.com', review.id, 'request_information', { question: 'Photos?' });
    const res = await call(
      eventsRoute.POST,
      request('POST', `/api/v1/cases/${c.id}/events`, {
        bearer: 'demo-intake-token',
        body: { type: 'information_received', data: { photos: 4 } },
      }),
      { id: c.id },
    );
    expect(res.status).toBeLessThan(300);
    const followUp = await openTask(c.id);
    await decide('senior@example.com', followUp.id, 'approve', { payoutAmount: 90_000 });
    expect((await getCase(c.id)).data.paymentId).toBeUndefined();
    expect((await openTask(c.id)).groupKey).toBe('claims-supervisors');
  });
});

describe('four eyes: no one approves a case they decided', () => {
  async function supervisorDecides() {
    // The supervisor supervises Senior adjusters, so may claim its review…
    const c = await open(claimData({ damageEstimate: 70_500, coverageLimit: 150_000 }));
    const review = await openTask(c.id);
    await decide('supervisor@example.com', review.id, 'approve', { payoutAmount: 70_000 });
    const approval = await openTask(c.id);
    expect(approval.groupKey).toBe('claims-supervisors');
    return { c, approval };
  }

  it('…but not its approval: claim and complete answer 403 with the reason, audited', async () => {
    const { c, approval } = await supervisorDecides();
    const sup = await actor('supervisor@example.com');
    const e = await refusal(claimTask(t.db, sup, { taskId: approval.id }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/Four eyes/);
    const refused = await events(c.id, 'auth.refused');
    expect(refused.at(-1)!.summary).toMatch(/task\.claim.*Four eyes/);

    const res = await call(
      claimRoute.POST,
      request('POST', `/api/tasks/${approval.id}/claim`, {
        cookie: await sessionCookie({ ...sup, role: sup.role }),
        body: {},
      }),
      { id: approval.id },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Four eyes/);
    const detail = await getTaskDetail(t.db, sup, approval.id);
    expect(detail.controls.fourEyes).toMatch(/Four eyes/);
    // The inbox does not offer it to them either; the admin may claim it.
    const queue = `group:${approval.candidateGroupId}`;
    const mine = await listInbox(
      t.db,
      sup,
      inboxFilterSchema.parse({ queue, limit: 100 }),
      new Date(),
    );
    expect(mine.tasks.find((r) => r.id === approval.id)?.fourEyes).toBe(true);
    const admin = await actor('admin@example.com');
    const theirs = await listInbox(
      t.db,
      admin,
      inboxFilterSchema.parse({ queue, limit: 100 }),
      new Date(),
    );
    expect(theirs.tasks.find((r) => r.id === approval.id)?.fourEyes).toBe(false);
  });

  it('an admin who decided can neither claim the approval nor complete it, even when it is with them', async () => {
    const c = await open(claimData({ damageEstimate: 70_500, coverageLimit: 150_000 }));
    const review = await openTask(c.id);
    await decide('admin@example.com', review.id, 'approve', { payoutAmount: 70_000 });
    const approval = await openTask(c.id);
    const admin = await actor('admin@example.com');
    const e2 = await refusal(claimTask(t.db, admin, { taskId: approval.id }));
    expect(e2.message).toMatch(/Four eyes/);
    // Put with them by hand (as data from before these controls could be): completing is still refused.
    await t.db
      .update(s.tasks)
      .set({ status: 'claimed', assigneeId: admin.id })
      .where(eq(s.tasks.id, approval.id));
    const res = await call(
      completeRoute.POST,
      request('POST', `/api/tasks/${approval.id}/complete`, {
        cookie: await sessionCookie({ ...admin, role: admin.role }),
        body: { outcome: 'approve', data: { payoutAmount: 70_000 } },
      }),
      { id: approval.id },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Four eyes/);
    expect((await getCase(c.id)).data.paymentId).toBeUndefined();
  });

  it('a level-2 escalation does not hand the approval to the supervisor who decided: it goes to the queue', async () => {
    const { approval } = await supervisorDecides();
    const adjusted = new Date(Date.now() - 1000);
    // Someone else holds it, it is overdue at level 1, and level 2 would reassign to the supervisor.
    const senior = await actor('senior@example.com');
    await t.db
      .update(s.tasks)
      .set({
        status: 'claimed',
        assigneeId: senior.id,
        escalationLevel: 1,
        dueAt: new Date(Date.now() - 30 * 86_400_000),
        nextEscalationAt: adjusted,
        slaPolicyId: (
          await t.db.select().from(s.slaPolicies).where(eq(s.slaPolicies.key, 'adjuster-review'))
        )[0]!.id,
      })
      .where(eq(s.tasks.id, approval.id));
    await escalateDueTasks(t.db, new Date());
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, approval.id));
    expect(row).toMatchObject({ status: 'ready', assigneeId: null, escalationLevel: 2 });
    const [esc] = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.taskId, approval.id), eq(s.auditEvents.action, 'task.escalated')),
      );
    expect(esc!.summary).toMatch(/four eyes/);
  });

  it('reassigning an approval to the person who decided is refused (403, audited)', async () => {
    const { approval } = await supervisorDecides();
    const sup = await actor('supervisor@example.com');
    const admin = await actor('admin@example.com');
    const e = await refusal(
      reassignTask(t.db, admin, { taskId: approval.id, toUserId: sup.id, reason: 'cover' }),
    );
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/Four eyes: that person/);
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, approval.id));
    expect(row!.assigneeId).toBeNull();
  });

  it('someone else may approve: another supervisor-group member or the admin', async () => {
    const { c, approval } = await supervisorDecides();
    await decide('admin@example.com', approval.id, 'approve', { payoutAmount: 70_000 });
    expect((await getCase(c.id)).status).toBe('closed');
  });
});

describe('hostile amounts and reasons', () => {
  it('never answers 500 and never pays more than allowed (generated input)', async () => {
    const adjuster = await actor('adjuster@example.com');
    const cookie = await sessionCookie({ ...adjuster, role: adjuster.role });
    let task = await freshTask(adjuster);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.double(),
          fc.integer({ min: -1e12, max: 1e12 }),
          fc.constantFrom(27_700, 30_000, 99_500, 99_500.01, 1e308, -0, 0.001, 27_700.005),
          fc.string(),
          fc.constant(null),
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('\u0000', 'ok\ud800', ' ', 'x'.repeat(5000), 'Body shop quote'),
          fc.integer(),
          fc.object(),
        ),
        async (payoutAmount, varianceReason) => {
          const res = await call(
            completeRoute.POST,
            request('POST', `/api/tasks/${task.id}/complete`, {
              cookie,
              body: { outcome: 'approve', data: { payoutAmount, varianceReason } },
            }),
            { id: task.id },
          );
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          if (res.status < 300) {
            const c = await getCase(task.caseId);
            const paid = c.data.approvedPayout;
            if (typeof paid === 'number') expect(paid).toBeLessThanOrEqual(50_000);
            task = await freshTask(adjuster);
          } else expect(res.body.error.message).toBeTruthy();
        },
      ),
      { numRuns: 60 },
    );
  });
});

async function freshTask(adjuster: Awaited<ReturnType<typeof actor>>) {
  const c = await open(claimData());
  const task = await openTask(c.id);
  await claimTask(t.db, adjuster, { taskId: task.id });
  return task;
}
