import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { resolveDelegate } from '../../lib/data/assignment';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { DomainError } from '../../lib/errors';
import { scheduleAbsence } from '../../lib/use-cases/schedule-absence';
import { startAndEndAbsences } from '../../lib/use-cases/start-and-end-absences';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as absencesRoute from '../../app/api/absences/route';
import * as absenceRoute from '../../app/api/absences/[id]/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

// Issue 17 item 6: out of office with dates, started and ended by the scheduler.
let t: TestDb;
let caseId: string;
const group = new Map<string, string>();
const DAY = 86_400_000;
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const plus = (ms: number) => new Date(T0.getTime() + ms);
const iso = (d: Date) => d.toISOString();
/** A calendar date `days` from today (UTC), for the date form of the API. */
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
  const [c] = await t.db.select().from(s.cases).limit(1);
  caseId = c!.id;
  // A supervisor of another group only: she must not reach the claims adjusters.
  const [other] = await t.db
    .insert(s.users)
    .values({ email: 'otherlead@example.com', name: 'Olga Other', role: 'supervisor' })
    .returning();
  const [desk] = await t.db
    .insert(s.groups)
    .values({ key: 'audit-desk', name: 'Audit desk', supervisorId: other!.id })
    .returning();
  await t.db.insert(s.groupMemberships).values({ groupId: desk!.id, userId: other!.id });
});
afterAll(async () => {
  await t?.close();
});

async function user(email: string) {
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, email));
  return u!;
}
const actor = async (email: string) => (await loadUserActor(t.db, (await user(email)).id))!;
const cookie = async (email: string) => sessionCookie(await user(email));

/** A person of the claims adjusters of their own, so each test has a clean calendar. */
async function newAdjuster(name: string) {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const [u] = await t.db
    .insert(s.users)
    .values({ email, name, role: 'adjuster', timeZone: 'Europe/Berlin' })
    .returning();
  await t.db
    .insert(s.groupMemberships)
    .values({ groupId: group.get('claims-adjusters')!, userId: u!.id });
  return u!;
}

async function claimedTasks(userId: string, n: number, groupKey = 'claims-adjusters') {
  const rows = await t.db
    .insert(s.tasks)
    .values(
      Array.from({ length: n }, (_, i) => ({
        caseId,
        stepKey: 'adjuster-review',
        name: `Held ${i}`,
        status: 'claimed' as const,
        assigneeId: userId,
        claimedAt: T0,
        candidateGroupId: group.get(groupKey)!,
        dueAt: plus(5 * DAY),
        outcomes: [],
      })),
    )
    .returning();
  return rows.map((r) => r.id);
}

async function tasksByIds(ids: string[]) {
  return t.db.select().from(s.tasks).where(inArray(s.tasks.id, ids));
}

async function auditOf(action: string, entityId?: string) {
  return t.db
    .select()
    .from(s.auditEvents)
    .where(
      and(
        eq(s.auditEvents.action, action),
        entityId ? eq(s.auditEvents.entityId, entityId) : undefined,
      ),
    );
}

async function absence(id: string) {
  const [a] = await t.db.select().from(s.absences).where(eq(s.absences.id, id));
  return a!;
}

function post(cookieValue: string, body: unknown, headers?: Record<string, string>) {
  return call(
    absencesRoute.POST,
    request('POST', '/api/absences', { cookie: cookieValue, body, headers }),
    {},
  );
}

