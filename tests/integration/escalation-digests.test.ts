import { and, eq, inArray, like, notInArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { acknowledgeEscalation } from '../../lib/use-cases/acknowledge-escalation';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { digestContent } from '../../lib/data/digest-content';
import { saveDigestSettings } from '../../lib/use-cases/save-digest-settings';
import { sendEscalationDigests } from '../../lib/use-cases/send-escalation-digests';
import { snoozeEscalation } from '../../lib/use-cases/snooze-escalation';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as ackRoute from '../../app/api/tasks/[id]/escalation/acknowledge/route';
import * as snoozeRoute from '../../app/api/tasks/[id]/escalation/snooze/route';
import * as deliveryRoute from '../../app/api/team/groups/[id]/escalation-delivery/route';
import * as digestRoute from '../../app/api/team/digests/[id]/route';
import * as digestAckRoute from '../../app/api/team/digests/[id]/acknowledge/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

/**
 * Issue 18 part 2: escalation digests without storms. A burst of escalations in a digest group
 * sends no per-task notification and one digest per supervisor; acknowledged and snoozed
 * escalations stay quiet; the routes keep to the group's supervisors and admins.
 */
let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const cookie = new Map<string, string>();
const group = new Map<string, string>();
let caseId: string;
let policyId: string;
let twoLevels: string;
let movePolicy: string;
const z = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: z('2026-09-01T15:00:00Z') });
  await escalateDueTasks(t.db, z('2026-09-30T00:00:00Z'), { maxBatches: 100 });
  useDatabaseForTests(t);
  const extra = await t.db
    .insert(s.users)
    .values([
      { email: 'burst-sup@example.com', name: 'Bea Burst', role: 'supervisor' },
      { email: 'other-sup@example.com', name: 'Otto Other', role: 'supervisor' },
      { email: 'quiet-sup@example.com', name: 'Quinn Quiet', role: 'supervisor' },
      { email: 'away-sup@example.com', name: 'Avery Away', role: 'supervisor' },
      { email: 'stand-in@example.com', name: 'Sam Standin', role: 'supervisor' },
      { email: 'target-sup@example.com', name: 'Tara Target', role: 'supervisor' },
      { email: 'ladder-sup@example.com', name: 'Lee Ladder', role: 'supervisor' },
      { email: 'switch-sup@example.com', name: 'Sol Switch', role: 'supervisor' },
    ])
    .returning();
  const [burst, other, quiet, away, standIn, target, ladder, switcher] = extra;
  await t.db
    .update(s.users)
    .set({ outOfOffice: true, delegateId: standIn!.id })
    .where(eq(s.users.id, away!.id));
  const made = await t.db
    .insert(s.groups)
    .values([
      { key: 'burst-desk', name: 'Burst desk', supervisorId: burst!.id },
      { key: 'race-desk', name: 'Race desk', supervisorId: burst!.id },
      { key: 'race-switch-desk', name: 'Race switch desk', supervisorId: burst!.id },
      { key: 'other-desk', name: 'Other desk', supervisorId: other!.id },
      { key: 'quiet-desk', name: 'Quiet desk', supervisorId: quiet!.id },
      { key: 'away-desk', name: 'Away desk', supervisorId: away!.id },
      { key: 'move-desk', name: 'Move desk', supervisorId: ladder!.id },
      { key: 'move-target', name: 'Move target', supervisorId: target!.id },
      { key: 'ladder-desk', name: 'Ladder desk', supervisorId: ladder!.id },
      { key: 'switch-desk', name: 'Switch desk', supervisorId: switcher!.id },
      { key: 'risk-desk', name: 'Risk desk', supervisorId: ladder!.id },
    ])
    .returning();
  for (const g of made) group.set(g.key, g.id);
  const [adj] = await t.db.select().from(s.users).where(eq(s.users.email, 'adjuster@example.com'));
  // The adjuster works in the burst desk; Otto (other desk) is a member but not its supervisor.
  await t.db.insert(s.groupMemberships).values([
    { groupId: group.get('burst-desk')!, userId: adj!.id },
    { groupId: group.get('quiet-desk')!, userId: adj!.id },
    { groupId: group.get('quiet-desk')!, userId: other!.id },
  ]);
  for (const u of await t.db.select().from(s.users)) {
    user.set(u.email, u);
    cookie.set(u.email, await sessionCookie(u));
  }
  const [c] = await t.db.select().from(s.cases).limit(1);
  const { id: _id, reference: _ref, ...rest } = c!;
  const [own] = await t.db
    .insert(s.cases)
    .values({ ...rest, reference: 'CLM-DGST-000001' })
    .returning();
  caseId = own!.id;
  const [p] = await t.db
    .select({ id: s.slaPolicies.id })
    .from(s.slaPolicies)
    .where(eq(s.slaPolicies.key, 'adjuster-review'));
  policyId = p!.id;
  const [base] = await t.db.select().from(s.slaPolicies).where(eq(s.slaPolicies.id, policyId));
  const made2 = await t.db
    .insert(s.slaPolicies)
    .values([
      {
        key: 'digest-two-levels',
        name: 'Two levels',
        calendarId: base!.calendarId,
        due: base!.due,
        escalations: [
          { level: 1, after: { amount: 0, unit: 'minutes' }, action: 'notify_supervisor' },
          { level: 2, after: { amount: 60, unit: 'minutes' }, action: 'notify_supervisor' },
        ],
      },
      {
        key: 'digest-move',
        name: 'Move',
        calendarId: base!.calendarId,
        due: base!.due,
        escalations: [
          {
            level: 1,
            after: { amount: 0, unit: 'minutes' },
            action: 'reassign_to_group',
            groupKey: 'move-target',
          },
        ],
      },
    ])
    .returning();
  twoLevels = made2[0]!.id;
  movePolicy = made2[1]!.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const id = (email: string) => user.get(email)!.id;
