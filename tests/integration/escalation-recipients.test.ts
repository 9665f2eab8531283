import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { loadUserActor } from '../../lib/data/users';
import type { TokenActor, UserActor } from '../../lib/domain/permissions';
import { DomainError } from '../../lib/errors';
import { claimTask } from '../../lib/use-cases/claim-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { deactivateUser } from '../../lib/use-cases/deactivate-user';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { openCase } from '../../lib/use-cases/open-case';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { setGroupSupervisor } from '../../lib/use-cases/set-group-supervisor';
import { setOutOfOffice } from '../../lib/use-cases/set-out-of-office';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * Issue 13 item 4: every escalation reaches someone who can act — the group's supervisor when
 * active and in the office, else their delegate, else the SLA policy's fallback group, else every
 * active admin — on the real use-cases with a fixed clock. The Claims adjusters' Adjuster review
 * escalates at due (level 1: notify the supervisor) and 8 business hours later (level 2:
 * reassign to the supervisor).
 */
let t: TestDb;
let token: TokenActor;
let admin: UserActor;
const user = new Map<string, string>();
const group = new Map<string, string>();
let adjusterReview: string;
let seq = 0;
const z = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  // Seeded long before the tests' clock so demo deadlines have all passed and settled.
  await seedDemo(t.db, { now: z('2026-09-01T15:00:00Z') });
  await escalateDueTasks(t.db, z('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  await sendDueReminders(t.db, z('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  const [tok] = await t.db.select().from(s.apiTokens);
  token = { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
  // A second supervisor in Claims supervisors (a possible delegate of Sue), a second admin and a
  // deactivated admin (who must hear nothing).
  const extra = await t.db
    .insert(s.users)
    .values([
      { email: 'deputy@example.com', name: 'Dana Deputy', role: 'supervisor' },
      { email: 'admin2@example.com', name: 'Zoe Admin', role: 'admin' },
      { email: 'gone-admin@example.com', name: 'Gone Admin', role: 'admin', active: false },
    ])
    .returning();
  await t.db
    .insert(s.groupMemberships)
    .values({ groupId: group.get('claims-supervisors')!, userId: extra[0]!.id });
  for (const u of await t.db.select().from(s.users)) user.set(u.email, u.id);
  admin = (await actor('admin@example.com'))!;
  const [policy] = await t.db
    .select({ id: s.slaPolicies.id })
    .from(s.slaPolicies)
    .where(eq(s.slaPolicies.key, 'adjuster-review'));
  adjusterReview = policy!.id;
});
afterAll(async () => {
  await t?.close();
});

const actor = async (email: string) => (await loadUserActor(t.db, user.get(email)!))!;
const id = (email: string) => user.get(email)!;

/** Opens a claim at `at`: Adjuster review for Claims adjusters (due in 2 business days). */
async function openAt(at: Date, data: Record<string, unknown> = {}) {
  const res = await openCase(
    t.db,
    token,
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: `Recipient ${++seq}`, email: 'r@example.com' },
        incidentDate: at.toISOString().slice(0, 10),
        damageEstimate: 12000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
        ...data,
      },
    },
    `recipients-${seq}-${Math.random()}`,
    at,
  );
  return taskNow(res.case.tasks[0]!.id);
}

const taskNow = async (taskId: string) =>
  (await t.db.select().from(s.tasks).where(eq(s.tasks.id, taskId)))[0]!;

/** Who was notified of the escalation to `level`, by e-mail address. */
async function notifiedOf(taskId: string, level: number) {
  const rows = await t.db
    .select({ email: s.users.email })
    .from(s.notifications)
    .innerJoin(s.users, eq(s.users.id, s.notifications.userId))
    .where(
      and(
        eq(s.notifications.taskId, taskId),
        eq(s.notifications.kind, 'escalation'),
        sql`${s.notifications.dedupeKey} like ${`escalation:${taskId}:${level}:%`}`,
      ),
    );
  return rows.map((r) => r.email).sort();
}

