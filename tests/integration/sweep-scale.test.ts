import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { openPostgres } from '../../db/client';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { loadSlaPolicyById } from '../../lib/data/definitions';
import { formatForRecipient } from '../../lib/data/recipients';
import { escalationTime } from '../../lib/domain/sla';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

/**
 * Issue 15 item 4: the sweeps claim hundreds of tasks a transaction and write them set-based.
 * A large batch across policies, groups and ladder levels must leave exactly the rows the
 * per-task rules give: each task one level up, its next level timed by the domain's ladder on
 * the business calendar, one audit event, one notification and e-mail per person told.
 */
let t: TestDb;
const z = (iso: string) => new Date(iso);
const NOW = z('2026-10-14T15:00:00Z'); // Wednesday 11:00 in New York: business time
const user = new Map<string, { id: string; name: string; email: string; timeZone: string }>();
const group = new Map<string, { id: string; supervisorId: string | null }>();
const policy = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: z('2026-09-01T15:00:00Z') });
  await escalateDueTasks(t.db, z('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  await sendDueReminders(t.db, z('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  for (const u of await t.db.select().from(s.users)) user.set(u.email, u);
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g);
  for (const p of await t.db.select().from(s.slaPolicies)) policy.set(p.key, p.id);
});
afterAll(async () => {
  await t?.close();
});

/** The shapes of the generated due set: policy, group, current level, holder. */
const SHAPES = [
  { policy: 'adjuster-review', group: 'claims-adjusters', level: 0, holder: null },
  {
    policy: 'adjuster-review',
    group: 'claims-adjusters',
    level: 1,
    holder: 'adjuster@example.com',
  },
  { policy: 'fraud-review', group: 'special-investigations', level: 0, holder: null },
  {
    policy: 'fraud-review',
    group: 'special-investigations',
    level: 1,
    holder: 'adjuster2@example.com',
  },
  { policy: 'supervisor-approval', group: 'claims-supervisors', level: 0, holder: null },
] as const;

/** `n` tasks of each shape on one case, each due at its own second before NOW, marked in the context. */
async function dueSet(n: number, marker: string) {
  const [c] = await t.db.select({ id: s.cases.id }).from(s.cases).limit(1);
  for (const [k, sh] of SHAPES.entries()) {
    const holder = sh.holder ? user.get(sh.holder)!.id : null;
    await t.db.execute(sql`
      insert into tasks (case_id, step_key, name, status, assignee_id, claimed_at, candidate_group_id, outcomes, context, sla_policy_id, due_at, escalation_level, escalated_at, next_escalation_at, created_at)
      select ${c!.id}, 'review', 'Review ' || i, ${holder ? 'claimed' : 'ready'}::task_status, ${holder}::uuid, ${holder ? NOW.toISOString() : null}::timestamptz,
             ${group.get(sh.group)!.id}, '[]'::jsonb, ${JSON.stringify({ marker, shape: k })}::jsonb, ${policy.get(sh.policy)!},
             ${NOW.toISOString()}::timestamptz - (i * 5 + ${k}) * interval '1 second' - ${sh.level ? '3 days' : '0 days'}::interval,
             ${sh.level}, ${sh.level ? NOW.toISOString() : null}::timestamptz,
             ${NOW.toISOString()}::timestamptz - (i * 5 + ${k}) * interval '1 second', ${NOW.toISOString()}::timestamptz - interval '5 days'
      from generate_series(1, ${n}) i`);
  }
  return t.db
    .select()
    .from(s.tasks)
    .where(sql`${s.tasks.context}->>'marker' = ${marker}`);
}