const actor = async (email: string) => (await loadUserActor(t.db, id(email)))!;

/** `n` open tasks of a group whose first escalation falls due at `due`. */
async function dueTasks(
  groupKey: string,
  n: number,
  due: Date,
  extra: Partial<typeof s.tasks.$inferInsert> = {},
) {
  const rows = Array.from({ length: n }, (_, i) => ({
    caseId,
    stepKey: 'adjuster-review',
    name: `Adjuster review ${i}`,
    status: 'ready' as const,
    candidateGroupId: group.get(groupKey)!,
    slaPolicyId: policyId,
    dueAt: due,
    ladderStartedAt: due,
    nextEscalationAt: due,
    outcomes: [],
    ...extra,
  }));
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 250)
    out.push(
      ...(
        await t.db
          .insert(s.tasks)
          .values(rows.slice(i, i + 250))
          .returning({ id: s.tasks.id })
      ).map((r) => r.id),
    );
  return out;
}

async function setDelivery(groupKey: string, delivery: 'immediate' | 'digest', interval = 60) {
  await t.db
    .update(s.groups)
    .set({
      escalationDelivery: delivery,
      digestIntervalMinutes: interval,
      digestWorkingHoursOnly: false,
    })
    .where(eq(s.groups.id, group.get(groupKey)!));
}

const escalationNotes = async (taskIds: string[]) =>
  (
    await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.notifications)
      .where(and(eq(s.notifications.kind, 'escalation'), inArray(s.notifications.taskId, taskIds)))
  )[0]!.n;

const digestsOf = (groupKey: string) =>
  t.db
    .select()
    .from(s.escalationDigests)
    .where(eq(s.escalationDigests.groupId, group.get(groupKey)!));

const digestNotes = async (groupKey: string) =>
  t.db
    .select()
    .from(s.notifications)
    .where(
      and(
        eq(s.notifications.kind, 'digest'),
        like(s.notifications.dedupeKey, `digest:${group.get(groupKey)!}:%`),
      ),
    );
const digestEmails = async (groupKey: string) =>
  t.db
    .select()
    .from(s.emailOutbox)
    .where(like(s.emailOutbox.dedupeKey, `email:digest:${group.get(groupKey)!}:%`));

