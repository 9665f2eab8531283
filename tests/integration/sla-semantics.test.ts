import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { loadUserActor } from '../../lib/data/users';
import { endOfLocalDay } from '../../lib/domain/business-calendar';
import type { TokenActor, UserActor } from '../../lib/domain/permissions';
import { dueState, type DueState } from '../../lib/domain/sla';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { claimTask } from '../../lib/use-cases/claim-task';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { inboxCounts } from '../../lib/use-cases/inbox-counts';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { openCase } from '../../lib/use-cases/open-case';
import { reassignTask } from '../../lib/use-cases/reassign-task';
import { updateSlaPolicy } from '../../lib/use-cases/update-sla-policy';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { createTestDb, type TestDb } from '../helpers/test-db';

/** Issue 13, items 2, 3 and 7, on the real use-cases with a fixed clock. */
const SEEDED = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 in New York
let t: TestDb;
let token: TokenActor;
const actor = new Map<string, UserActor>();
let seq = 0;
const z = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: SEEDED });
  const [tok] = await t.db.select().from(s.apiTokens);
  token = { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
  for (const u of await t.db.select().from(s.users))
    actor.set(u.email, (await loadUserActor(t.db, u.id))!);
});
afterAll(async () => {
  await t?.close();
});

/** A standard claim opened at `at`: Adjuster review for Claims adjusters (2 business days). */
async function openAt(at: Date) {
  const res = await openCase(
    t.db,
    token,
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: `Semantics ${++seq}`, email: 's@example.com' },
        incidentDate: at.toISOString().slice(0, 10),
        damageEstimate: 12000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
    `semantics-${seq}`,
    at,
  );
  return taskNow(res.case.tasks[0]!.id);
}
const taskNow = async (id: string) =>
  (await t.db.select().from(s.tasks).where(eq(s.tasks.id, id)))[0]!;
const notes = (taskId: string, kind: 'reminder' | 'escalation' | 'assignment') =>
  t.db
    .select()
    .from(s.notifications)
    .where(and(eq(s.notifications.taskId, taskId), eq(s.notifications.kind, kind)));
const id = (email: string) => actor.get(email)!.id;

describe('urgency: the chips, the queue counts and the filters agree', () => {
  const states = ['overdue', 'due_soon', 'on_time'] as const;
  // The seed places deadlines around its own clock: due in minutes, soon, later, overdue by days.
  const moments = [
    SEEDED,
    z('2026-11-24T18:13:00Z'),
    z('2026-11-24T23:00:00Z'),
    z('2026-11-25T14:30:00Z'),
  ];

  for (const now of moments) {
    for (const email of ['admin@example.com', 'supervisor@example.com', 'adjuster@example.com']) {
      it(`at ${now.toISOString()} for ${email}`, async () => {
        const who = actor.get(email)!;
        const list = (f: Record<string, unknown>) =>
          listInbox(t.db, who, inboxFilterSchema.parse({ limit: 100, ...f }), now);
        const all = await list({ queue: 'all' });
        expect(all.nextCursor).toBeNull();
        const chip = new Map<string, DueState>(all.tasks.map((r) => [r.id, dueState(now, r)]));
        const withChip = (wanted: (s: DueState) => boolean) =>
          [...chip]
            .filter(([, s]) => wanted(s))
            .map(([k]) => k)
            .sort();

        for (const due of states) {
          const r = await list({ queue: 'all', due });
          expect(r.tasks.map((x) => x.id).sort(), due).toEqual(
            withChip((s) => s === due || (due === 'on_time' && s === 'none')),
          );
          expect(r.total).toBe(r.tasks.length);
        }

        const counts = await inboxCounts(t.db, who, now);
        const overdue = await list({ queue: 'overdue' });
        expect(counts.overdue).toBe(overdue.total);
        expect(overdue.tasks.map((x) => x.id).sort()).toEqual(withChip((s) => s === 'overdue'));

        // Due today: due later today; overdue work is in Overdue, not here.
        const endOfDay = endOfLocalDay(now, who.timeZone ?? 'UTC');
        const today = await list({ queue: 'due_today' });
        expect(counts.dueToday).toBe(today.total);
        expect(today.tasks.map((x) => x.id).sort()).toEqual(
          all.tasks
            .filter((r) => r.dueAt && r.dueAt > now && r.dueAt <= endOfDay)
            .map((r) => r.id)
            .sort(),
        );
        expect(today.tasks.some((r) => chip.get(r.id) === 'overdue')).toBe(false);
      });
    }
  }

  it('the seed has work in every state at its own clock', async () => {
    const all = await listInbox(
      t.db,
      actor.get('admin@example.com')!,
      inboxFilterSchema.parse({ queue: 'all', limit: 100 }),
      SEEDED,
    );
    const seen = new Set(all.tasks.map((r) => dueState(SEEDED, r)));
    for (const s of states) expect(seen).toContain(s);
  });
});