const summaries = async (taskId: string) =>
  (
    await t.db
      .select({ summary: s.auditEvents.summary })
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.taskId, taskId), eq(s.auditEvents.action, 'task.escalated')))
      .orderBy(asc(s.auditEvents.occurredAt))
  ).map((e) => e.summary);

/** Puts the seed's people, supervisors and fallback groups back after each scenario. */
async function restore() {
  await t.db
    .update(s.users)
    .set({ active: true, outOfOffice: false, delegateId: null })
    .where(sql`${s.users.email} in ('supervisor@example.com', 'deputy@example.com')`);
  for (const key of ['claims-adjusters', 'claims-supervisors', 'claims-intake'])
    await t.db
      .update(s.groups)
      .set({ supervisorId: id('supervisor@example.com') })
      .where(eq(s.groups.id, group.get(key)!));
  await t.db
    .update(s.slaPolicies)
    .set({ fallbackGroupId: group.get('claims-supervisors')! })
    .where(eq(s.slaPolicies.id, adjusterReview));
}

describe('who receives an escalation', () => {
  it('supervisor out of office: the delegate is notified at level 1 and receives the task at level 2', async () => {
    try {
      await setOutOfOffice(
        t.db,
        admin,
        {
          userId: id('supervisor@example.com'),
          outOfOffice: true,
          delegateId: id('deputy@example.com'),
        },
        z('2026-11-20T20:00:00Z'),
      );
      const task = await openAt(z('2026-11-20T21:00:00Z')); // Friday 16:00 New York
      expect(task.dueAt!.toISOString()).toBe('2026-11-24T21:00:00.000Z');

      await escalateDueTasks(t.db, z('2026-11-24T21:00:00Z'));
      expect(await notifiedOf(task.id, 1)).toEqual(['deputy@example.com']);
      await escalateDueTasks(t.db, z('2026-11-25T21:00:00Z'));
      expect(await taskNow(task.id)).toMatchObject({
        escalationLevel: 2,
        status: 'claimed',
        assigneeId: id('deputy@example.com'),
      });
      expect(await notifiedOf(task.id, 2)).toEqual(['deputy@example.com']);
      expect(await summaries(task.id)).toEqual([
        'Escalated to level 1: overdue; supervisor Sue Supervisor is out of office: delegated to Dana Deputy, who is notified',
        'Escalated to level 2: overdue; supervisor Sue Supervisor is out of office: delegated to Dana Deputy, reassigned to them',
      ]);
    } finally {
      await restore();
    }
  });

  it('the person who held the task is told when level 2 takes it from them', async () => {
    try {
      const task = await openAt(z('2026-11-20T21:00:00Z'));
      await claimTask(
        t.db,
        await actor('adjuster2@example.com'),
        { taskId: task.id },
        z('2026-11-23T15:00:00Z'),
      );
      await escalateDueTasks(t.db, z('2026-11-24T21:00:00Z'));
      await escalateDueTasks(t.db, z('2026-11-25T21:00:00Z'));
      expect(await taskNow(task.id)).toMatchObject({ assigneeId: id('supervisor@example.com') });
      const told = await t.db
        .select({ userId: s.notifications.userId, title: s.notifications.title })
        .from(s.notifications)
        .where(eq(s.notifications.dedupeKey, `escalation-taken:${task.id}:2`));
      expect(told).toHaveLength(1);
      expect(told[0]!.userId).toBe(id('adjuster2@example.com'));
      expect(told[0]!.title).toMatch(/^Taken from you \(escalation level 2\)/);
    } finally {
      await restore();
    }
  });

  it('four eyes holds for the delegate: an approval they may not decide goes to the group queue', async () => {
    try {
      // Dana supervises Claims supervisors and is away; Sue is her delegate and decides the review.
      await setGroupSupervisor(
        t.db,
        admin,
        group.get('claims-supervisors')!,
        { supervisorId: id('deputy@example.com') },
        z('2026-12-07T13:00:00Z'),
      );
      await setOutOfOffice(
        t.db,
        admin,
        {
          userId: id('deputy@example.com'),
          outOfOffice: true,
          delegateId: id('supervisor@example.com'),
        },
        z('2026-12-07T13:00:00Z'),
      );
      const review = await openAt(z('2026-12-07T14:00:00Z'), {
        damageEstimate: 70_500,
        coverageLimit: 150_000,
      });
      const sue = await actor('supervisor@example.com');
      const claimed = await claimTask(t.db, sue, { taskId: review.id }, z('2026-12-07T15:00:00Z'));
      await completeTask(
        t.db,
        sue,
        {
          taskId: review.id,
          outcome: 'approve',
          data: { payoutAmount: 70_000 },
          expectedVersion: claimed.version,
        },
        z('2026-12-07T16:00:00Z'),
      );
      const [approval] = await t.db
        .select()
        .from(s.tasks)
        .where(and(eq(s.tasks.caseId, review.caseId), eq(s.tasks.status, 'ready')));
      expect(approval!.candidateGroupId).toBe(group.get('claims-supervisors'));
      // Someone else holds it at level 1, and level 2 would reassign it to the supervisor's side.
      const due = z('2026-12-09T16:00:00Z');
      await t.db
        .update(s.tasks)
        .set({
          status: 'claimed',
          assigneeId: id('senior@example.com'),
          escalationLevel: 1,
          dueAt: z('2026-12-08T16:00:00Z'),
          nextEscalationAt: due,
          slaPolicyId: adjusterReview,
        })
        .where(eq(s.tasks.id, approval!.id));
      await escalateDueTasks(t.db, due);
      expect(await taskNow(approval!.id)).toMatchObject({
        status: 'ready',
        assigneeId: null,
        escalationLevel: 2,
      });
      const [summary] = await summaries(approval!.id);
      expect(summary).toBe(
        'Escalated to level 2: overdue; supervisor Dana Deputy is out of office: delegated to Sue Supervisor, who decided on this case earlier and may not approve it (four eyes): returned to the group queue',
      );
    } finally {
      await restore();
    }
  });

  it('supervisor deactivated (legacy data): the fallback group’s supervisor, then the admins', async () => {
    try {
      // Deactivation refuses supervisors now; older data can still hold one.
      await t.db
        .update(s.users)
        .set({ active: false })
        .where(eq(s.users.id, id('supervisor@example.com')));
      await t.db
        .update(s.slaPolicies)
        .set({ fallbackGroupId: group.get('claims-management')! })
        .where(eq(s.slaPolicies.id, adjusterReview));
      const task = await openAt(z('2027-01-04T14:00:00Z')); // Monday 09:00 → due Wednesday 09:00
      expect(task.dueAt!.toISOString()).toBe('2027-01-06T14:00:00.000Z');
      await escalateDueTasks(t.db, z('2027-01-06T14:00:00Z'));
      expect(await notifiedOf(task.id, 1)).toEqual(['admin@example.com']);
      await escalateDueTasks(t.db, z('2027-01-07T14:00:00Z'));
      expect(await taskNow(task.id)).toMatchObject({
        escalationLevel: 2,
        status: 'ready',
        assigneeId: null,
        candidateGroupId: group.get('claims-management'),
      });
      expect(await notifiedOf(task.id, 2)).toEqual(['admin@example.com']);
      expect(await summaries(task.id)).toEqual([
        'Escalated to level 1: overdue; supervisor Sue Supervisor is deactivated: the fallback group Claims management, whose supervisor Ada Admin is notified',
        'Escalated to level 2: overdue; supervisor Sue Supervisor is deactivated: moved to the queue of the fallback group Claims management, whose supervisor Ada Admin is notified',
      ]);

      // The seed's fallback, Claims supervisors, is Sue's too: every active admin hears of it.
      await t.db
        .update(s.slaPolicies)
        .set({ fallbackGroupId: group.get('claims-supervisors')! })
        .where(eq(s.slaPolicies.id, adjusterReview));
      const other = await openAt(z('2027-01-11T14:00:00Z'));
      await escalateDueTasks(t.db, z('2027-01-13T14:00:00Z'));
      expect(await notifiedOf(other.id, 1)).toEqual(['admin2@example.com', 'admin@example.com']);
      expect(await summaries(other.id)).toEqual([
        'Escalated to level 1: overdue; supervisor Sue Supervisor is deactivated: the fallback group Claims supervisors, where supervisor Sue Supervisor is deactivated: the admins are notified (Ada Admin, Zoe Admin)',
      ]);
    } finally {
      await restore();
    }
  });

  it('no supervisor and no fallback group: every active admin is notified at each level', async () => {
    try {
      await setGroupSupervisor(
        t.db,
        admin,
        group.get('claims-adjusters')!,
        { supervisorId: null },
        z('2027-02-01T13:00:00Z'),
      );
      await t.db
        .update(s.slaPolicies)
        .set({ fallbackGroupId: null })
        .where(eq(s.slaPolicies.id, adjusterReview));
      const task = await openAt(z('2027-02-01T14:00:00Z'));
      const a1 = await actor('adjuster@example.com');
      await claimTask(t.db, a1, { taskId: task.id }, z('2027-02-01T15:00:00Z'));
      await escalateDueTasks(t.db, z('2027-02-03T14:00:00Z'));
      expect(await notifiedOf(task.id, 1)).toEqual(['admin2@example.com', 'admin@example.com']);
      await escalateDueTasks(t.db, z('2027-02-04T14:00:00Z'));
      expect(await notifiedOf(task.id, 2)).toEqual(['admin2@example.com', 'admin@example.com']);
      // No one can take it, so it stays with the adjuster who holds it.
      expect(await taskNow(task.id)).toMatchObject({
        escalationLevel: 2,
        status: 'claimed',
        assigneeId: a1.id,
      });
      expect(await summaries(task.id)).toEqual([
        'Escalated to level 1: overdue; Claims adjusters has no supervisor and the SLA policy names no fallback group: the admins are notified (Ada Admin, Zoe Admin)',
        'Escalated to level 2: overdue; Claims adjusters has no supervisor and the SLA policy names no fallback group: the admins are notified (Ada Admin, Zoe Admin); no one can take it, so it stays where it is',
      ]);
    } finally {
      await restore();
    }
  });
});