describe('a burst of escalations in a digest group', () => {
  it('500 escalations: none notified one by one, one digest (notification + e-mail) per supervisor', async () => {
    await setDelivery('burst-desk', 'digest', 60);
    const ids = await dueTasks('burst-desk', 500, z('2026-10-06T10:05:00Z'));
    const escalated = await escalateDueTasks(t.db, z('2026-10-06T10:10:00Z'), { maxBatches: 100 });
    expect(escalated).toBeGreaterThanOrEqual(500);
    expect(await escalationNotes(ids)).toBe(0);
    const levels = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.tasks)
      .where(and(inArray(s.tasks.id, ids), eq(s.tasks.escalationLevel, 1)));
    expect(levels[0]!.n).toBe(500);
    const audits = await t.db
      .select({ metadata: s.auditEvents.metadata, summary: s.auditEvents.summary })
      .from(s.auditEvents)
      .where(and(inArray(s.auditEvents.taskId, ids), eq(s.auditEvents.action, 'task.escalated')));
    expect(audits).toHaveLength(500);
    expect(audits.every((a) => (a.metadata as { delivery?: string }).delivery === 'digest')).toBe(
      true,
    );
    expect(audits[0]!.summary).toMatch(
      /would be notified; the group’s next escalation digest lists it instead$/,
    );

    // Not yet: the period 10:00–11:00 has not ended.
    expect(await sendEscalationDigests(t.db, z('2026-10-06T10:30:00Z'))).toBe(0);
    // Not yet either: the period is closed five minutes after its end (a late sweep's commit).
    expect(await sendEscalationDigests(t.db, z('2026-10-06T11:02:00Z'))).toBe(0);
    await sendEscalationDigests(t.db, z('2026-10-06T11:06:00Z'));
    await sendEscalationDigests(t.db, z('2026-10-06T11:40:00Z')); // a rerun: nothing more
    const digests = await digestsOf('burst-desk');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.supervisorId).toBe(id('burst-sup@example.com'));
    expect(digests[0]!.periodEnd.toISOString()).toBe('2026-10-06T11:00:00.000Z');
    expect(digests[0]!.escalationCount).toBe(500);
    const content = digests[0]!.content as { escalations: { items: unknown[]; total: number } };
    expect(content.escalations.total).toBe(500);
    expect(content.escalations.items).toHaveLength(100);
    const notes = await digestNotes('burst-desk');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.userId).toBe(id('burst-sup@example.com'));
    expect(notes[0]!.link).toBe(`/team/digests/${digests[0]!.id}`);
    expect(notes[0]!.title).toBe('Escalation digest for Burst desk: 500 new escalations');
    expect(await digestEmails('burst-desk')).toHaveLength(1);
    // The next period has nothing new for this group's escalations: no digest (empty ones are skipped).
    await sendEscalationDigests(t.db, z('2026-10-06T12:01:00Z'));
    expect(await digestsOf('burst-desk')).toHaveLength(1);
  });

  it('an immediate group still notifies each escalation', async () => {
    await setDelivery('other-desk', 'immediate');
    const ids = await dueTasks('other-desk', 5, z('2026-12-02T10:00:00Z'));
    await escalateDueTasks(t.db, z('2026-12-02T10:01:00Z'), { maxBatches: 100 });
    expect(await escalationNotes(ids)).toBe(5);
  });

  it('two digest jobs at once send one digest', async () => {
    await setDelivery('race-desk', 'digest', 15);
    await dueTasks('race-desk', 20, z('2026-12-03T09:01:00Z'));
    await escalateDueTasks(t.db, z('2026-12-03T09:02:00Z'), { maxBatches: 100 });
    const sent = await Promise.all([
      sendEscalationDigests(t.db, z('2026-12-03T09:21:00Z')),
      sendEscalationDigests(t.db, z('2026-12-03T09:21:00Z')),
      sendEscalationDigests(t.db, z('2026-12-03T09:22:00Z')),
    ]);
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await digestsOf('race-desk')).toHaveLength(1);
    expect(await digestNotes('race-desk')).toHaveLength(1);
    expect(await digestEmails('race-desk')).toHaveLength(1);
    await setDelivery('race-desk', 'immediate');
  });
});