describe('a large escalation batch', () => {
  it('2,500 due tasks across policies and levels: one level each, as the domain decides, audited and notified exactly once', async () => {
    const before = await dueSet(500, 'scale');
    expect(before).toHaveLength(2500);
    const done = await escalateDueTasks(t.db, NOW, { batchSize: 1000, maxBatches: 10 });
    expect(done).toBeGreaterThanOrEqual(2500);
    const ids = before.map((x) => x.id);
    const after = new Map(
      (await t.db.select().from(s.tasks).where(inArray(s.tasks.id, ids))).map((x) => [x.id, x]),
    );
    const events = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(inArray(s.auditEvents.taskId, ids), eq(s.auditEvents.action, 'task.escalated')));
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(inArray(s.notifications.taskId, ids));
    const mails = await t.db
      .select({ notificationId: s.emailOutbox.notificationId, to: s.emailOutbox.toAddress })
      .from(s.emailOutbox)
      .where(
        inArray(
          s.emailOutbox.notificationId,
          notes.map((n) => n.id),
        ),
      );
    expect(events).toHaveLength(2500);
    const slas = new Map<string, Awaited<ReturnType<typeof loadSlaPolicyById>>>();
    for (const [k, id] of policy) slas.set(k, await loadSlaPolicyById(t.db, id));

    for (const b of before) {
      const sh = SHAPES[(b.context as { shape: number }).shape]!;
      const a = after.get(b.id)!;
      const sla = slas.get(sh.policy)!;
      const level = sh.level + 1;
      const g = group.get(sh.group)!;
      const sup = [...user.values()].find((u) => u.id === g.supervisorId)!;
      const spec = sla.spec.escalations.find((e) => e.level === level)!;
      const next = escalationTime(b.ladderStartedAt ?? b.dueAt!, sla.spec, level + 1, sla.calendar);
      expect(a.escalationLevel).toBe(level);
      expect(a.nextEscalationAt?.toISOString() ?? null).toBe(next?.toISOString() ?? null);
      const mine = events.filter((e) => e.taskId === b.id);
      expect(mine).toHaveLength(1);
      const ev = mine[0]!;
      expect(ev).toMatchObject({
        actorType: 'system',
        actorId: 'scheduler',
        actorLabel: 'system:scheduler',
      });
      expect(ev.occurredAt.toISOString()).toBe(NOW.toISOString());
      expect(ev.metadata).toEqual({ level, action: spec.action, notifiedUserIds: [sup.id] });
      const told = notes.filter((n) => n.taskId === b.id);
      if (spec.action === 'reassign_to_supervisor') {
        expect(a).toMatchObject({ assigneeId: sup.id, status: 'claimed', version: b.version + 1 });
        expect(ev.summary).toBe(
          `Escalated to level ${level}: overdue, reassigned to ${sup.name} (supervisor)`,
        );
        expect(ev.before).toEqual({
          escalationLevel: sh.level,
          assigneeId: b.assigneeId,
          candidateGroupId: g.id,
          status: 'claimed',
        });
        expect(ev.after).toEqual({
          escalationLevel: level,
          assigneeId: sup.id,
          candidateGroupId: g.id,
          status: 'claimed',
          nextEscalationAt: null,
        });
        // The supervisor is told, and the former holder that it was taken from them.
        expect(told.map((n) => n.dedupeKey).sort()).toEqual(
          [`escalation-taken:${b.id}:${level}`, `escalation:${b.id}:${level}:${sup.id}`].sort(),
        );
        expect(told.find((n) => n.dedupeKey.startsWith('escalation-taken'))!.userId).toBe(
          b.assigneeId,
        );
      } else {
        expect(a).toMatchObject({ assigneeId: b.assigneeId, status: b.status, version: b.version });
        expect(ev.summary).toBe(
          `Escalated to level ${level}: overdue, ${sup.name} (supervisor) notified`,
        );
        expect(told.map((n) => [n.userId, n.dedupeKey])).toEqual([
          [sup.id, `escalation:${b.id}:${level}:${sup.id}`],
        ]);
      }
      for (const n of told) {
        expect(n.kind).toBe('escalation');
        expect(n.body).toBe(ev.summary);
        expect(n.link).toBe(`/tasks/${b.id}`);
        expect(n.createdAt.toISOString()).toBe(NOW.toISOString());
      }
    }
    // One e-mail per notification, to its recipient.
    const emailOf = new Map([...user.values()].map((u) => [u.id, u.email]));
    expect(mails).toHaveLength(notes.length);
    expect(new Set(mails.map((m) => m.notificationId)).size).toBe(notes.length);
    for (const m of mails)
      expect(m.to).toBe(emailOf.get(notes.find((n) => n.id === m.notificationId)!.userId));

    // A second sweep at the same time finds nothing left to do for these tasks.
    await escalateDueTasks(t.db, NOW, { batchSize: 1000 });
    const [again] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.auditEvents)
      .where(and(inArray(s.auditEvents.taskId, ids), eq(s.auditEvents.action, 'task.escalated')));
    expect(again!.n).toBe(2500);
  });
});

