import { spawn } from 'node:child_process';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { openPostgres } from '../../db/client';
import { loadUserActor } from '../../lib/data/users';
import type { TokenActor } from '../../lib/domain/permissions';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { openCase } from '../../lib/use-cases/open-case';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { claimTask } from '../../lib/use-cases/claim-task';
import { reassignTask } from '../../lib/use-cases/reassign-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

let t: TestDb;
let token: TokenActor;
const user = new Map<string, string>();
let seq = 0;

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  // Seeded long before the tests' clock so demo deadlines have all passed and settled.
  await seedDemo(t.db, { now: new Date('2026-09-01T15:00:00Z') });
  await escalateDueTasks(t.db, new Date('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  await sendDueReminders(t.db, new Date('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  const [tok] = await t.db.select().from(s.apiTokens);
  token = { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
  for (const u of await t.db.select().from(s.users)) user.set(u.email, u.id);
});
afterAll(async () => {
  await t?.close();
});

/** Opens a standard claim at `at`: an Adjuster review for Claims adjusters (2 business days, reminder 4 h before, L1 at due, L2 8 h later). */
async function openAt(at: Date) {
  const res = await openCase(
    t.db,
    token,
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: `Sched ${++seq}`, email: 's@example.com' },
        incidentDate: at.toISOString().slice(0, 10),
        damageEstimate: 12000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
    `sched-${seq}-${Math.random()}`,
    at,
  );
  const [task] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, res.case.tasks[0]!.id));
  return task!;
}

const taskNow = async (id: string) =>
  (await t.db.select().from(s.tasks).where(eq(s.tasks.id, id)))[0]!;
const notes = (taskId: string, kind?: 'reminder' | 'escalation') =>
  t.db
    .select()
    .from(s.notifications)
    .where(
      and(eq(s.notifications.taskId, taskId), kind ? eq(s.notifications.kind, kind) : undefined),
    );
const events = (taskId: string, action: string) =>
  t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.taskId, taskId), eq(s.auditEvents.action, action)))
    .orderBy(s.auditEvents.id);
const z = (iso: string) => new Date(iso);