describe('acknowledge and snooze', () => {
  it('an acknowledged escalation is not notified again at the next level (the ladder is still recorded)', async () => {
    await setDelivery('quiet-desk', 'immediate');
    const [task] = await dueTasks('quiet-desk', 1, z('2026-12-04T10:00:00Z'));
    await escalateDueTasks(t.db, z('2026-12-04T10:01:00Z'));
    expect(await escalationNotes([task!])).toBe(1);
    const sup = await actor('quiet-sup@example.com');
    const first = await acknowledgeEscalation(
      t.db,
      sup,
      { taskId: task! },
      z('2026-12-04T10:05:00Z'),
    );
    expect(first.changed).toBe(true);
    const again = await acknowledgeEscalation(
      t.db,
      sup,
      { taskId: task! },
      z('2026-12-04T10:06:00Z'),
    );
    expect(again.changed).toBe(false);
    await t.db
      .update(s.tasks)
      .set({ nextEscalationAt: z('2026-12-04T11:00:00Z') })
      .where(eq(s.tasks.id, task!));
    await escalateDueTasks(t.db, z('2026-12-04T11:01:00Z'));
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task!));
    expect(row!.escalationLevel).toBe(2);
    expect(await escalationNotes([task!])).toBe(1);
    const events = await t.db
      .select({ action: s.auditEvents.action, metadata: s.auditEvents.metadata })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.taskId, task!));
    expect(events.filter((e) => e.action === 'task.escalation_acknowledged')).toHaveLength(1);
    const l2 = events.find(
      (e) => e.action === 'task.escalated' && (e.metadata as { level: number }).level === 2,
    );
    expect((l2!.metadata as { delivery: string }).delivery).toBe('acknowledged');
  });

  it('a snoozed escalation is quiet until the snooze ends, then notifies again', async () => {
    const [a, b] = await dueTasks('quiet-desk', 2, z('2026-12-05T10:00:00Z'));
    await escalateDueTasks(t.db, z('2026-12-05T10:01:00Z'));
    const sup = await actor('quiet-sup@example.com');
    for (const task of [a!, b!])
      await snoozeEscalation(t.db, sup, { taskId: task, minutes: 60 }, z('2026-12-05T10:02:00Z'));
    // a: level 2 falls due inside the snooze; b: after it.
    await t.db
      .update(s.tasks)
      .set({ nextEscalationAt: z('2026-12-05T10:30:00Z') })
      .where(eq(s.tasks.id, a!));
    await t.db
      .update(s.tasks)
      .set({ nextEscalationAt: z('2026-12-05T11:10:00Z') })
      .where(eq(s.tasks.id, b!));
    await escalateDueTasks(t.db, z('2026-12-05T10:31:00Z'));
    expect(await escalationNotes([a!])).toBe(1);
    await escalateDueTasks(t.db, z('2026-12-05T11:11:00Z'));
    expect(await escalationNotes([b!])).toBe(2);
    await expect(
      snoozeEscalation(t.db, sup, { taskId: a!, minutes: 60 * 24 * 8 }, z('2026-12-05T11:12:00Z')),
    ).rejects.toMatchObject({ code: 'validation', fields: { minutes: expect.any(String) } });
  });
});