describe('the scheduler starts and ends absences', () => {
  it('starts at the start (routing to the delegate, open work handed over) and ends at the end', async () => {
    const bea = await newAdjuster('Bea Away');
    const dan = await newAdjuster('Dan Delegate');
    const held = await claimedTasks(bea.id, 3);
    // One of her tasks is in a group the delegate is not in: it goes back to its queue.
    const [intake] = await claimedTasks(bea.id, 1, 'claims-intake');
    const planned = await scheduleAbsence(
      t.db,
      await actor(bea.email),
      {
        startsAt: iso(plus(DAY)),
        endsAt: iso(plus(3 * DAY)),
        delegateId: dan.id,
        handOver: true,
        note: 'Holiday',
      },
      T0,
    );
    expect(planned).toMatchObject({ status: 'scheduled', handOver: true });
    expect(await auditOf('absence.scheduled', planned.id)).toHaveLength(1);

    expect(await startAndEndAbsences(t.db, plus(DAY - 1000))).toBe(0);
    expect((await user(bea.email)).outOfOffice).toBe(false);

    expect(await startAndEndAbsences(t.db, plus(DAY))).toBe(1);
    expect(await absence(planned.id)).toMatchObject({ status: 'active', handedOver: 4 });
    expect(await user(bea.email)).toMatchObject({ outOfOffice: true, delegateId: dan.id });
    for (const task of await tasksByIds(held))
      expect(task).toMatchObject({ status: 'claimed', assigneeId: dan.id, version: 2 });
    expect((await tasksByIds([intake!]))[0]).toMatchObject({ status: 'ready', assigneeId: null });
    const moves = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.action, 'task.reassigned'),
          sql`${s.auditEvents.metadata} ->> 'absenceId' = ${planned.id}`,
        ),
      );
    expect(moves).toHaveLength(4);
    expect(
      moves.filter((m) => m.summary.startsWith('Handed over from Bea Away to Dan Delegate')),
    ).toHaveLength(3);
    expect(await auditOf('absence.started', planned.id)).toHaveLength(1);
    // The delegate is told about each task handed to them.
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.userId, dan.id), inArray(s.notifications.taskId, held)));
    expect(notes).toHaveLength(3);
    // New work routed to her meanwhile goes to the delegate.
    expect(await resolveDelegate(t.db, bea.id)).toBe(dan.id);

    expect(await startAndEndAbsences(t.db, plus(3 * DAY - 1000))).toBe(0);
    expect(await startAndEndAbsences(t.db, plus(3 * DAY))).toBe(1);
    expect(await absence(planned.id)).toMatchObject({ status: 'ended' });
    expect(await user(bea.email)).toMatchObject({ outOfOffice: false, delegateId: null });
    expect(await resolveDelegate(t.db, bea.id)).toBe(bea.id);
    expect(await auditOf('absence.ended', planned.id)).toHaveLength(1);
  });

  it('hands over all or nothing: a failure midway moves no task, and the next run completes', async () => {
    const bea = await newAdjuster('Bea Atomic');
    const dan = await newAdjuster('Dan Atomic');
    const held = await claimedTasks(bea.id, 3);
    const planned = await scheduleAbsence(
      t.db,
      await actor(bea.email),
      { startsAt: iso(plus(DAY)), endsAt: iso(plus(2 * DAY)), delegateId: dan.id, handOver: true },
      T0,
    );
    const done = await startAndEndAbsences(t.db, plus(DAY), {
      afterHandOver: (n) =>
        n === 2 ? Promise.reject(new Error('killed midway')) : Promise.resolve(),
    });
    expect(done).toBe(0);
    expect(await absence(planned.id)).toMatchObject({ status: 'scheduled', handedOver: null });
    expect((await user(bea.email)).outOfOffice).toBe(false);
    for (const task of await tasksByIds(held))
      expect(task).toMatchObject({ status: 'claimed', assigneeId: bea.id, version: 1 });
    expect(await auditOf('absence.started', planned.id)).toHaveLength(0);

    expect(await startAndEndAbsences(t.db, plus(DAY + 60_000))).toBe(1);
    for (const task of await tasksByIds(held)) expect(task.assigneeId).toBe(dan.id);
  });

  it('two schedulers at once start an absence once (one audit event, one hand-over)', async () => {
    const bea = await newAdjuster('Bea Race');
    const dan = await newAdjuster('Dan Race');
    const held = await claimedTasks(bea.id, 2);
    const planned = await scheduleAbsence(
      t.db,
      await actor(bea.email),
      { startsAt: iso(plus(DAY)), endsAt: iso(plus(2 * DAY)), delegateId: dan.id, handOver: true },
      T0,
    );
    // The first copy holds the absence while it hands over; the other must skip it.
    const slow = { afterHandOver: () => new Promise<void>((r) => setTimeout(r, 150)) };
    const results = await Promise.all([
      startAndEndAbsences(t.db, plus(DAY), slow),
      startAndEndAbsences(t.db, plus(DAY), slow),
    ]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await auditOf('absence.started', planned.id)).toHaveLength(1);
    for (const task of await tasksByIds(held))
      expect(task).toMatchObject({ assigneeId: dan.id, version: 2 });
    if (onPostgres()) expect(results.sort()).toEqual([0, 1]);
  });

  it('starts at once when the start is now or past, in the same transaction', async () => {
    const bea = await newAdjuster('Bea Now');
    const res = await post(await cookie(bea.email), {
      startsAt: dateIn(0),
      endsAt: dateIn(2),
    });
    expect(res.status).toBe(201);
    expect(res.body.absence).toMatchObject({ status: 'active', delegateId: null });
    expect((await user(bea.email)).outOfOffice).toBe(true);
    // Ended early by her supervisor: she is back at once.
    const ended = await call(
      absenceRoute.PATCH,
      request('PATCH', `/api/absences/${res.body.absence.id}`, {
        cookie: await cookie('supervisor@example.com'),
        body: { action: 'end_now' },
      }),
      { id: res.body.absence.id },
    );
    expect(ended.status).toBe(200);
    expect(ended.body.absence.status).toBe('ended');
    expect((await user(bea.email)).outOfOffice).toBe(false);
  });
});