describe('a switched-off reminder never fires', () => {
  it('reassigning under a policy without a reminder sends no "due soon" notice', async () => {
    const [policy] = await t.db
      .select()
      .from(s.slaPolicies)
      .where(eq(s.slaPolicies.key, 'adjuster-review'));
    await t.db
      .update(s.slaPolicies)
      .set({ reminder: null })
      .where(eq(s.slaPolicies.id, policy!.id));
    try {
      const task = await openAt(z('2027-03-01T14:00:00Z')); // Monday 09:00 → due Wednesday 09:00
      expect(task.remindAt).toBeNull();
      const a1 = actor.get('adjuster@example.com')!;
      const claimed = await claimTask(t.db, a1, { taskId: task.id }, z('2027-03-01T15:00:00Z'));
      await reassignTask(
        t.db,
        actor.get('supervisor@example.com')!,
        {
          taskId: task.id,
          toUserId: id('adjuster2@example.com'),
          reason: 'Balancing the load',
          expectedVersion: claimed.version,
        },
        z('2027-03-01T16:00:00Z'),
      );
      expect((await taskNow(task.id)).remindAt).toBeNull();
      await sendDueReminders(t.db, z('2027-03-01T16:01:00Z'));
      await sendDueReminders(t.db, z('2027-03-03T13:59:00Z'));
      expect(await notes(task.id, 'reminder')).toHaveLength(0);
    } finally {
      await t.db
        .update(s.slaPolicies)
        .set({ reminder: policy!.reminder })
        .where(eq(s.slaPolicies.id, policy!.id));
    }
  });

  it('a new holder is reminded at the reminder point, or at once inside the window', async () => {
    const task = await openAt(z('2027-03-08T14:00:00Z')); // Monday 09:00 → due Wednesday 09:00
    expect(task.remindAt!.toISOString()).toBe('2027-03-09T18:00:00.000Z'); // Tuesday 13:00
    const sup = actor.get('supervisor@example.com')!;
    const early = await reassignTask(
      t.db,
      sup,
      { taskId: task.id, toUserId: id('adjuster@example.com'), reason: 'Yours' },
      z('2027-03-08T15:00:00Z'),
    );
    expect((await taskNow(task.id)).remindAt!.toISOString()).toBe('2027-03-09T18:00:00.000Z');
    await reassignTask(
      t.db,
      sup,
      {
        taskId: task.id,
        toUserId: id('adjuster2@example.com'),
        reason: 'Out sick',
        expectedVersion: early.version,
      },
      z('2027-03-09T19:00:00Z'), // Tuesday 14:00: inside the reminder window
    );
    expect((await taskNow(task.id)).remindAt!.toISOString()).toBe('2027-03-09T19:00:00.000Z');
    await sendDueReminders(t.db, z('2027-03-09T19:01:00Z'));
    expect((await notes(task.id, 'reminder')).map((n) => n.userId)).toEqual([
      id('adjuster2@example.com'),
    ]);
  });
});

