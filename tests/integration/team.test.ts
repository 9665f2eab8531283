import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
import { bulkReassignTasks } from '../../lib/use-cases/bulk-reassign-tasks';
import { setOutOfOffice } from '../../lib/use-cases/set-out-of-office';
import { slaFigures } from '../../lib/use-cases/sla-figures';
import { teamWorkload } from '../../lib/use-cases/team-workload';
import { createTestDb, type TestDb } from '../helpers/test-db';

const NOW = new Date('2026-11-24T17:00:00Z'); // Tuesday 12:00 in New York
const h = (n: number) => n * 3_600_000;
const at = (iso: string) => new Date(iso);
let t: TestDb;
let lead: UserActor;
let member: { id: string };
let member2: { id: string };
let groupId: string;
let caseId: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date('2026-06-01T15:00:00Z') });
  // A team of its own, so the figures are computed over a hand-made data set only.
  const [u] = await t.db
    .insert(s.users)
    .values({
      email: 'lead@example.com',
      name: 'Lee Lead',
      role: 'supervisor',
      timeZone: 'America/New_York',
    })
    .returning();
  const [m] = await t.db
    .insert(s.users)
    .values({ email: 'm1@example.com', name: 'Mia Member' })
    .returning();
  const [m2] = await t.db
    .insert(s.users)
    .values({ email: 'm2@example.com', name: 'Max Member' })
    .returning();
  const [g] = await t.db
    .insert(s.groups)
    .values({ key: 'test-team', name: 'Test team', supervisorId: u!.id })
    .returning();
  await t.db.insert(s.groupMemberships).values([
    { groupId: g!.id, userId: m!.id },
    { groupId: g!.id, userId: m2!.id },
  ]);
  lead = (await loadUserActor(t.db, u!.id))!;
  member = m!;
  member2 = m2!;
  groupId = g!.id;
  caseId = (await t.db.select().from(s.cases).limit(1))[0]!.id;

  const done = (name: string, created: string, cycleHours: number, late: boolean) => {
    const createdAt = at(created);
    const completedAt = new Date(createdAt.getTime() + h(cycleHours));
    const dueAt = late
      ? new Date(completedAt.getTime() - h(1))
      : new Date(completedAt.getTime() + h(1));
    return {
      caseId,
      stepKey: 'x',
      name,
      status: 'completed' as const,
      candidateGroupId: groupId,
      assigneeId: member.id,
      createdAt,
      completedAt,
      dueAt,
    };
  };
  await t.db.insert(s.tasks).values([
    done('Review', '2026-11-20T14:00:00Z', 2, false), // Fri 20 Nov (NY)
    done('Review', '2026-11-20T15:00:00Z', 4, false),
    done('Review', '2026-11-23T14:00:00Z', 6, false), // Mon 23 Nov
    done('Review', '2026-11-23T15:00:00Z', 10, true), // late
    done('Approval', '2026-11-24T14:00:00Z', 1, false), // Tue 24 Nov
    done('Review', '2026-11-12T14:00:00Z', 3, true), // 12 days ago: only in the 30-day figures
    {
      caseId,
      stepKey: 'x',
      name: 'Review',
      status: 'claimed',
      candidateGroupId: groupId,
      assigneeId: member.id,
      createdAt: at('2026-11-24T13:00:00Z'),
      dueAt: at('2026-11-24T19:00:00Z'),
      // Its due-soon point (the inbox's definition) has passed at NOW.
      dueSoonAt: at('2026-11-24T16:30:00Z'),
    }, // due soon
    {
      caseId,
      stepKey: 'x',
      name: 'Review',
      status: 'claimed',
      candidateGroupId: groupId,
      assigneeId: member.id,
      createdAt: at('2026-11-23T13:00:00Z'),
      dueAt: at('2026-11-24T10:00:00Z'),
    }, // overdue
  ]);
  const [escalatedTask] = await t.db
    .select()
    .from(s.tasks)
    .where(eq(s.tasks.dueAt, at('2026-11-24T10:00:00Z')));
  await t.db.insert(s.auditEvents).values([
    {
      actorType: 'system',
      actorLabel: 'system:scheduler',
      action: 'task.escalated',
      entityType: 'task',
      taskId: escalatedTask!.id,
      occurredAt: at('2026-11-24T10:00:00Z'),
    },
    {
      actorType: 'system',
      actorLabel: 'system:scheduler',
      action: 'task.escalated',
      entityType: 'task',
      taskId: escalatedTask!.id,
      occurredAt: at('2026-11-24T16:00:00Z'),
    },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('SLA figures (against a hand-computed data set)', () => {
  it('compliance per group and step, cycle time median and p90, over 7 days', async () => {
    const f = await slaFigures(t.db, lead, 7, NOW);
    // Review: 3 on time, 1 late, and the open task due at 10:00Z is overdue → 3 of 5
    // (the open task due at 19:00Z is not due yet and is in no count)
    expect(f.compliance).toEqual([
      {
        group: 'Test team',
        step: 'Approval',
        met: 1,
        completedLate: 0,
        openOverdue: 0,
        total: 1,
        percent: 100,
      },
      {
        group: 'Test team',
        step: 'Review',
        met: 3,
        completedLate: 1,
        openOverdue: 1,
        total: 5,
        percent: 60,
      },
    ]);
    expect(f.complianceTotal).toMatchObject({ met: 4, openOverdue: 1, total: 6, percent: 66.7 });
    // These tasks have no SLA policy, so no calendar: every hour counts.
    // cycle hours 1, 2, 4, 6, 10 → median 4, p90 = 6 + 0.6 × (10 − 6) = 8.4
    expect(f.cycle).toEqual([{ group: 'Test team', completed: 5, medianHours: 4, p90Hours: 8.4 }]);
  });

  it('per day (in the supervisor’s time zone): opened, completed, escalations', async () => {
    const f = await slaFigures(t.db, lead, 7, NOW);
    expect(f.daily.map((d) => d.day)).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
    const byDay = Object.fromEntries(
      f.daily.map((d) => [d.day, [d.opened, d.completed, d.escalations]]),
    );
    expect(byDay['2026-11-20']).toEqual([2, 2, 0]);
    expect(byDay['2026-11-23']).toEqual([3, 2, 0]); // two reviews + the overdue task opened; 06:00 and 01:00+1 completions
    expect(byDay['2026-11-24']).toEqual([2, 1, 2]);
  });

  it('the 30-day window includes the older task', async () => {
    const f = await slaFigures(t.db, lead, 30, NOW);
    // Review: 3 on time, 2 late, 1 open overdue → 3 of 6
    expect(f.compliance.find((c) => c.step === 'Review')).toEqual({
      group: 'Test team',
      step: 'Review',
      met: 3,
      completedLate: 2,
      openOverdue: 1,
      total: 6,
      percent: 50,
    });
  });

  it('workload per person: open, due soon, overdue, out of office', async () => {
    const w = await teamWorkload(t.db, lead, NOW);
    expect(w.groups.map((g) => g.key)).toEqual(['test-team']);
    expect(w.people.find((p) => p.email === 'm1@example.com')).toMatchObject({
      open: 2,
      dueSoon: 1,
      overdue: 1,
      outOfOffice: false,
    });
    expect(w.people.find((p) => p.email === 'm2@example.com')).toMatchObject({
      open: 0,
      dueSoon: 0,
      overdue: 0,
    });
  });

  it('adjusters get no figures; a supervisor sees only the groups they supervise', async () => {
    const adj = (await loadUserActor(t.db, member.id))!;
    await expect(slaFigures(t.db, adj, 7, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const [sue] = await t.db
      .select()
      .from(s.users)
      .where(eq(s.users.email, 'supervisor@example.com'));
    const sup = (await loadUserActor(t.db, sue!.id))!;
    const f = await slaFigures(t.db, sup, 7, NOW);
    expect(f.compliance.some((c) => c.group === 'Test team')).toBe(false);
  });
});

describe('out of office and reassignment', () => {
  it('the supervisor marks a member out of office with a delegate; others cannot', async () => {
    await expect(
      setOutOfOffice(
        t.db,
        lead,
        { userId: member.id, outOfOffice: true, delegateId: member.id },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'validation' });
    const r = await setOutOfOffice(
      t.db,
      lead,
      { userId: member.id, outOfOffice: true, delegateId: member2.id },
      NOW,
    );
    expect(r).toEqual({ id: member.id, outOfOffice: true, delegateId: member2.id });
    const w = await teamWorkload(t.db, lead, NOW);
    expect(w.people.find((p) => p.email === 'm1@example.com')).toMatchObject({
      outOfOffice: true,
      delegateName: 'Max Member',
    });
    const [sue] = await t.db
      .select()
      .from(s.users)
      .where(eq(s.users.email, 'supervisor@example.com'));
    const otherSup = (await loadUserActor(t.db, sue!.id))!;
    await expect(
      setOutOfOffice(
        t.db,
        otherSup,
        { userId: member.id, outOfOffice: false, delegateId: null },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const events = await t.db
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.action, 'user.out_of_office'));
    expect(events).toHaveLength(1);
  });

  it('bulk reassignment moves what can go and reports the rest per task', async () => {
    const open = await t.db
      .insert(s.tasks)
      .values([
        {
          caseId,
          stepKey: 'x',
          name: 'Bulk A',
          status: 'ready',
          candidateGroupId: groupId,
          createdAt: NOW,
        },
        {
          caseId,
          stepKey: 'x',
          name: 'Bulk B',
          status: 'completed',
          candidateGroupId: groupId,
          createdAt: NOW,
        },
      ])
      .returning();
    const r = await bulkReassignTasks(
      t.db,
      lead,
      {
        taskIds: [...open.map((x) => x.id), open[0]!.id],
        toUserId: member2.id,
        reason: 'Balancing',
      },
      NOW,
    );
    expect(r.tasks.map((x) => x.id)).toEqual([open[0]!.id]);
    expect(r.results.find((x) => x.taskId === open[1]!.id)).toMatchObject({
      ok: false,
      problem: 'closed',
      name: 'Bulk B',
    });
    const [a] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, open[0]!.id));
    expect(a).toMatchObject({ status: 'claimed', assigneeId: member2.id, version: 2 });
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.taskId, open[0]!.id));
    expect(notes.map((n) => [n.userId, n.kind])).toEqual([[member2.id, 'assignment']]);
  });
});