describe('routes: who may acknowledge, snooze and choose the delivery', () => {
  let task: string;
  beforeAll(async () => {
    const made = await dueTasks('burst-desk', 1, z('2026-01-01T00:00:00Z'), {
      escalationLevel: 1,
      escalatedAt: z('2026-01-01T00:00:00Z'),
      nextEscalationAt: null,
    });
    task = made[0]!;
  });

  const post = (
    route: typeof ackRoute.POST,
    who: string | null,
    path: string,
    body: unknown,
    params: object,
  ) =>
    call(
      route,
      request('POST', path, {
        cookie: who ? cookie.get(who) : undefined,
        body,
        headers: { origin: 'http://localhost:3000' },
      }),
      params as { id: string },
    );

  it('acknowledge: the supervisor and admins only; others 403/404; idempotent and audited once', async () => {
    const path = `/api/tasks/${task}/escalation/acknowledge`;
    expect((await post(ackRoute.POST, null, path, {}, { id: task })).status).toBe(401);
    expect((await post(ackRoute.POST, 'adjuster@example.com', path, {}, { id: task })).status).toBe(
      403,
    );
    expect(
      (await post(ackRoute.POST, 'other-sup@example.com', path, {}, { id: task })).status,
    ).toBe(404);
    expect((await post(ackRoute.POST, 'intake@example.com', path, {}, { id: task })).status).toBe(
      404,
    );
    const ok = await post(ackRoute.POST, 'burst-sup@example.com', path, {}, { id: task });
    expect(ok.status).toBe(200);
    expect(ok.body.changed).toBe(true);
    const again = await post(ackRoute.POST, 'admin@example.com', path, {}, { id: task });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    const audits = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.taskId, task),
          eq(s.auditEvents.action, 'task.escalation_acknowledged'),
        ),
      );
    expect(audits).toHaveLength(1);
    const snooze = await post(
      snoozeRoute.POST,
      'burst-sup@example.com',
      `/api/tasks/${task}/escalation/snooze`,
      { minutes: 30 },
      { id: task },
    );
    expect(snooze.status).toBe(409);
  });

  it('snooze: member supervisor of another group 403, bounded times named in the error', async () => {
    const [fresh] = await dueTasks('quiet-desk', 1, z('2026-01-01T00:00:00Z'), {
      escalationLevel: 1,
      nextEscalationAt: null,
    });
    const path = `/api/tasks/${fresh}/escalation/snooze`;
    // Otto is a member of the quiet desk (he sees the task) but does not supervise it.
    expect(
      (await post(snoozeRoute.POST, 'other-sup@example.com', path, { minutes: 30 }, { id: fresh }))
        .status,
    ).toBe(403);
    const past = await post(
      snoozeRoute.POST,
      'quiet-sup@example.com',
      path,
      { until: '2020-01-01T00:00:00Z' },
      { id: fresh },
    );
    expect(past.status).toBe(400);
    expect(past.body.error.fields.until).toBeTruthy();
    const both = await post(snoozeRoute.POST, 'quiet-sup@example.com', path, {}, { id: fresh });
    expect(both.status).toBe(400);
    const ok = await post(
      snoozeRoute.POST,
      'quiet-sup@example.com',
      path,
      { minutes: 45 },
      { id: fresh },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.task.escalationSnoozedUntil).toBeTruthy();
    const audits = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.taskId, fresh!), eq(s.auditEvents.action, 'task.escalation_snoozed')),
      );
    expect(audits).toHaveLength(1);
  });

  it('delivery settings: the group’s supervisor or an admin; validated; audited', async () => {
    const g = group.get('other-desk')!;
    const path = `/api/team/groups/${g}/escalation-delivery`;
    const patch = (who: string, body: unknown) =>
      call(
        deliveryRoute.PATCH,
        request('PATCH', path, {
          cookie: cookie.get(who),
          body,
          headers: { origin: 'http://localhost:3000' },
        }),
        { id: g },
      );
    const good = { delivery: 'digest', intervalMinutes: 120, workingHoursOnly: true };
    expect((await patch('adjuster@example.com', good)).status).toBe(403);
    expect((await patch('burst-sup@example.com', good)).status).toBe(403);
    const bad = await patch('other-sup@example.com', { ...good, intervalMinutes: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.intervalMinutes).toBeTruthy();
    const ok = await patch('other-sup@example.com', good);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ delivery: 'digest', intervalMinutes: 120, changed: true });
    expect((await patch('admin@example.com', good)).body.changed).toBe(false);
    const [row] = await t.db.select().from(s.groups).where(eq(s.groups.id, g));
    expect(row!.escalationDelivery).toBe('digest');
    const audits = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.entityId, g),
          eq(s.auditEvents.action, 'group.escalation_delivery_changed'),
        ),
      );
    expect(audits).toHaveLength(1);
    await setDelivery('other-desk', 'immediate');
  });

  it('the digest page data: its recipient sees it, others 404; acknowledge all', async () => {
    const [d] = await digestsOf('burst-desk');
    const get = (who: string) =>
      call(
        digestRoute.GET,
        request('GET', `/api/team/digests/${d!.id}`, { cookie: cookie.get(who) }),
        { id: d!.id },
      );
    expect((await get('other-sup@example.com')).status).toBe(404);
    expect((await get('adjuster@example.com')).status).toBe(404);
    const seen = await get('burst-sup@example.com');
    expect(seen.status).toBe(200);
    expect(seen.body.content.escalations.total).toBe(500);
    const ack = await post(
      digestAckRoute.POST,
      'burst-sup@example.com',
      `/api/team/digests/${d!.id}/acknowledge`,
      {},
      { id: d!.id },
    );
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged).toBe(100);
    const after = await get('burst-sup@example.com');
    const states = Object.values<{ acknowledged: boolean }>(after.body.escalationStates);
    expect(states.every((x) => x.acknowledged)).toBe(true);
    expect(
      (
        await post(
          digestAckRoute.POST,
          'other-sup@example.com',
          `/api/team/digests/${d!.id}/acknowledge`,
          {},
          { id: d!.id },
        )
      ).status,
    ).toBe(404);
  });

  it('hostile input never makes a 500', async () => {
    const [fresh] = await dueTasks('quiet-desk', 1, z('2026-01-01T00:00:00Z'), {
      escalationLevel: 1,
      nextEscalationAt: null,
    });
    const g = group.get('quiet-desk')!;
    const hostile = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.constantFrom('\u0000', '\ud800', '{"minutes":1e309}', 'not json', '[]', 'null'),
      fc.record({ minutes: fc.oneof(fc.double(), fc.integer(), fc.string()) }),
      fc.record({
        until: fc.oneof(
          fc.string(),
          fc.constantFrom('2026-02-30T10:00:00Z', '9999-12-31T23:59:59Z', '\u0000'),
        ),
      }),
      fc.record({
        delivery: fc.string(),
        intervalMinutes: fc.oneof(fc.double(), fc.bigInt().map(String)),
        workingHoursOnly: fc.anything(),
      }),
    );
    const ids = fc.oneof(fc.constant(fresh!), fc.string(), fc.constant('\u0000'), fc.uuid());
    await fc.assert(
      fc.asyncProperty(
        hostile,
        ids,
        fc.constantFrom('application/json', 'text/plain'),
        async (body, tid, type) => {
          const raw = typeof body === 'string' ? body : (JSON.stringify(body) ?? 'null');
          const opts = {
            cookie: cookie.get('quiet-sup@example.com'),
            body: raw,
            headers: { origin: 'http://localhost:3000', 'content-type': type },
          };
          for (const r of [
            await call(snoozeRoute.POST, request('POST', `/api/tasks/x/escalation/snooze`, opts), {
              id: tid,
            }),
            await call(
              ackRoute.POST,
              request('POST', `/api/tasks/x/escalation/acknowledge`, opts),
              { id: tid },
            ),
            await call(
              deliveryRoute.PATCH,
              request('PATCH', `/api/team/groups/x/escalation-delivery`, opts),
              { id: Math.random() < 0.5 ? g : tid },
            ),
          ]) {
            expect(r.status).toBeLessThan(500);
            expect(r.status).toBeGreaterThanOrEqual(200);
          }
        },
      ),
      { numRuns: 40 },
    );
    await setDelivery('quiet-desk', 'immediate');
  });
});