describe('reminders and the escalation ladder at simulated times', () => {
  it('across a weekend: reminder Tuesday 12:00, level 1 at Tuesday 16:00, level 2 eight business hours later', async () => {
    const task = await openAt(z('2026-11-20T21:00:00Z')); // Friday 16:00 New York
    expect(task.dueAt!.toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(task.remindAt!.toISOString()).toBe('2026-11-24T17:00:00.000Z');

    await sendDueReminders(t.db, z('2026-11-24T16:59:00Z'));
    expect((await taskNow(task.id)).remindedAt).toBeNull();
    await sendDueReminders(t.db, z('2026-11-24T17:00:00Z'));
    const reminded = await notes(task.id, 'reminder');
    // Unassigned: every member of Claims adjusters is reminded, once.
    expect(reminded.map((n) => n.userId).sort()).toEqual(
      [user.get('adjuster@example.com'), user.get('adjuster2@example.com')].sort(),
    );
    await sendDueReminders(t.db, z('2026-11-24T17:05:00Z'));
    expect(await notes(task.id, 'reminder')).toHaveLength(2);
    const [ev] = await events(task.id, 'task.reminded');
    expect(ev!.actorLabel).toBe('system:scheduler');
    const emails = await t.db
      .select()
      .from(s.emailOutbox)
      .where(
        inArray(
          s.emailOutbox.notificationId,
          reminded.map((n) => n.id),
        ),
      );
    expect(emails.map((e) => e.status)).toEqual(['pending', 'pending']);

    await escalateDueTasks(t.db, z('2026-11-24T20:59:00Z'));
    expect((await taskNow(task.id)).escalationLevel).toBe(0);
    await escalateDueTasks(t.db, z('2026-11-24T21:00:00Z'));
    const l1 = await taskNow(task.id);
    expect(l1).toMatchObject({ escalationLevel: 1, status: 'ready', assigneeId: null });
    expect(l1.nextEscalationAt!.toISOString()).toBe('2026-11-25T21:00:00.000Z');
    expect((await notes(task.id, 'escalation')).map((n) => n.userId)).toEqual([
      user.get('supervisor@example.com'),
    ]);
    const supervisor = (await loadUserActor(t.db, user.get('supervisor@example.com')!))!;
    const escalatedQueue = await listInbox(
      t.db,
      supervisor,
      inboxFilterSchema.parse({ queue: 'escalated', limit: 100 }),
      z('2026-11-24T21:01:00Z'),
    );
    expect(escalatedQueue.tasks.map((x) => x.id)).toContain(task.id);

    await escalateDueTasks(t.db, z('2026-11-25T20:59:00Z'));
    expect((await taskNow(task.id)).escalationLevel).toBe(1);
    await escalateDueTasks(t.db, z('2026-11-25T21:00:00Z'));
    const l2 = await taskNow(task.id);
    expect(l2).toMatchObject({
      escalationLevel: 2,
      status: 'claimed',
      assigneeId: user.get('supervisor@example.com'),
      nextEscalationAt: null,
    });
    expect((await events(task.id, 'task.escalated')).map((e) => e.summary)).toEqual([
      'Escalated to level 1: overdue, Sue Supervisor (supervisor) notified',
      'Escalated to level 2: overdue, reassigned to Sue Supervisor (supervisor)',
    ]);
  });

  it('across the autumn DST change: the reminder keeps its local time', async () => {
    const task = await openAt(z('2026-10-30T20:00:00Z')); // Friday 16:00 EDT
    expect(task.dueAt!.toISOString()).toBe('2026-11-03T21:00:00.000Z'); // Tuesday 16:00 EST
    await sendDueReminders(t.db, z('2026-11-03T16:59:00Z'));
    expect((await taskNow(task.id)).remindedAt).toBeNull();
    await sendDueReminders(t.db, z('2026-11-03T17:00:00Z')); // 12:00 EST
    expect((await taskNow(task.id)).remindedAt).not.toBeNull();
    await escalateDueTasks(t.db, z('2026-11-03T21:00:00Z'));
    expect((await taskNow(task.id)).escalationLevel).toBe(1);
  });

  it('catches up after downtime: a week later one tick climbs both levels and skips the stale reminder', async () => {
    const task = await openAt(z('2026-12-07T14:00:00Z')); // Monday 09:00
    const later = z('2026-12-16T15:00:00Z');
    await sendDueReminders(t.db, later);
    await escalateDueTasks(t.db, later);
    const after = await taskNow(task.id);
    expect(after).toMatchObject({
      escalationLevel: 2,
      assigneeId: user.get('supervisor@example.com'),
      remindAt: null,
    });
    expect(await events(task.id, 'task.escalated')).toHaveLength(2);
    expect(await events(task.id, 'task.reminder_skipped')).toHaveLength(1);
    expect(await notes(task.id, 'reminder')).toHaveLength(0);
  });

  it('completing a task stops its ladder; reassigning resets the reminder for the new assignee', async () => {
    const done = await openAt(z('2027-01-04T14:00:00Z'));
    const a1 = (await loadUserActor(t.db, user.get('adjuster@example.com')!))!;
    const claimed = await claimTask(t.db, a1, { taskId: done.id }, z('2027-01-04T15:00:00Z'));
    await completeTask(
      t.db,
      a1,
      {
        taskId: done.id,
        outcome: 'deny',
        data: { reason: 'Duplicate claim' },
        expectedVersion: claimed.version,
      },
      z('2027-01-04T16:00:00Z'),
    );
    await sendDueReminders(t.db, z('2027-01-20T00:00:00Z'));
    await escalateDueTasks(t.db, z('2027-01-20T00:00:00Z'));
    expect(await taskNow(done.id)).toMatchObject({
      status: 'completed',
      escalationLevel: 0,
      remindAt: null,
      nextEscalationAt: null,
    });

    const moved = await openAt(z('2027-02-01T14:00:00Z')); // Monday 09:00 → due Wednesday 09:00, reminder Tuesday 13:00
    const claimed2 = await claimTask(t.db, a1, { taskId: moved.id }, z('2027-02-01T15:00:00Z'));
    await sendDueReminders(t.db, z('2027-02-02T18:00:00Z'));
    expect((await notes(moved.id, 'reminder')).map((n) => n.userId)).toEqual([a1.id]);
    const sup = (await loadUserActor(t.db, user.get('supervisor@example.com')!))!;
    await reassignTask(
      t.db,
      sup,
      {
        taskId: moved.id,
        toUserId: user.get('adjuster2@example.com')!,
        reason: 'Alex is out sick',
        expectedVersion: claimed2.version,
      },
      z('2027-02-02T19:00:00Z'),
    );
    expect((await taskNow(moved.id)).remindAt).not.toBeNull();
    await sendDueReminders(t.db, z('2027-02-02T19:01:00Z'));
    expect((await notes(moved.id, 'reminder')).map((n) => n.userId).sort()).toEqual(
      [a1.id, user.get('adjuster2@example.com')].sort(),
    );
  });
});

/** `n` copies of a template task, all due for escalation at `due`. */
async function dueCopies(n: number, due: Date) {
  const template = await openAt(z('2027-03-01T14:00:00Z'));
  const marker = `race-${Math.random()}`;
  await t.db.execute(sql`
    insert into tasks (case_id, step_key, name, status, candidate_group_id, priority, outcomes, context, sla_policy_id, due_at, next_escalation_at, created_at)
    select case_id, step_key, name, 'ready', candidate_group_id, priority, outcomes, ${JSON.stringify({ marker })}::jsonb, sla_policy_id, ${due.toISOString()}::timestamptz, ${due.toISOString()}::timestamptz, created_at
    from tasks, generate_series(1, ${n}) where id = ${template.id}`);
  const rows = await t.db
    .select({ id: s.tasks.id })
    .from(s.tasks)
    .where(sql`${s.tasks.context}->>'marker' = ${marker}`);
  return rows.map((r) => r.id);
}

async function assertEscalatedOnce(ids: string[]) {
  const levels = await t.db
    .select({ level: s.tasks.escalationLevel })
    .from(s.tasks)
    .where(inArray(s.tasks.id, ids));
  expect(levels.every((l) => l.level === 1)).toBe(true);
  const [ev] = await t.db
    .select({ n: count() })
    .from(s.auditEvents)
    .where(and(inArray(s.auditEvents.taskId, ids), eq(s.auditEvents.action, 'task.escalated')));
  expect(ev!.n).toBe(ids.length);
  const [no] = await t.db
    .select({ n: count(), distinct: sql<number>`count(distinct ${s.notifications.taskId})::int` })
    .from(s.notifications)
    .where(and(inArray(s.notifications.taskId, ids), eq(s.notifications.kind, 'escalation')));
  expect(no).toEqual({ n: ids.length, distinct: ids.length });
}

describe('exactly once under concurrency and crashes', () => {
  it('three sweepers racing on the same due set escalate and notify each task exactly once', async () => {
    const due = z('2027-03-10T15:00:00Z');
    const ids = await dueCopies(150, due);
    const handles = onPostgres()
      ? [0, 1, 2].map(() => openPostgres(t.url!, { max: 2 }))
      : [t, t, t];
    try {
      const done = await Promise.all(
        handles.map((h) => escalateDueTasks(h.db, due, { batchSize: 10, maxBatches: 100 })),
      );
      expect(done.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ids.length);
      if (onPostgres()) expect(done.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2); // the work was really shared
    } finally {
      if (onPostgres()) await Promise.all(handles.map((h) => h.close()));
    }
    await assertEscalatedOnce(ids);
  });

  it.runIf(onPostgres())(
    'a scheduler process killed with SIGKILL mid-sweep loses and duplicates nothing',
    async () => {
      const due = z('2027-03-20T15:00:00Z');
      const ids = await dueCopies(120, due);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'tests/fixtures/run-sweeps.ts', t.url!, due.toISOString()],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const escalatedSoFar = async () =>
        (
          await t.db
            .select({ n: count() })
            .from(s.tasks)
            .where(and(inArray(s.tasks.id, ids), eq(s.tasks.escalationLevel, 1)))
        )[0]!.n;
      let exited = false;
      child.on('exit', () => (exited = true));
      // Kill it once some of our batches are committed and others are still to come.
      while ((await escalatedSoFar()) < 20) {
        if (exited) throw new Error('sweeper exited before it could be killed');
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const [partial] = await t.db
        .select({ n: count() })
        .from(s.tasks)
        .where(and(inArray(s.tasks.id, ids), eq(s.tasks.escalationLevel, 1)));
      expect(partial!.n).toBeGreaterThanOrEqual(20);
      expect(partial!.n).toBeLessThan(ids.length);
      // The next scheduler (here: this process) finishes the rest.
      await escalateDueTasks(t.db, due, { maxBatches: 100 });
      await assertEscalatedOnce(ids);
    },
  );
});

// E-mail delivery (sending, retry after a refusal, Message-ID on a resend) runs through a real
// SMTP server in email-delivery.test.ts.

describe('fixes from review', () => {
  it('a supervisor cannot reassign to a deactivated member; a deactivated actor cannot act', async () => {
    const task = await openAt(z('2027-05-03T14:00:00Z'));
    const sup = (await loadUserActor(t.db, user.get('supervisor@example.com')!))!;
    const a2 = user.get('adjuster2@example.com')!;
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, a2));
    try {
      await expect(
        reassignTask(
          t.db,
          sup,
          { taskId: task.id, toUserId: a2, reason: 'Testing' },
          z('2027-05-03T15:00:00Z'),
        ),
      ).rejects.toMatchObject({ code: 'validation' });
    } finally {
      await t.db.update(s.users).set({ active: true }).where(eq(s.users.id, a2));
    }
    expect((await taskNow(task.id)).assigneeId).toBeNull();
  });

  it('releasing a reminded task re-arms the reminder for the group', async () => {
    const task = await openAt(z('2027-05-10T14:00:00Z')); // Monday 09:00 → due Wednesday 09:00
    const a1 = (await loadUserActor(t.db, user.get('adjuster@example.com')!))!;
    const claimed = await claimTask(t.db, a1, { taskId: task.id }, z('2027-05-10T15:00:00Z'));
    await sendDueReminders(t.db, z('2027-05-11T18:00:00Z'));
    expect((await taskNow(task.id)).remindAt).toBeNull();
    const { releaseTask } = await import('../../lib/use-cases/release-task');
    await releaseTask(
      t.db,
      a1,
      { taskId: task.id, expectedVersion: claimed.version },
      z('2027-05-11T19:00:00Z'),
    );
    expect((await taskNow(task.id)).remindAt).not.toBeNull();
    await sendDueReminders(t.db, z('2027-05-11T19:01:00Z'));
    expect((await notes(task.id, 'reminder')).length).toBe(1 + 2); // the assignee, then both group members
  });

  it('mentions and assignments queue e-mails like every other notification', async () => {
    const task = await openAt(z('2027-05-17T14:00:00Z'));
    const sup = (await loadUserActor(t.db, user.get('supervisor@example.com')!))!;
    await reassignTask(
      t.db,
      sup,
      { taskId: task.id, toUserId: user.get('adjuster@example.com')!, reason: 'Yours' },
      z('2027-05-17T15:00:00Z'),
    );
    const [n] = await notes(task.id);
    expect(n!.kind).toBe('assignment');
    const mails = await t.db
      .select()
      .from(s.emailOutbox)
      .where(eq(s.emailOutbox.notificationId, n!.id));
    expect(mails).toHaveLength(1);
  });
});
