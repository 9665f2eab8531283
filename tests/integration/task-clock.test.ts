import { and, asc, eq, isNotNull } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { authenticateBearer } from '../../lib/auth/bearer';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { addBusinessMinutes, makeCalendar } from '../../lib/domain/business-calendar';
import { getCaseAsOf } from '../../lib/use-cases/case-as-of';
import { bulkReassignTasks } from '../../lib/use-cases/bulk-reassign-tasks';
import { claimTask } from '../../lib/use-cases/claim-task';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { extendTaskDeadline } from '../../lib/use-cases/extend-task-deadline';
import { openCase } from '../../lib/use-cases/open-case';
import { pauseTask } from '../../lib/use-cases/pause-task';
import { reassignTask } from '../../lib/use-cases/reassign-task';
import { receiveCaseEventResult } from '../../lib/use-cases/receive-case-event';
import { releaseTask } from '../../lib/use-cases/release-task';
import { resumeTask } from '../../lib/use-cases/resume-task';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { slaFigures } from '../../lib/use-cases/sla-figures';
import * as pauseRoute from '../../app/api/tasks/[id]/pause/route';
import * as resumeRoute from '../../app/api/tasks/[id]/resume/route';
import * as extendRoute from '../../app/api/tasks/[id]/extend/route';
import * as eventsRoute from '../../app/api/v1/cases/[id]/events/route';
import { liveSnapshot } from '../helpers/case-as-of-live';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
// 2026-11-27 is a Friday. The demo calendar is made UTC, Monday to Friday 09:00–17:00.
const FRIDAY = new Date('2026-11-27T09:30:00Z');
const at = (iso: string) => new Date(iso);
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const hours9to17 = { start: '09:00', end: '17:00' };
const workingHours = {
  '1': [hours9to17],
  '2': [hours9to17],
  '3': [hours9to17],
  '4': [hours9to17],
  '5': [hours9to17],
};
const cal = makeCalendar({ timeZone: 'UTC', workingHours });
const cookie = new Map<string, string>();
const userId = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: at('2026-11-26T08:00:00Z') });
  useDatabaseForTests(t);
  // Every calendar (the demo has one): UTC, Monday to Friday 09:00–17:00, no holidays.
  await t.db
    .update(s.businessCalendars)
    .set({ timeZone: 'UTC', workingHours })
    .where(isNotNull(s.businessCalendars.id));
  await t.db.delete(s.calendarHolidays).where(isNotNull(s.calendarHolidays.id));
  for (const u of await t.db.select().from(s.users)) {
    cookie.set(u.email, await sessionCookie(u));
    userId.set(u.email, u.id);
  }
});
afterAll(async () => {
  await t?.close();
});

const actor = async (email: string) => (await loadUserActor(t.db, userId.get(email)!))!;
const token = () => authenticateBearer(t.db, 'Bearer demo-intake-token', FRIDAY);
let keyNo = 0;

/** A fresh auto claim opened at `when`: its adjuster review (claims adjusters, 2 business days). */
async function openReview(when: Date) {
  const r = await openCase(
    t.db,
    await token(),
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: 'Ada Byron', email: 'ada@example.com' },
        incidentDate: '2026-11-20',
        damageEstimate: 6000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
    `task-clock-${++keyNo}`,
    when,
  );
  const [task] = await tasksOf(r.case.id);
  expect(task).toMatchObject({ stepKey: 'adjuster-review', status: 'ready' });
  return task!;
}
async function tasksOf(caseId: string) {
  return t.db
    .select()
    .from(s.tasks)
    .where(eq(s.tasks.caseId, caseId))
    .orderBy(asc(s.tasks.createdAt));
}
async function taskNow(id: string) {
  return (await t.db.select().from(s.tasks).where(eq(s.tasks.id, id)))[0]!;
}
async function eventsOf(taskId: string, action: string) {
  return t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.taskId, taskId), eq(s.auditEvents.action, action)))
    .orderBy(asc(s.auditEvents.chainSeq));
}
const post =
  (route: { POST: typeof pauseRoute.POST }, path: string, email: string) =>
  (taskId: string, body: unknown, headers?: Record<string, string>) =>
    call(
      route.POST,
      request('POST', `/api/tasks/${taskId}/${path}`, { cookie: cookie.get(email), body, headers }),
      { id: taskId },
    );

