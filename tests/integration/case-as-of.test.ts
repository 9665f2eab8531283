import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { authenticateBearer } from '../../lib/auth/bearer';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { failNextPayments } from '../../lib/engine/billing-simulator';
import { getCaseAsOf } from '../../lib/use-cases/case-as-of';
import { claimTask } from '../../lib/use-cases/claim-task';
import { commentOnTask } from '../../lib/use-cases/comment-on-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { deactivateUser } from '../../lib/use-cases/deactivate-user';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { expireWaits } from '../../lib/use-cases/expire-waits';
import { openCase } from '../../lib/use-cases/open-case';
import { reassignTask } from '../../lib/use-cases/reassign-task';
import { receiveCaseEvent } from '../../lib/use-cases/receive-case-event';
import { releaseTask } from '../../lib/use-cases/release-task';
import { retryDueSteps } from '../../lib/use-cases/retry-due-steps';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { capture, type Captured } from '../helpers/case-as-of-live';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const after = (d: Date | null | undefined, minutes = 1) =>
  new Date(d!.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: T0 });
  useDatabaseForTests(t);
});
afterAll(async () => {
  failNextPayments(0);
  await t?.close();
});

async function user(email: string) {
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, email));
  return (await loadUserActor(t.db, u!.id))!;
}
const token = () => authenticateBearer(t.db, 'Bearer demo-intake-token', T0);
async function tasksOf(caseId: string) {
  return t.db
    .select()
    .from(s.tasks)
    .where(eq(s.tasks.caseId, caseId))
    .orderBy(asc(s.tasks.createdAt));
}
const claimData = (damageEstimate: number) => ({
  policyNumber: 'POL-123456',
  claimant: { name: 'Ada Byron', email: 'ada@example.com' },
  incidentDate: T0.toISOString().slice(0, 10),
  damageEstimate,
  deductible: 500,
  coverageLimit: 100000,
  fraudScore: 0.1,
});
async function open(damageEstimate: number, key: string) {
  const r = await openCase(
    t.db,
    await token(),
    { caseType: 'auto-claim', data: claimData(damageEstimate) },
    key,
    T0,
  );
  return r.case.id;
}

/**
 * For every event of the case: the view as of right after it (through the API's use-case)
 * equals the live state captured right after the step that wrote it. Each step runs at its own
 * time and stamps all its events with it, which the test checks too.
 */
async function expectEveryEventReplays(caseId: string, steps: Captured[]) {
  const admin = await user('admin@example.com');
  const events = await t.db
    .select()
    .from(s.auditEvents)
    .where(eq(s.auditEvents.caseId, caseId))
    .orderBy(asc(s.auditEvents.chainSeq));
  expect(events.length).toBe(steps.at(-1)!.lastSeq);
  for (const e of events) {
    const i = steps.findIndex((c) => e.chainSeq! <= c.lastSeq);
    const step = steps[i]!;
    expect(e.occurredAt.toISOString(), `${e.action} of "${step.label}"`).toBe(
      step.now.toISOString(),
    );
    const r = await getCaseAsOf(t.db, admin, caseId, { event: String(e.id) });
    if (r.mode !== 'view') throw new Error('expected a view');
    expect(r.unknownActions).toEqual([]);
    expect(r.view.snapshot, `as of ${e.action} (#${e.chainSeq}) in "${step.label}"`).toEqual(
      step.snapshot,
    );
    expect(r.view.stoppedAt!.seq).toBe(step.lastSeq);
  }
  // As of a time: between two steps, the earlier step's state with the clock read then.
  const r = await getCaseAsOf(t.db, admin, caseId, { at: steps[0]!.now.toISOString() });
  expect(r.mode === 'view' && r.view.snapshot).toEqual(steps[0]!.snapshot);
  return events.map((e) => e.action);
}