describe('review fixes', () => {
  const notesTo = async (taskIds: string[], email: string) =>
    (
      await t.db
        .select({ userId: s.notifications.userId })
        .from(s.notifications)
        .where(
          and(eq(s.notifications.kind, 'escalation'), inArray(s.notifications.taskId, taskIds)),
        )
    ).filter((n) => n.userId === id(email)).length;

  it('digest mode holds back only the digest recipient: a delegate acting for an absent supervisor is notified', async () => {
    // The digest goes to the group's supervisor (Avery, out of office); Sam acts for them and
    // would hear nothing from the digest, so each escalation reaches Sam one by one.
    await setDelivery('away-desk', 'digest', 60);
    const ids = await dueTasks('away-desk', 2, z('2026-12-08T10:00:00Z'));
    await escalateDueTasks(t.db, z('2026-12-08T10:01:00Z'), { maxBatches: 100 });
    expect(await notesTo(ids, 'stand-in@example.com')).toBe(2);
    expect(await notesTo(ids, 'away-sup@example.com')).toBe(0);
    const audits = await t.db
      .select({ metadata: s.auditEvents.metadata })
      .from(s.auditEvents)
      .where(and(inArray(s.auditEvents.taskId, ids), eq(s.auditEvents.action, 'task.escalated')));
    expect(audits.map((a) => a.metadata)).toEqual([
      expect.objectContaining({ notifiedUserIds: [id('stand-in@example.com')] }),
      expect.objectContaining({ notifiedUserIds: [id('stand-in@example.com')] }),
    ]);
    expect(audits.every((a) => !('delivery' in a.metadata))).toBe(true);
  });

  it('a task moved by a level follows the target group: into an immediate group, its supervisor is notified', async () => {
    await setDelivery('move-desk', 'digest', 60);
    await setDelivery('move-target', 'immediate');
    const ids = await dueTasks('move-desk', 1, z('2026-12-08T11:00:00Z'), {
      slaPolicyId: movePolicy,
    });
    await escalateDueTasks(t.db, z('2026-12-08T11:01:00Z'), { maxBatches: 100 });
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, ids[0]!));
    expect(row!.candidateGroupId).toBe(group.get('move-target'));
    expect(await notesTo(ids, 'target-sup@example.com')).toBe(1);

    // Into a digest group: that group's supervisor hears of it in their digest instead.
    await setDelivery('move-target', 'digest', 60);
    const more = await dueTasks('move-desk', 1, z('2026-12-08T12:00:00Z'), {
      slaPolicyId: movePolicy,
    });
    await escalateDueTasks(t.db, z('2026-12-08T12:01:00Z'), { maxBatches: 100 });
    expect(await notesTo(more, 'target-sup@example.com')).toBe(0);
    await setDelivery('move-target', 'immediate');
    await setDelivery('move-desk', 'immediate');
  });

  it('every level reaches a digest: level 1 in one period, level 2 in the next', async () => {
    await setDelivery('ladder-desk', 'digest', 60);
    const [task] = await dueTasks('ladder-desk', 1, z('2026-12-09T10:05:00Z'), {
      slaPolicyId: twoLevels,
    });
    await escalateDueTasks(t.db, z('2026-12-09T10:10:00Z'));
    await t.db
      .update(s.tasks)
      .set({ nextEscalationAt: z('2026-12-09T11:10:00Z') })
      .where(eq(s.tasks.id, task!));
    // A sweep's tick just before the period end, committed after it: not yet closed at 11:02.
    await sendEscalationDigests(t.db, z('2026-12-09T11:02:00Z'));
    expect(await digestsOf('ladder-desk')).toHaveLength(0);
    await sendEscalationDigests(t.db, z('2026-12-09T11:06:00Z'));
    await escalateDueTasks(t.db, z('2026-12-09T11:10:00Z'));
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task!));
    expect(row!.escalationLevel).toBe(2);
    expect(row!.escalatedAt!.toISOString()).toBe('2026-12-09T11:10:00.000Z');
    await sendEscalationDigests(t.db, z('2026-12-09T12:06:00Z'));
    const digests = (await digestsOf('ladder-desk')).sort(
      (a, b) => a.periodEnd.getTime() - b.periodEnd.getTime(),
    );
    expect(digests).toHaveLength(2);
    const listed = digests.map(
      (d) =>
        (d.content as { escalations: { items: { taskId: string; escalationLevel: number }[] } })
          .escalations.items,
    );
    expect(listed[0]!.map((i) => i.taskId)).toEqual([task]);
    expect(listed[1]).toEqual([expect.objectContaining({ taskId: task, escalationLevel: 2 })]);
    await setDelivery('ladder-desk', 'immediate');
  });

  it('switching to digests: the first digest starts at the switch; switching back sends the open period', async () => {
    await setDelivery('switch-desk', 'immediate');
    const sup = await actor('switch-sup@example.com');
    const g = group.get('switch-desk')!;
    // One level per task here: later levels of the policy would blur which period lists what.
    const oneLevel = () =>
      t.db.update(s.tasks).set({ nextEscalationAt: null }).where(eq(s.tasks.candidateGroupId, g));
    const [before] = await dueTasks('switch-desk', 1, z('2026-12-10T10:05:00Z'));
    await escalateDueTasks(t.db, z('2026-12-10T10:10:00Z'));
    await oneLevel();
    expect(await escalationNotes([before!])).toBe(1); // immediate: told already
    const settings = { intervalMinutes: 60, workingHoursOnly: false };
    await saveDigestSettings(
      t.db,
      sup,
      g,
      { delivery: 'digest', ...settings },
      z('2026-12-10T10:20:00Z'),
    );
    const [after] = await dueTasks('switch-desk', 1, z('2026-12-10T10:25:00Z'));
    await escalateDueTasks(t.db, z('2026-12-10T10:30:00Z'));
    await oneLevel();
    expect(await escalationNotes([after!])).toBe(0);
    await sendEscalationDigests(t.db, z('2026-12-10T11:06:00Z'));
    const [first] = await digestsOf('switch-desk');
    expect(first!.periodStart.toISOString()).toBe('2026-12-10T10:20:00.000Z');
    const items = (first!.content as { escalations: { items: { taskId: string }[] } }).escalations
      .items;
    expect(items.map((i) => i.taskId)).toEqual([after]);

    // Back to immediate mid-period: what was held back since 11:00 is sent with the switch.
    const [late] = await dueTasks('switch-desk', 1, z('2026-12-10T11:05:00Z'));
    await escalateDueTasks(t.db, z('2026-12-10T11:10:00Z'));
    expect(await escalationNotes([late!])).toBe(0);
    await saveDigestSettings(
      t.db,
      sup,
      g,
      { delivery: 'immediate', ...settings },
      z('2026-12-10T11:20:00Z'),
    );
    const all = (await digestsOf('switch-desk')).sort(
      (a, b) => a.periodEnd.getTime() - b.periodEnd.getTime(),
    );
    expect(all).toHaveLength(2);
    expect(all[1]!.periodStart.toISOString()).toBe('2026-12-10T11:00:00.000Z');
    expect(all[1]!.periodEnd.toISOString()).toBe('2026-12-10T11:20:00.000Z');
    const last = (all[1]!.content as { escalations: { items: { taskId: string }[] } }).escalations
      .items;
    expect(last.map((i) => i.taskId)).toEqual([late]);
    expect((await digestNotes('switch-desk')).map((n) => n.userId)).toEqual([
      id('switch-sup@example.com'),
      id('switch-sup@example.com'),
    ]);
  });

  it.skipIf(!onPostgres())(
    'a switch back to immediate during a sweep batch waits for it: its escalations are in the last digest, never in neither',
    async () => {
      await setDelivery('race-switch-desk', 'digest', 60);
      const sup = await actor('burst-sup@example.com');
      const g = group.get('race-switch-desk')!;
      const ids = await dueTasks('race-switch-desk', 3, z('2026-12-11T10:05:00Z'));
      // Only these tasks are due in this sweep, so its first item is one of them.
      await t.db.update(s.tasks).set({ nextEscalationAt: null }).where(notInArray(s.tasks.id, ids));
      let paused!: () => void;
      const resume = new Promise<void>((r) => (paused = r));
      let reached!: () => void;
      const inBatch = new Promise<void>((r) => (reached = r));
      let first = true;
      const sweep = escalateDueTasks(t.db, z('2026-12-11T10:10:00Z'), {
        afterItem: async () => {
          if (!first) return;
          first = false;
          reached();
          await resume;
        },
      });
      await inBatch;
      // The batch has decided its first task (digest mode read, group row shared) and waits.
      // The switch's request clock reads earlier than the sweep's (10:08 < 10:10): its last
      // digest must still reach the batch's escalations.
      let switched = false;
      const sw = saveDigestSettings(
        t.db,
        sup,
        g,
        { delivery: 'immediate', intervalMinutes: 60, workingHoursOnly: false },
        z('2026-12-11T10:08:00Z'),
      ).then((r) => ((switched = true), r));
      await new Promise((r) => setTimeout(r, 300));
      expect(switched).toBe(false); // it waits for the batch
      paused();
      await sweep;
      await sw;
      const digests = await digestsOf('race-switch-desk');
      expect(digests).toHaveLength(1);
      const items = (digests[0]!.content as { escalations: { items: { taskId: string }[] } })
        .escalations.items;
      expect(items.map((i) => i.taskId).sort()).toEqual([...ids].sort());
      expect(await escalationNotes(ids)).toBe(0);
    },
  );

  it('at risk lists and counts only tasks still open in the group', async () => {
    const [open, closed, moved] = await dueTasks('risk-desk', 3, z('2026-12-20T10:00:00Z'), {
      nextEscalationAt: null,
    });
    await t.db.update(s.tasks).set({ status: 'completed' }).where(eq(s.tasks.id, closed!));
    await t.db
      .update(s.tasks)
      .set({ candidateGroupId: group.get('other-desk')! })
      .where(eq(s.tasks.id, moved!));
    await t.db.insert(s.taskPredictions).values(
      [open!, closed!, moved!].map((taskId) => ({
        taskId,
        groupId: group.get('risk-desk')!,
        predictedDoneAt: z('2026-12-21T10:00:00Z'),
        latenessMinutes: 60,
        risk: 0.9,
        atRisk: true,
      })),
    );
    const c = await digestContent(
      t.db,
      group.get('risk-desk')!,
      z('2026-12-19T00:00:00Z'),
      z('2026-12-19T01:00:00Z'),
      z('2026-12-19T01:00:00Z'),
    );
    expect(c.atRisk.items.map((i) => i.taskId)).toEqual([open]);
    expect(c.atRisk.total).toBe(1);
  });
});