describe('a paused clock across a weekend, through the real use-cases', () => {
  it('Friday 16:00 to the claimant’s answer on Monday 10:00 moves every time by 120 working minutes', async () => {
    const adjuster = await actor('adjuster@example.com');
    const opened = await openReview(FRIDAY);
    await claimTask(t.db, adjuster, { taskId: opened.id }, minutes(FRIDAY, 5));
    const before = await taskNow(opened.id);
    // 2 business days from Friday 09:30; reminder 4 working hours before.
    expect(before.dueAt).toEqual(at('2026-12-01T09:30:00Z'));
    expect(before.remindAt).toEqual(at('2026-11-30T13:30:00Z'));
    expect(before.nextEscalationAt).not.toBeNull();

    const paused = await pauseTask(
      t.db,
      adjuster,
      {
        taskId: opened.id,
        reason: 'Waiting for the repair invoice',
        resumeOnEvent: 'information_received',
      },
      at('2026-11-27T16:00:00Z'),
    );
    expect(paused).toMatchObject({
      remindAt: null,
      nextEscalationAt: null,
      pausedForEvent: 'information_received',
    });
    // Nothing is reminded or escalated while the clock stands, whatever the time.
    await sendDueReminders(t.db, at('2026-11-30T09:59:00Z'));
    await escalateDueTasks(t.db, at('2026-11-30T09:59:00Z'));

    const received = await receiveCaseEventResult(
      t.db,
      await token(),
      { caseId: opened.caseId, type: 'information_received', data: { invoice: 'INV-7' } },
      at('2026-11-30T10:00:00Z'),
    );
    expect(received.resumedTasks).toEqual([
      { id: opened.id, name: opened.name, pausedMinutes: 120, dueAt: '2026-12-01T11:30:00.000Z' },
    ]);
    const after = await taskNow(opened.id);
    const shifted = (d: Date | null) => addBusinessMinutes(d!, 120, cal);
    expect(after).toMatchObject({
      pausedAt: null,
      pausedClock: null,
      pausedMinutes: 120,
      dueAt: at('2026-12-01T11:30:00Z'),
      dueSoonAt: shifted(before.dueSoonAt),
      remindAt: at('2026-11-30T15:30:00Z'),
      nextEscalationAt: shifted(before.nextEscalationAt),
      slaDueAt: null,
      remindedAt: null,
      escalationLevel: 0,
    });
    const [resumed] = await eventsOf(opened.id, 'task.resumed');
    expect(resumed).toMatchObject({
      actorType: 'token',
      metadata: { pausedMinutes: 120, event: 'information_received' },
    });

    // Not at the old reminder time; at the shifted one.
    await sendDueReminders(t.db, at('2026-11-30T13:31:00Z'));
    expect((await taskNow(opened.id)).remindedAt).toBeNull();
    await sendDueReminders(t.db, at('2026-11-30T15:30:00Z'));
    expect((await taskNow(opened.id)).remindedAt).toEqual(at('2026-11-30T15:30:00Z'));
    // Not at the old escalation time; at the shifted one.
    await escalateDueTasks(t.db, minutes(before.nextEscalationAt!, 1));
    expect((await taskNow(opened.id)).escalationLevel).toBe(0);
    await escalateDueTasks(t.db, after.nextEscalationAt!);
    expect((await taskNow(opened.id)).escalationLevel).toBe(1);

    // The case as of now, rebuilt from its events, shows the moved due time like the live row.
    const admin = await actor('admin@example.com');
    const moment = at('2026-12-01T12:00:00Z');
    const r = await getCaseAsOf(t.db, admin, opened.caseId, { at: moment.toISOString() });
    if (r.mode !== 'view') throw new Error('expected a view');
    expect(r.unknownActions).toEqual([]);
    expect(r.view.snapshot).toEqual(await liveSnapshot(t.db, opened.caseId, moment));
    expect(r.view.snapshot.tasks[0]!.dueAt).toBe('2026-12-01T11:30:00.000Z');
  });

  it('paused by hand: the sweeps pass it by for days; resumed, it is reminded and escalates', async () => {
    const adjuster = await actor('adjuster@example.com');
    const opened = await openReview(FRIDAY);
    await claimTask(t.db, adjuster, { taskId: opened.id }, minutes(FRIDAY, 5));
    const before = await taskNow(opened.id);
    await pauseTask(
      t.db,
      adjuster,
      { taskId: opened.id, reason: 'Claimant on holiday' },
      at('2026-11-27T16:00:00Z'),
    );
    await sendDueReminders(t.db, at('2026-12-03T12:00:00Z'));
    await escalateDueTasks(t.db, at('2026-12-03T12:00:00Z'));
    expect(await taskNow(opened.id)).toMatchObject({ remindedAt: null, escalationLevel: 0 });
    expect(await eventsOf(opened.id, 'task.reminded')).toEqual([]);

    // Paused Friday 16:00 to Thursday 12:00: 1 + 8 × 3 + 3 = 28 working hours.
    const now = at('2026-12-03T12:00:00Z');
    const resumed = await resumeTask(t.db, adjuster, { taskId: opened.id }, now);
    expect(resumed.pausedMinutes).toBe(28 * 60);
    expect(resumed.dueAt).toEqual(addBusinessMinutes(before.dueAt!, 28 * 60, cal));
    await sendDueReminders(t.db, resumed.remindAt!);
    expect((await taskNow(opened.id)).remindedAt).toEqual(resumed.remindAt);
  });

  it('an event resumes only tasks paused for it, and the API response says so', async () => {
    const opened = await openReview(new Date());
    const adjusterCookie = cookie.get('adjuster@example.com');
    await call(
      (await import('../../app/api/tasks/[id]/claim/route')).POST,
      request('POST', `/api/tasks/${opened.id}/claim`, { cookie: adjusterCookie, body: {} }),
      { id: opened.id },
    );
    const pause = await post(
      pauseRoute,
      'pause',
      'adjuster@example.com',
    )(opened.id, {
      reason: 'Waiting for photos',
      resumeOnEvent: 'photos_received',
    });
    expect(pause.status).toBe(200);
    const send = (type: string) =>
      call(
        eventsRoute.POST,
        request('POST', `/api/v1/cases/${opened.caseId}/events`, {
          bearer: 'demo-intake-token',
          body: { type, data: {} },
        }),
        { id: opened.caseId },
      );
    // Not the awaited event, and the case waits for nothing: refused, still paused.
    expect((await send('information_received')).status).toBe(409);
    expect((await taskNow(opened.id)).pausedAt).not.toBeNull();
    const ok = await send('photos_received');
    expect(ok.status).toBe(202);
    expect(ok.body.resumedClocks).toBe(1);
    expect((await taskNow(opened.id)).pausedAt).toBeNull();
    // The same event again resumes nothing more (and is refused: nothing waits for it).
    expect((await send('photos_received')).status).toBe(409);
    expect(await eventsOf(opened.id, 'task.resumed')).toHaveLength(1);
  });
});