describe('the case as of any moment, rebuilt from its audit events', () => {
  it('equals the live state right after every event of a case driven through its whole life', async () => {
    const steps: Captured[] = [];
    const adjuster = await user('adjuster@example.com');
    const adjuster2 = await user('adjuster2@example.com');
    const supervisor = await user('supervisor@example.com');
    const admin = await user('admin@example.com');
    const caseId = await open(6000, 'as-of-life');
    await capture(t.db, caseId, 'intake', T0, steps);
    const step = async (label: string, now: Date, run: () => Promise<unknown>) => {
      await run();
      await capture(t.db, caseId, label, now, steps);
    };
    const [review] = await tasksOf(caseId);
    await step('claim', at(5), () => claimTask(t.db, adjuster, { taskId: review!.id }, at(5)));
    await step('comment', at(10), () =>
      commentOnTask(t.db, adjuster, { taskId: review!.id, body: 'Photos look fine.' }, at(10)),
    );
    await step('release', at(15), () =>
      releaseTask(t.db, adjuster, { taskId: review!.id }, at(15)),
    );
    await step('reassign', at(20), () =>
      reassignTask(
        t.db,
        supervisor,
        { taskId: review!.id, toUserId: adjuster2.id, reason: 'Balance the queue' },
        at(20),
      ),
    );
    let [row] = await tasksOf(caseId);
    const remindAt = after(row!.remindAt);
    await step('reminder sweep', remindAt, () => sendDueReminders(t.db, remindAt));
    const level1 = after(row!.dueAt);
    await step('escalation level 1', level1, () => escalateDueTasks(t.db, level1));
    [row] = await tasksOf(caseId);
    const level2 = after(row!.nextEscalationAt);
    await step('escalation level 2', level2, () => escalateDueTasks(t.db, level2));
    [row] = await tasksOf(caseId);
    expect(row).toMatchObject({ escalationLevel: 2, assigneeId: supervisor.id });
    const asked = after(level2, 60);
    await step('request information', asked, () =>
      completeTask(
        t.db,
        supervisor,
        { taskId: review!.id, outcome: 'request_information', data: { question: 'Receipts?' } },
        asked,
      ),
    );
    const [c] = await t.db.select().from(s.cases).where(eq(s.cases.id, caseId));
    const expired = after(c!.waitUntil);
    await step('wait deadline', expired, () => expireWaits(t.db, expired));
    const late = after(expired, 60);
    await step('late information', late, async () =>
      receiveCaseEvent(
        t.db,
        await token(),
        { caseId, type: 'information_received', data: { receipts: 3 } },
        late,
      ),
    );
    const followUp = (await tasksOf(caseId))[1]!;
    await step('claim follow-up', after(late, 60), () =>
      claimTask(t.db, adjuster2, { taskId: followUp.id }, after(late, 60)),
    );
    await step('deactivate holder', after(late, 120), () =>
      deactivateUser(t.db, admin, adjuster2.id, after(late, 120)),
    );
    await step('claim again', after(late, 180), () =>
      claimTask(t.db, adjuster, { taskId: followUp.id }, after(late, 180)),
    );
    failNextPayments(1);
    await step('approve (payment fails once)', after(late, 240), () =>
      completeTask(
        t.db,
        adjuster,
        { taskId: followUp.id, outcome: 'approve', data: { payoutAmount: 5500 } },
        after(late, 240),
      ),
    );
    await step('payment retried', after(late, 480), () => retryDueSteps(t.db, after(late, 480)));
    expect(steps.at(-1)!.snapshot).toMatchObject({ status: 'closed', resolution: 'approved' });

    const actions = await expectEveryEventReplays(caseId, steps);
    expect(new Set(actions)).toEqual(
      new Set([
        'case.opened',
        'step.succeeded',
        'case.routed',
        'task.created',
        'task.claimed',
        'comment.added',
        'task.released',
        'task.reassigned',
        'task.reminded',
        'task.escalated',
        'task.completed',
        'case.waiting',
        'case.resumed',
        'case.information_received_late',
        'task.returned_to_queue',
        'payout.approved',
        'step.queued',
        'step.retry_scheduled',
        'case.closed',
      ]),
    );
  });

  it('covers an approval above the decider’s authority: approval requested, second task, approved', async () => {
    const steps: Captured[] = [];
    const [senior, supervisor] = await Promise.all([
      user('senior@example.com'),
      user('supervisor@example.com'),
    ]);
    const caseId = await open(70_000, 'as-of-approval');
    await capture(t.db, caseId, 'intake', T0, steps);
    const [review] = await tasksOf(caseId);
    await claimTask(t.db, senior, { taskId: review!.id }, at(5));
    await capture(t.db, caseId, 'claim', at(5), steps);
    await completeTask(
      t.db,
      senior,
      { taskId: review!.id, outcome: 'approve', data: { payoutAmount: 69_500 } },
      at(10),
    );
    await capture(t.db, caseId, 'decide', at(10), steps);
    const approval = (await tasksOf(caseId))[1]!;
    await claimTask(t.db, supervisor, { taskId: approval.id }, at(15));
    await capture(t.db, caseId, 'claim approval', at(15), steps);
    await completeTask(
      t.db,
      supervisor,
      { taskId: approval.id, outcome: 'approve', data: { payoutAmount: 69_500 } },
      at(20),
    );
    await capture(t.db, caseId, 'approve', at(20), steps);
    const actions = await expectEveryEventReplays(caseId, steps);
    expect(actions).toContain('payout.approval_requested');
    expect(steps.at(-1)!.snapshot.status).toBe('closed');
  });
});