/** `n` open tasks with a reminder due at its own second, half with the adjuster, half in the adjusters' queue. */
async function dueReminders(n: number, marker: string, at: Date) {
  const [c] = await t.db.select({ id: s.cases.id }).from(s.cases).limit(1);
  const a = user.get('adjuster@example.com')!.id;
  await t.db.execute(sql`
    insert into tasks (case_id, step_key, name, status, assignee_id, candidate_group_id, outcomes, context, sla_policy_id, due_at, remind_at, created_at)
    select ${c!.id}, 'review', 'Review ' || i, case when i % 2 = 0 then 'claimed' else 'ready' end::task_status,
           case when i % 2 = 0 then ${a}::uuid end, ${group.get('claims-adjusters')!.id}, '[]'::jsonb, ${JSON.stringify({ marker })}::jsonb,
           ${policy.get('adjuster-review')!},
           case when i % 10 = 0 then ${at.toISOString()}::timestamptz - interval '1 hour' else ${at.toISOString()}::timestamptz + interval '4 hours' end,
           ${at.toISOString()}::timestamptz - i * interval '1 second', ${at.toISOString()}::timestamptz - interval '2 days'
    from generate_series(1, ${n}) i`);
  return t.db
    .select()
    .from(s.tasks)
    .where(sql`${s.tasks.context}->>'marker' = ${marker}`);
}