describe("a supervisor's reassignment handles the escalation", () => {
  it('restarts the ladder from the reassignment: level 2 does not take the task back at the old time', async () => {
    const task = await openAt(z('2026-11-20T21:00:00Z')); // Friday 16:00 → due Tuesday 16:00
    expect(task.dueAt!.toISOString()).toBe('2026-11-24T21:00:00.000Z');
    await escalateDueTasks(t.db, z('2026-11-24T21:00:00Z'));
    const l1 = await taskNow(task.id);
    expect(l1).toMatchObject({ escalationLevel: 1, assigneeId: null });
    expect(l1.nextEscalationAt!.toISOString()).toBe('2026-11-25T21:00:00.000Z'); // Wed 16:00

    // Wednesday 10:00 the supervisor hands it to a colleague.
    const moved = await reassignTask(
      t.db,
      actor.get('supervisor@example.com')!,
      {
        taskId: task.id,
        toUserId: id('adjuster2@example.com'),
        reason: 'Jo can finish it today',
        expectedVersion: l1.version,
      },
      z('2026-11-25T15:00:00Z'),
    );
    // The remaining ladder replays from the reassignment: level 2 is 8 business hours later,
    // across Thanksgiving → Friday 10:00.
    expect(moved.nextEscalationAt!.toISOString()).toBe('2026-11-27T15:00:00.000Z');
    const [audit] = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.taskId, task.id), eq(s.auditEvents.action, 'task.reassigned')));
    expect(audit!.after).toMatchObject({ nextEscalationAt: '2026-11-27T15:00:00.000Z' });

    await escalateDueTasks(t.db, z('2026-11-25T21:00:00Z')); // the old level-2 time
    expect(await taskNow(task.id)).toMatchObject({
      escalationLevel: 1,
      assigneeId: id('adjuster2@example.com'),
    });

    await escalateDueTasks(t.db, z('2026-11-27T15:00:00Z'));
    expect(await taskNow(task.id)).toMatchObject({
      escalationLevel: 2,
      assigneeId: id('supervisor@example.com'),
    });
  });

  it('a restarted ladder times every later level from the reassignment, also after a policy edit', async () => {
    const [policy] = await t.db
      .select()
      .from(s.slaPolicies)
      .where(eq(s.slaPolicies.key, 'adjuster-review'));
    const three = [
      ...policy!.escalations,
      {
        level: 3,
        after: { amount: 16, unit: 'business_hours' as const },
        action: 'notify_supervisor' as const,
      },
    ];
    await t.db
      .update(s.slaPolicies)
      .set({ escalations: three })
      .where(eq(s.slaPolicies.id, policy!.id));
    try {
      const task = await openAt(z('2026-11-20T21:00:00Z')); // due Tuesday 24 Nov 16:00 New York
      await escalateDueTasks(t.db, z('2026-11-24T21:00:00Z'));
      const l1 = await taskNow(task.id);
      await reassignTask(
        t.db,
        actor.get('supervisor@example.com')!,
        {
          taskId: task.id,
          toUserId: id('adjuster2@example.com'),
          reason: 'Jo',
          expectedVersion: l1.version,
        },
        z('2026-11-25T15:00:00Z'), // Wednesday 10:00
      );
      // Level 2: 8 business hours after the reassignment → Friday 27 Nov 10:00 (Thanksgiving).
      await escalateDueTasks(t.db, z('2026-11-27T15:00:00Z'));
      const l2 = await taskNow(task.id);
      expect(l2.escalationLevel).toBe(2);
      // Level 3: 16 business hours after the reassignment → Monday 30 Nov 10:00, not 16 after due.
      expect(l2.nextEscalationAt!.toISOString()).toBe('2026-11-30T15:00:00.000Z');
      // Editing the policy keeps the restarted base.
      const body = JSON.parse(
        JSON.stringify({ due: policy!.due, reminder: policy!.reminder, escalations: three }),
      ) as Parameters<typeof updateSlaPolicy>[3];
      await updateSlaPolicy(t.db, actor.get('admin@example.com')!, policy!.id, {
        ...body,
        name: 'Adjuster review: edited',
      });
      expect((await taskNow(task.id)).nextEscalationAt!.toISOString()).toBe(
        '2026-11-30T15:00:00.000Z',
      );
    } finally {
      await t.db
        .update(s.slaPolicies)
        .set({ escalations: policy!.escalations, name: policy!.name })
        .where(eq(s.slaPolicies.id, policy!.id));
    }
  });

  it('with the policy set to "stop", the reassignment ends the ladder (saved through the SLA admin)', async () => {
    const [policy] = await t.db
      .select()
      .from(s.slaPolicies)
      .where(eq(s.slaPolicies.key, 'adjuster-review'));
    const admin = actor.get('admin@example.com')!;
    // As the editor sends it (the stored spec, typed loosely like a request body).
    const body = JSON.parse(
      JSON.stringify({
        due: policy!.due,
        reminder: policy!.reminder,
        escalations: policy!.escalations,
        version: policy!.version,
      }),
    ) as Parameters<typeof updateSlaPolicy>[3];
    await expect(
      updateSlaPolicy(t.db, admin, policy!.id, { ...body, onReassign: 'later' as 'stop' }),
    ).rejects.toMatchObject({ code: 'validation', fields: { onReassign: expect.any(String) } });
    const saved = await updateSlaPolicy(t.db, admin, policy!.id, { ...body, onReassign: 'stop' });
    expect(saved.onReassign).toBe('stop');
    const events = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.entityId, policy!.id), eq(s.auditEvents.action, 'sla_policy.updated')),
      );
    const event = events.find(
      (e) => (e.after as { onReassign?: string } | null)?.onReassign === 'stop',
    );
    expect(event?.after).toMatchObject({ onReassign: 'stop' });
    try {
      const task = await openAt(z('2026-11-20T21:00:00Z'));
      await escalateDueTasks(t.db, z('2026-11-24T21:00:00Z'));
      const l1 = await taskNow(task.id);
      const moved = await reassignTask(
        t.db,
        actor.get('supervisor@example.com')!,
        {
          taskId: task.id,
          toUserId: id('adjuster2@example.com'),
          reason: 'Jo takes it',
          expectedVersion: l1.version,
        },
        z('2026-11-25T15:00:00Z'),
      );
      expect(moved.nextEscalationAt).toBeNull();
      await escalateDueTasks(t.db, z('2026-12-10T15:00:00Z'));
      expect(await taskNow(task.id)).toMatchObject({
        escalationLevel: 1,
        assigneeId: id('adjuster2@example.com'),
      });
    } finally {
      await t.db
        .update(s.slaPolicies)
        .set({ onReassign: 'restart' })
        .where(eq(s.slaPolicies.id, policy!.id));
    }
  });
});