describe('deactivating a supervisor', () => {
  it('is refused (409, audited) naming the groups, and allowed once someone else supervises them', async () => {
    try {
      const dana = id('deputy@example.com');
      await setGroupSupervisor(t.db, admin, group.get('claims-intake')!, { supervisorId: dana });
      const e = await deactivateUser(t.db, admin, dana, z('2027-03-01T14:00:00Z')).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ code: 'conflict', status: 409 });
      expect((e as DomainError).message).toBe(
        'Dana Deputy supervises Claims intake; give that group another supervisor first.',
      );
      expect((e as DomainError).toJSON().error).toMatchObject({
        groups: [{ id: group.get('claims-intake'), name: 'Claims intake' }],
      });
      const [still] = await t.db.select().from(s.users).where(eq(s.users.id, dana));
      expect(still!.active).toBe(true);
      const refused = await t.db
        .select()
        .from(s.auditEvents)
        .where(and(eq(s.auditEvents.action, 'auth.refused'), eq(s.auditEvents.entityId, dana)));
      expect(refused.map((r) => r.summary)).toEqual([
        'Refused users.edit: still supervises Claims intake',
      ]);

      await setGroupSupervisor(t.db, admin, group.get('claims-intake')!, {
        supervisorId: id('supervisor@example.com'),
      });
      const done = await deactivateUser(t.db, admin, dana, z('2027-03-01T15:00:00Z'));
      expect(done.user.active).toBe(false);
    } finally {
      await restore();
    }
  });
});