describe('who may plan whose absence', () => {
  it('the person and their supervisor may; a colleague, another group’s supervisor may not', async () => {
    const bea = await newAdjuster('Bea Matrix');
    const colleague = await newAdjuster('Cole League');
    const body = { startsAt: dateIn(10), endsAt: dateIn(12) };

    const own = await post(await cookie(bea.email), { ...body, delegateId: colleague.id });
    expect(own.status).toBe(201);
    expect(own.body.absence).toMatchObject({ userId: bea.id, status: 'scheduled' });

    const byColleague = await post(await cookie(colleague.email), {
      userId: bea.id,
      startsAt: dateIn(20),
      endsAt: dateIn(21),
    });
    expect(byColleague.status).toBe(404);
    const byOtherLead = await post(await cookie('otherlead@example.com'), {
      userId: bea.id,
      startsAt: dateIn(20),
      endsAt: dateIn(21),
    });
    expect(byOtherLead.status).toBe(404);
    const unseen = await post(await cookie('supervisor@example.com'), {
      userId: '6f1c0000-0000-4000-8000-000000000000',
      startsAt: dateIn(20),
      endsAt: dateIn(21),
    });
    expect(unseen.status).toBe(404);
    const refusals = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'auth.refused'), eq(s.auditEvents.entityId, bea.id)));
    expect(refusals.length).toBeGreaterThanOrEqual(2);

    const bySupervisor = await post(await cookie('supervisor@example.com'), {
      userId: bea.id,
      startsAt: dateIn(20),
      endsAt: dateIn(21),
      delegateId: colleague.id,
    });
    expect(bySupervisor.status).toBe(201);
    const [event] = await auditOf('absence.scheduled', bySupervisor.body.absence.id);
    expect(event!.summary).toContain('Sue');

    // Seeing the list follows the same lines.
    const list = (email: string, userId?: string) =>
      cookie(email).then((c) =>
        call(
          absencesRoute.GET,
          request('GET', `/api/absences${userId ? `?userId=${userId}` : ''}`, { cookie: c }),
          {},
        ),
      );
    expect((await list(bea.email)).body.absences).toHaveLength(2);
    expect((await list('supervisor@example.com', bea.id)).status).toBe(200);
    expect((await list(colleague.email, bea.id)).status).toBe(404);
    expect((await list('otherlead@example.com', bea.id)).status).toBe(404);

    // Cancelling: a colleague cannot, even knowing the id; the person can.
    const del = async (email: string, id: string) =>
      call(
        absenceRoute.DELETE,
        request('DELETE', `/api/absences/${id}`, {
          cookie: await cookie(email),
          headers: { 'content-type': 'application/json' },
        }),
        { id },
      );
    expect((await del(colleague.email, own.body.absence.id)).status).toBe(404);
    expect((await del('otherlead@example.com', own.body.absence.id)).status).toBe(404);
    const cancelled = await del(bea.email, own.body.absence.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.absence.status).toBe('cancelled');
    expect((await del(bea.email, own.body.absence.id)).status).toBe(409);
    expect(await auditOf('absence.cancelled', own.body.absence.id)).toHaveLength(1);
  });

  it('a delegate must be someone else, active, sharing a group (that the supervisor supervises)', async () => {
    const bea = await newAdjuster('Bea Delegates');
    const c = await cookie(bea.email);
    const body = { startsAt: dateIn(30), endsAt: dateIn(31) };
    const self = await post(c, { ...body, delegateId: bea.id });
    expect(self.status).toBe(400);
    expect(self.body.error.fields).toHaveProperty('delegateId');
    const stranger = await post(c, { ...body, delegateId: (await user('senior@example.com')).id });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.fields.delegateId).toContain('same groups');
    const gone = await newAdjuster('Gone Person');
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, gone.id));
    expect((await post(c, { ...body, delegateId: gone.id })).status).toBe(400);
  });
});