describe('a large reminder batch', () => {
  it('reminds the assignee or every group member once, skips overdue work, audits each task once', async () => {
    const at = z('2026-10-21T15:00:00Z');
    const tasks = await dueReminders(600, 'remind-scale', at);
    await sendDueReminders(t.db, at, { batchSize: 1000 });
    await checkReminders(tasks, at);
  });

  it('three sweepers racing on the same due reminders send each exactly once', async () => {
    const at = z('2026-10-28T15:00:00Z');
    const tasks = await dueReminders(300, 'remind-race', at);
    const handles = onPostgres()
      ? [0, 1, 2].map(() => openPostgres(t.url!, { max: 2 }))
      : [t, t, t];
    try {
      const done = await Promise.all(
        handles.map((h) => sendDueReminders(h.db, at, { batchSize: 20, maxBatches: 100 })),
      );
      expect(done.reduce((x, y) => x + y, 0)).toBe(300);
      if (onPostgres()) expect(done.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    } finally {
      if (onPostgres()) await Promise.all(handles.map((h) => h.close()));
    }
    await checkReminders(tasks, at);
  });
});

async function checkReminders(tasks: (typeof s.tasks.$inferSelect)[], at: Date) {
  const ids = tasks.map((x) => x.id);
  const members = [user.get('adjuster@example.com')!, user.get('adjuster2@example.com')!];
  const notes = await t.db
    .select()
    .from(s.notifications)
    .where(inArray(s.notifications.taskId, ids));
  const events = await t.db.select().from(s.auditEvents).where(inArray(s.auditEvents.taskId, ids));
  const after = new Map(
    (await t.db.select().from(s.tasks).where(inArray(s.tasks.id, ids))).map((x) => [x.id, x]),
  );
  for (const b of tasks) {
    const mine = events.filter((e) => e.taskId === b.id);
    const told = notes.filter((n) => n.taskId === b.id);
    expect(mine).toHaveLength(1);
    expect(after.get(b.id)!.remindAt).toBeNull();
    if (b.dueAt! <= at) {
      expect(mine[0]).toMatchObject({
        action: 'task.reminder_skipped',
        summary: 'Reminder skipped: the task was already overdue',
        metadata: {},
      });
      expect(told).toHaveLength(0);
      expect(after.get(b.id)!.remindedAt).toBeNull();
      continue;
    }
    const to = b.assigneeId ? [members[0]!] : members;
    expect(after.get(b.id)!.remindedAt!.toISOString()).toBe(at.toISOString());
    expect(mine[0]).toMatchObject({
      action: 'task.reminded',
      summary: b.assigneeId
        ? `Reminder sent to ${members[0]!.name}`
        : 'Reminder sent to the group (2 people)',
    });
    const { recipients, ...rest } = mine[0]!.metadata as { recipients: string[] };
    expect([...recipients].sort()).toEqual(to.map((r) => r.email).sort());
    expect(rest).toEqual({ sent: to.length, remindAt: b.remindAt!.toISOString() });
    expect(told.map((n) => n.userId).sort()).toEqual(to.map((r) => r.id).sort());
    for (const n of told) {
      const r = to.find((x) => x.id === n.userId)!;
      expect(n.dedupeKey).toBe(`reminder:${b.id}:${b.remindAt!.toISOString()}:${r.id}`);
      expect(n.body).toBe(
        `${b.assigneeId ? 'Your task' : 'A task in your group queue'} “${b.name}” is due ${formatForRecipient(b.dueAt!, r)}.`,
      );
    }
  }
}

describe('two batches under way in one sweep call (sweep-lanes.ts)', () => {
  const escalatedEvents = async (ids: string[]) =>
    t.db
      .select({ taskId: s.auditEvents.taskId })
      .from(s.auditEvents)
      .where(and(inArray(s.auditEvents.taskId, ids), eq(s.auditEvents.action, 'task.escalated')));

  it('starts at most maxBatches batches across its lanes', async () => {
    await dueSet(20, 'lanes-bound');
    expect(await escalateDueTasks(t.db, NOW, { batchSize: 10, maxBatches: 3 })).toBe(30);
    await escalateDueTasks(t.db, NOW, { batchSize: 1000, maxBatches: 100 });
  });

  it('a batch that fails stops the call and rolls back alone; the next sweep finishes each task exactly once', async () => {
    const before = await dueSet(20, 'lanes-fail');
    const ids = before.map((x) => x.id);
    let decided = 0;
    const failing = escalateDueTasks(t.db, NOW, {
      batchSize: 10,
      maxBatches: 100,
      afterItem: () => {
        if (++decided === 15) throw new Error('boom in one lane');
        return Promise.resolve();
      },
    });
    await expect(failing).rejects.toThrow('boom in one lane');
    // No batch starts after the failure: the failing one (15th item) and the other lane's under way.
    expect(decided).toBeLessThanOrEqual(25);
    const moved = (await t.db.select().from(s.tasks).where(inArray(s.tasks.id, ids))).filter(
      (a) => a.escalationLevel !== before.find((b) => b.id === a.id)!.escalationLevel,
    );
    const events = await escalatedEvents(ids);
    // Whatever committed is whole (task moved and audited), and the failed batch left nothing.
    expect(new Set(events.map((e) => e.taskId))).toEqual(new Set(moved.map((m) => m.id)));
    expect(moved.length).toBeLessThan(ids.length);
    await escalateDueTasks(t.db, NOW, { batchSize: 10, maxBatches: 100 });
    const after = await escalatedEvents(ids);
    expect(after).toHaveLength(ids.length);
    expect(new Set(after.map((e) => e.taskId)).size).toBe(ids.length);
  });
});