describe('a paused task moved to someone else: the reminder as if decided at the resume', () => {
  // Opened Friday 09:30 and claimed: due Tuesday 09:30, due soon (the reminder) Monday 13:30.
  async function claimedAndPaused(pausedAt: Date) {
    const adjuster = await actor('adjuster@example.com');
    const opened = await openReview(FRIDAY);
    await claimTask(t.db, adjuster, { taskId: opened.id }, minutes(FRIDAY, 5));
    const before = await taskNow(opened.id);
    expect(before).toMatchObject({
      dueAt: at('2026-12-01T09:30:00Z'),
      dueSoonAt: at('2026-11-30T13:30:00Z'),
      remindAt: at('2026-11-30T13:30:00Z'),
    });
    await pauseTask(t.db, adjuster, { taskId: opened.id, reason: 'Waiting for photos' }, pausedAt);
    return before;
  }
  const resume = async (taskId: string, now: Date) =>
    resumeTask(t.db, await actor('supervisor@example.com'), { taskId }, now);
  /** Whether the reminder sweep at `now` reminded the task's holder `email` (and only once). */
  async function remindedAt(taskId: string, email: string, now: Date) {
    await sendDueReminders(t.db, now);
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(
        and(
          eq(s.notifications.taskId, taskId),
          eq(s.notifications.userId, userId.get(email)!),
          eq(s.notifications.kind, 'reminder'),
        ),
      );
    return { remindedAt: (await taskNow(taskId)).remindedAt, notes: notes.length };
  }
  // Paused Monday 10:00, resumed Wednesday 10:00: 16 working hours. The due-soon point, 3.5
  // working hours after the pause, is then Wednesday 13:30 and the due time Thursday 09:30.
  const PAUSED = at('2026-11-30T10:00:00Z');
  const RESUMED = at('2026-12-02T10:00:00Z');
  const MOVED_DUE_SOON = at('2026-12-02T13:30:00Z');

  it('reassigned after the due-soon point on the wall clock: reminded at the moved due-soon point', async () => {
    const before = await claimedAndPaused(PAUSED);
    await reassignTask(
      t.db,
      await actor('supervisor@example.com'),
      { taskId: before.id, toUserId: userId.get('adjuster2@example.com')!, reason: 'Alex is off' },
      at('2026-11-30T15:00:00Z'),
    );
    const resumed = await resume(before.id, RESUMED);
    expect(resumed.pausedMinutes).toBe(16 * 60);
    expect(resumed.dueSoonAt).toEqual(addBusinessMinutes(before.dueSoonAt!, 16 * 60, cal));
    expect(resumed).toMatchObject({
      assigneeId: userId.get('adjuster2@example.com'),
      dueAt: at('2026-12-03T09:30:00Z'),
      dueSoonAt: MOVED_DUE_SOON,
      remindAt: MOVED_DUE_SOON,
      remindedAt: null,
    });
    expect(
      await remindedAt(before.id, 'adjuster2@example.com', minutes(MOVED_DUE_SOON, -1)),
    ).toEqual({
      remindedAt: null,
      notes: 0,
    });
    expect(await remindedAt(before.id, 'adjuster2@example.com', MOVED_DUE_SOON)).toEqual({
      remindedAt: MOVED_DUE_SOON,
      notes: 1,
    });
  });

  it('released after the due time on the wall clock: the group is still reminded, at the moved due-soon point', async () => {
    const before = await claimedAndPaused(PAUSED);
    await releaseTask(
      t.db,
      await actor('supervisor@example.com'),
      { taskId: before.id, reason: 'Back to the queue while we wait' },
      at('2026-12-01T12:00:00Z'),
    );
    const resumed = await resume(before.id, RESUMED);
    expect(resumed).toMatchObject({
      status: 'ready',
      assigneeId: null,
      dueAt: at('2026-12-03T09:30:00Z'),
      remindAt: MOVED_DUE_SOON,
    });
    expect(await remindedAt(before.id, 'adjuster2@example.com', MOVED_DUE_SOON)).toEqual({
      remindedAt: MOVED_DUE_SOON,
      notes: 1,
    });
  });

  it('bulk reassigned: each reminder at its moved due-soon point, or at the resume when it had passed at the pause', async () => {
    const ahead = await claimedAndPaused(PAUSED);
    // Paused Monday 14:00, after its due-soon point (13:30): the reminder is due at once on resume.
    const passed = await claimedAndPaused(at('2026-11-30T14:00:00Z'));
    const r = await bulkReassignTasks(
      t.db,
      await actor('supervisor@example.com'),
      {
        taskIds: [ahead.id, passed.id],
        toUserId: userId.get('adjuster2@example.com')!,
        reason: 'Alex is off this week',
      },
      at('2026-11-30T16:00:00Z'),
    );
    expect(r.results.map((x) => x.ok)).toEqual([true, true]);
    const aheadResumed = await resume(ahead.id, RESUMED);
    const passedResumed = await resume(passed.id, RESUMED);
    expect(aheadResumed.remindAt).toEqual(MOVED_DUE_SOON);
    // Monday 14:00 to Wednesday 10:00 is 12 working hours; due Tuesday 09:30 moves to Wednesday 13:30.
    expect(passedResumed).toMatchObject({ pausedMinutes: 12 * 60, dueAt: MOVED_DUE_SOON });
    expect(passedResumed.remindAt!.getTime()).toBeLessThanOrEqual(RESUMED.getTime());
    expect(await remindedAt(passed.id, 'adjuster2@example.com', RESUMED)).toEqual({
      remindedAt: RESUMED,
      notes: 1,
    });
    expect((await taskNow(ahead.id)).remindedAt).toBeNull();
    expect(await remindedAt(ahead.id, 'adjuster2@example.com', MOVED_DUE_SOON)).toEqual({
      remindedAt: MOVED_DUE_SOON,
      notes: 1,
    });
  });
});