describe('hostile input', () => {
  it('refuses bad dates, overlaps, notes and bodies with a 4xx naming the field', async () => {
    const bea = await newAdjuster('Bea Hostile');
    const c = await cookie(bea.email);
    const cases: [unknown, number, string][] = [
      [{ startsAt: '2026-02-30', endsAt: dateIn(5) }, 400, 'startsAt'],
      [{ startsAt: dateIn(5), endsAt: dateIn(3) }, 400, 'endsAt'],
      [{ startsAt: dateIn(-30), endsAt: dateIn(-20) }, 400, 'endsAt'],
      [{ startsAt: dateIn(5), endsAt: dateIn(500) }, 400, 'endsAt'],
      [{ startsAt: '+275760-09-13', endsAt: dateIn(5) }, 400, 'startsAt'],
      [{ startsAt: 20261201, endsAt: dateIn(5) }, 400, 'startsAt'],
      [{ startsAt: dateIn(5), endsAt: dateIn(6), note: 'a\u0000b' }, 400, 'note'],
      [{ startsAt: dateIn(5), endsAt: dateIn(6), note: 'x\ud800y' }, 400, 'note'],
      [{ startsAt: dateIn(5), endsAt: dateIn(6), note: 'n'.repeat(10_000) }, 400, 'note'],
      [{ startsAt: dateIn(5), endsAt: dateIn(6), userId: 'not-a-uuid' }, 400, 'userId'],
      [{ startsAt: dateIn(5), endsAt: dateIn(6), extra: 1 }, 400, ''],
    ];
    for (const [body, status, field] of cases) {
      const res = await post(c, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      if (field) expect(JSON.stringify(res.body.error.fields ?? {})).toContain(field);
    }
    const wrongType = await post(c, 'startsAt=2026-12-01', { 'content-type': 'text/plain' });
    expect(wrongType.status).toBe(415);

    expect((await post(c, { startsAt: dateIn(40), endsAt: dateIn(45) })).status).toBe(201);
    const clash = await post(c, { startsAt: dateIn(44), endsAt: dateIn(50) });
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields).toHaveProperty('startsAt');
    // Back to back is fine.
    expect((await post(c, { startsAt: dateIn(46), endsAt: dateIn(47) })).status).toBe(201);
  });

  it('never fails with anything but a clear refusal, whatever the dates', async () => {
    const bea = await newAdjuster('Bea Fuzz');
    const a = await actor(bea.email);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.date().map((d) => (isNaN(+d) ? '' : iso(d))),
        ),
        fc.oneof(fc.string({ maxLength: 40 }), fc.constant(dateIn(3))),
        async (startsAt, endsAt) => {
          try {
            await scheduleAbsence(t.db, a, { startsAt, endsAt });
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect(['validation', 'conflict']).toContain((e as DomainError).code);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('review fixes: hand-over scope, manual flags, size, delegate names', () => {
  const deskId = async () => {
    const [g] = await t.db.select().from(s.groups).where(eq(s.groups.key, 'audit-desk'));
    return g!.id;
  };
  const startedEvent = async (id: string) => (await auditOf('absence.started', id))[0]!;

  it('a supervisor’s hand-over moves only tasks of the groups they supervise', async () => {
    const bea = await newAdjuster('Bea Twogroups');
    const dan = await newAdjuster('Dan Twogroups');
    const desk = await deskId();
    await t.db.insert(s.groupMemberships).values({ groupId: desk, userId: bea.id });
    group.set('audit-desk', desk);
    const mine = await claimedTasks(bea.id, 2);
    const theirs = await claimedTasks(bea.id, 1, 'audit-desk');
    const planned = await scheduleAbsence(
      t.db,
      await actor('supervisor@example.com'),
      {
        userId: bea.id,
        startsAt: iso(plus(DAY)),
        endsAt: iso(plus(2 * DAY)),
        delegateId: dan.id,
        handOver: true,
      },
      T0,
    );
    expect(await startAndEndAbsences(t.db, plus(DAY))).toBeGreaterThanOrEqual(1);
    for (const task of await tasksByIds(mine)) expect(task.assigneeId).toBe(dan.id);
    // The audit desk's task is not Sue's to move: it stays with Bea, untouched.
    expect((await tasksByIds(theirs))[0]).toMatchObject({
      status: 'claimed',
      assigneeId: bea.id,
      version: 1,
    });
    expect(await absence(planned.id)).toMatchObject({ status: 'active', handedOver: 2 });
    const event = await startedEvent(planned.id);
    expect(event.after).toMatchObject({ handedOver: 2, left: 1 });
    expect(event.summary).toContain('2 open task(s) handed over, 1 left with them');
    expect(event.summary).toContain('does not supervise');
  });

  it('a planner deactivated before the start hands over nothing, and the audit says why', async () => {
    const [lead] = await t.db
      .insert(s.users)
      .values({ email: `lead-${Date.now()}@example.com`, name: 'Lou Lead', role: 'supervisor' })
      .returning();
    const [g] = await t.db
      .insert(s.groups)
      .values({ key: `lou-${Date.now()}`, name: 'Lou’s desk', supervisorId: lead!.id })
      .returning();
    const bea = await newAdjuster('Bea Orphan');
    await t.db.insert(s.groupMemberships).values({ groupId: g!.id, userId: bea.id });
    group.set(g!.key, g!.id);
    const held = await claimedTasks(bea.id, 2, g!.key);
    const planned = await scheduleAbsence(
      t.db,
      (await loadUserActor(t.db, lead!.id))!,
      { userId: bea.id, startsAt: iso(plus(DAY)), endsAt: iso(plus(2 * DAY)), handOver: true },
      T0,
    );
    await t.db.update(s.groups).set({ supervisorId: null }).where(eq(s.groups.id, g!.id));
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, lead!.id));
    expect(await startAndEndAbsences(t.db, plus(DAY))).toBeGreaterThanOrEqual(1);
    for (const task of await tasksByIds(held))
      expect(task).toMatchObject({ assigneeId: bea.id, version: 1 });
    expect(await absence(planned.id)).toMatchObject({ status: 'active', handedOver: 0 });
    const event = await startedEvent(planned.id);
    expect(event.after).toMatchObject({ handedOver: 0, left: 2 });
    expect(event.summary).toContain('Lou Lead, who planned the absence, is deactivated');
  });

  it('a hand-over over the limit is skipped, but the absence starts', async () => {
    const bea = await newAdjuster('Bea Busy');
    const dan = await newAdjuster('Dan Busy');
    const held = await claimedTasks(bea.id, 3);
    const planned = await scheduleAbsence(
      t.db,
      await actor(bea.email),
      { startsAt: iso(plus(DAY)), endsAt: iso(plus(2 * DAY)), delegateId: dan.id, handOver: true },
      T0,
    );
    expect(await startAndEndAbsences(t.db, plus(DAY), { maxHandOver: 2 })).toBeGreaterThanOrEqual(
      1,
    );
    expect(await absence(planned.id)).toMatchObject({ status: 'active', handedOver: 0 });
    expect(await user(bea.email)).toMatchObject({ outOfOffice: true, delegateId: dan.id });
    for (const task of await tasksByIds(held))
      expect(task).toMatchObject({ assigneeId: bea.id, version: 1 });
    const event = await startedEvent(planned.id);
    expect(event.after).toMatchObject({ handedOver: 0, left: 3, handOverSkipped: true });
    expect(event.summary).toContain('hand-over skipped: more than 2 open tasks');
    expect(event.summary).toContain('bulk reassignment');
  });

  it('the end leaves out of office and a delegate changed by hand meanwhile', async () => {
    const bea = await newAdjuster('Bea Manual');
    const dan = await newAdjuster('Dan Manual');
    const cole = await newAdjuster('Cole Manual');
    const planned = await scheduleAbsence(
      t.db,
      await actor(bea.email),
      { startsAt: iso(plus(DAY)), endsAt: iso(plus(2 * DAY)), delegateId: dan.id },
      T0,
    );
    expect(await startAndEndAbsences(t.db, plus(DAY))).toBeGreaterThanOrEqual(1);
    // Her supervisor switches the delegate by hand while she is away.
    await t.db.update(s.users).set({ delegateId: cole.id }).where(eq(s.users.id, bea.id));
    expect(await startAndEndAbsences(t.db, plus(2 * DAY))).toBeGreaterThanOrEqual(1);
    expect(await absence(planned.id)).toMatchObject({ status: 'ended' });
    expect(await user(bea.email)).toMatchObject({ outOfOffice: true, delegateId: cole.id });
    const [ended] = await auditOf('absence.ended', planned.id);
    expect(ended!.after).toMatchObject({ outOfOffice: true, flagsLeft: true });
  });

  it('out of office by hand with a delegate: an absence without one keeps it, and leaves it at the end', async () => {
    const bea = await newAdjuster('Bea Handset');
    const dan = await newAdjuster('Dan Handset');
    await t.db
      .update(s.users)
      .set({ outOfOffice: true, delegateId: dan.id })
      .where(eq(s.users.id, bea.id));
    const planned = await scheduleAbsence(
      t.db,
      await actor(bea.email),
      { startsAt: iso(plus(DAY)), endsAt: iso(plus(2 * DAY)) },
      T0,
    );
    expect(await startAndEndAbsences(t.db, plus(DAY))).toBeGreaterThanOrEqual(1);
    expect(await user(bea.email)).toMatchObject({ outOfOffice: true, delegateId: dan.id });
    expect(await resolveDelegate(t.db, bea.id)).toBe(dan.id);
    expect(await startAndEndAbsences(t.db, plus(2 * DAY))).toBeGreaterThanOrEqual(1);
    expect(await absence(planned.id)).toMatchObject({ status: 'ended' });
    expect(await user(bea.email)).toMatchObject({ outOfOffice: true, delegateId: dan.id });
  });

  it('a refused delegate is named only when they share one of the person’s groups', async () => {
    const bea = await newAdjuster('Bea Names');
    const c = await cookie(bea.email);
    const body = { startsAt: dateIn(60), endsAt: dateIn(61) };
    // Olga shares no group with Bea: her name must not come back for a guessed id.
    const olga = await user('otherlead@example.com');
    const stranger = await post(c, { ...body, delegateId: olga.id });
    expect(stranger.status).toBe(400);
    expect(JSON.stringify(stranger.body)).not.toContain('Olga');
    expect(stranger.body.error.message).toContain('That person cannot stand in');
    // A deactivated colleague of her group is someone she knows: named.
    const gone = await newAdjuster('Gwen Gone');
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, gone.id));
    const colleague = await post(c, { ...body, delegateId: gone.id });
    expect(colleague.status).toBe(400);
    expect(colleague.body.error.message).toContain('Gwen Gone cannot stand in');
  });
});