describe('who may pause and extend', () => {
  async function claimedReview(email = 'adjuster@example.com') {
    const opened = await openReview(new Date());
    await claimTask(t.db, await actor(email), { taskId: opened.id });
    return taskNow(opened.id);
  }
  const later = (task: { dueAt: Date | null }, h = 24) =>
    new Date(task.dueAt!.getTime() + h * 3_600_000).toISOString();

  it('pause: the assignee and the group’s supervisor; another member 403; outside the group 404', async () => {
    const task = await claimedReview();
    const body = { reason: 'Waiting for the claimant' };
    expect((await post(pauseRoute, 'pause', 'adjuster2@example.com')(task.id, body)).status).toBe(
      403,
    );
    expect((await post(pauseRoute, 'pause', 'siu@example.com')(task.id, body)).status).toBe(404);
    expect((await post(pauseRoute, 'pause', 'supervisor@example.com')(task.id, body)).status).toBe(
      200,
    );
    // Already paused: 409; resumed by the assignee.
    expect((await post(pauseRoute, 'pause', 'adjuster@example.com')(task.id, body)).status).toBe(
      409,
    );
    expect((await post(resumeRoute, 'resume', 'adjuster2@example.com')(task.id, {})).status).toBe(
      403,
    );
    expect((await post(resumeRoute, 'resume', 'adjuster@example.com')(task.id, {})).status).toBe(
      200,
    );
    expect((await post(resumeRoute, 'resume', 'adjuster@example.com')(task.id, {})).status).toBe(
      409,
    );
    // The supervisor's pause of Alex's task told Alex; Alex's own resume told no one.
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(
        and(
          eq(s.notifications.taskId, task.id),
          eq(s.notifications.userId, userId.get('adjuster@example.com')!),
        ),
      );
    expect(notes.map((n) => n.title)).toEqual([
      expect.stringContaining('Sue Supervisor paused the clock'),
    ]);
  });

  it('extend: supervisors of the group and admins only; the SLA deadline stays, audited with the reason', async () => {
    const task = await claimedReview();
    const body = { dueAt: later(task), reason: 'Waiting on the police report' };
    const refused = await post(extendRoute, 'extend', 'adjuster@example.com')(task.id, body);
    expect(refused.status).toBe(403);
    expect((await post(extendRoute, 'extend', 'siu@example.com')(task.id, body)).status).toBe(404);
    expect(await eventsOf(task.id, 'auth.refused')).toHaveLength(2);
    const ok = await post(
      extendRoute,
      'extend',
      'supervisor@example.com',
    )(task.id, { ...body, version: task.version });
    expect(ok.status).toBe(200);
    const now = await taskNow(task.id);
    expect(now.dueAt).toEqual(new Date(body.dueAt));
    expect(now.slaDueAt).toEqual(task.dueAt);
    const [event] = await eventsOf(task.id, 'task.deadline_extended');
    expect(event).toMatchObject({
      actorLabel: 'supervisor@example.com',
      metadata: { reason: 'Waiting on the police report', slaDueAt: task.dueAt!.toISOString() },
      before: { dueAt: task.dueAt!.toISOString(), slaDueAt: null },
      after: { dueAt: new Date(body.dueAt).toISOString(), slaDueAt: task.dueAt!.toISOString() },
    });
    // A second extension by the admin keeps the first SLA deadline; a stale version is a 409.
    const stale = await post(
      extendRoute,
      'extend',
      'admin@example.com',
    )(task.id, {
      dueAt: later(task, 48),
      reason: 'Again',
      version: task.version,
    });
    expect(stale.status).toBe(409);
    const again = await post(
      extendRoute,
      'extend',
      'admin@example.com',
    )(task.id, { dueAt: later(task, 48), reason: 'Again' });
    expect(again.status).toBe(200);
    expect((await taskNow(task.id)).slaDueAt).toEqual(task.dueAt);
    // Earlier than the current deadline: 400 naming dueAt.
    const earlier = await post(
      extendRoute,
      'extend',
      'admin@example.com',
    )(task.id, { dueAt: later(task, 1), reason: 'x' });
    expect(earlier.status).toBe(400);
    expect(Object.keys(earlier.body.error.fields)).toEqual(['dueAt']);
  });

  it('two supervisors pausing at once: one wins, the other is told it is already paused', async () => {
    const task = await claimedReview();
    const results = await Promise.all(
      ['supervisor@example.com', 'admin@example.com'].map((e) =>
        post(pauseRoute, 'pause', e)(task.id, { reason: `Pause by ${e}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await eventsOf(task.id, 'task.paused')).toHaveLength(1);
  });

  it('a completed task is neither paused nor extended (409)', async () => {
    const task = await claimedReview();
    await t.db
      .update(s.tasks)
      .set({ status: 'completed', completedAt: new Date() })
      .where(eq(s.tasks.id, task.id));
    expect(
      (await post(pauseRoute, 'pause', 'supervisor@example.com')(task.id, { reason: 'x' })).status,
    ).toBe(409);
    expect(
      (
        await post(
          extendRoute,
          'extend',
          'supervisor@example.com',
        )(task.id, { dueAt: later(task), reason: 'x' })
      ).status,
    ).toBe(409);
  });

  it('hostile input is a 4xx naming the field, never a 500, and changes nothing', async () => {
    const task = await claimedReview();
    const fixed = [
      { dueAt: '2026-02-30T10:00:00Z', reason: 'x' },
      { dueAt: later(task), reason: 'a\u0000b' },
      { dueAt: later(task), reason: '\ud800' },
      { dueAt: later(task), reason: 'x'.repeat(501) },
      { dueAt: '9999-12-31T23:59:59Z', reason: 'x' },
      { dueAt: 1e308, reason: 'x' },
      { dueAt: later(task), reason: 'x', extra: true },
    ];
    for (const body of fixed) {
      const r = await post(extendRoute, 'extend', 'supervisor@example.com')(task.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {}).length, JSON.stringify(r.body)).toBeGreaterThan(
        0,
      );
    }
    const wrongType = await post(extendRoute, 'extend', 'supervisor@example.com')(
      task.id,
      'dueAt=tomorrow',
      { 'content-type': 'text/plain' },
    );
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          dueAt: fc.oneof(
            fc.string(),
            fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
            fc.integer(),
          ),
          reason: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(null)),
        }),
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null)),
        async (extend, pauseReason) => {
          const e = await post(extendRoute, 'extend', 'supervisor@example.com')(task.id, extend);
          expect([200, 400, 409]).toContain(e.status);
          const p = await post(
            pauseRoute,
            'pause',
            'adjuster@example.com',
          )(task.id, { reason: pauseReason });
          expect([200, 400, 409]).toContain(p.status);
          if (p.status === 200)
            await post(resumeRoute, 'resume', 'adjuster@example.com')(task.id, {});
        },
      ),
      { numRuns: 40 },
    );
    expect(
      (await post(pauseRoute, 'pause', 'adjuster@example.com')('not-a-uuid', { reason: 'x' }))
        .status,
    ).toBe(404);
  });
});

describe('SLA figures report both deadlines', () => {
  // Opened Monday 09:30, due Wednesday 09:30; the figures are read on Friday 12:00.
  const MONDAY = at('2026-11-30T09:30:00Z');
  const READ_AT = at('2026-12-04T12:00:00Z');
  const figures = async () => slaFigures(t.db, await actor('supervisor@example.com'), 7, READ_AT);
  /** The figures with the task in them, less the figures with it taken out (cancelled). */
  async function contribution(taskId: string) {
    const withIt = await figures();
    await t.db.update(s.tasks).set({ status: 'cancelled' }).where(eq(s.tasks.id, taskId));
    const without = await figures();
    const d = (k: 'met' | 'completedLate' | 'openOverdue') => ({
      sla: withIt.complianceTotal[k] - without.complianceTotal[k],
      extended: withIt.complianceExtended[k] - without.complianceExtended[k],
    });
    return {
      withIt,
      met: d('met'),
      late: d('completedLate'),
      overdue: d('openOverdue'),
      extendedTasks: withIt.extendedTasks - without.extendedTasks,
    };
  }

  it('completed after the SLA deadline but before the extended one: breached for the SLA, met as extended', async () => {
    const supervisor = await actor('supervisor@example.com');
    const task = await openReview(MONDAY);
    await claimTask(
      t.db,
      await actor('adjuster@example.com'),
      { taskId: task.id },
      minutes(MONDAY, 5),
    );
    expect((await taskNow(task.id)).dueAt).toEqual(at('2026-12-02T09:30:00Z'));
    await extendTaskDeadline(
      t.db,
      supervisor,
      {
        taskId: task.id,
        dueAt: at('2026-12-03T09:30:00Z'),
        reason: 'Garage closed for stocktaking',
      },
      at('2026-12-01T15:00:00Z'),
    );
    await t.db
      .update(s.tasks)
      .set({
        status: 'completed',
        completedAt: at('2026-12-02T11:30:00Z'),
        completedById: userId.get('adjuster@example.com')!,
      })
      .where(eq(s.tasks.id, task.id));

    const c = await contribution(task.id);
    expect(c.late).toEqual({ sla: 1, extended: 0 });
    expect(c.met).toEqual({ sla: 0, extended: 1 });
    expect(c.extendedTasks).toBe(1);
    expect(c.withIt.extended.find((x) => x.taskId === task.id)).toMatchObject({
      slaDueAt: at('2026-12-02T09:30:00Z'),
      dueAt: at('2026-12-03T09:30:00Z'),
      reason: 'Garage closed for stocktaking',
      extendedBy: 'supervisor@example.com',
      sla: 'breached',
      asExtended: 'met',
    });
  });

  it('open work extended past its SLA deadline is overdue for the SLA, on time as extended', async () => {
    const task = await openReview(MONDAY);
    await extendTaskDeadline(
      t.db,
      await actor('admin@example.com'),
      {
        taskId: task.id,
        dueAt: at('2026-12-10T09:30:00Z'),
        reason: 'Expert appointment next week',
      },
      at('2026-12-02T09:00:00Z'),
    );
    const c = await contribution(task.id);
    expect(c.overdue).toEqual({ sla: 1, extended: 0 });
    expect(c.withIt.extended.find((x) => x.taskId === task.id)).toMatchObject({
      status: 'ready',
      sla: 'overdue',
      asExtended: 'open',
    });
  });

  it('a task completed while paused is judged at its completion: pausing cannot hide a breach', async () => {
    const adjuster = await actor('adjuster@example.com');
    const task = await openReview(MONDAY);
    await claimTask(t.db, adjuster, { taskId: task.id }, minutes(MONDAY, 5));
    await pauseTask(
      t.db,
      adjuster,
      { taskId: task.id, reason: 'Waiting' },
      at('2026-12-01T10:00:00Z'),
    );
    await t.db
      .update(s.tasks)
      .set({ status: 'completed', completedAt: at('2026-12-03T16:00:00Z') })
      .where(eq(s.tasks.id, task.id));
    const due = (await taskNow(task.id)).dueAt!;
    // Completed on Wednesday afternoon, after the due time it had when it was paused.
    expect(due.getTime()).toBeLessThan(at('2026-12-03T16:00:00Z').getTime());
    const c = await contribution(task.id);
    expect(c.met).toEqual({ sla: 0, extended: 0 });
    expect(c.late).toEqual({ sla: 1, extended: 1 });
  });
});
