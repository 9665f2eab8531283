import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, request, sessionCookie } from '../helpers/http';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { verifyPassword } from '../../lib/auth/password';
import { useDatabaseForTests } from '../../lib/data/database';
import { log } from '../../lib/log';
import { signInWithPassword } from '../../lib/use-cases/sign-in-with-password';
import { createTestDb, type TestDb } from '../helpers/test-db';
import * as usersRoute from '../../app/api/admin/users/route';
import * as userRoute from '../../app/api/admin/users/[id]/route';
import * as deactivateRoute from '../../app/api/admin/users/[id]/deactivate/route';
import * as reactivateRoute from '../../app/api/admin/users/[id]/reactivate/route';
import * as groupsRoute from '../../app/api/admin/groups/route';
import * as groupRoute from '../../app/api/admin/groups/[id]/route';
import * as auditRoute from '../../app/api/audit/route';
import * as claimRoute from '../../app/api/tasks/[id]/claim/route';

let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const cookie = new Map<string, string>();
const group = new Map<string, string>();
const as = (email: string) => cookie.get(email)!;
const ADMIN = 'admin@example.com';

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    user.set(u.email, u);
    cookie.set(u.email, await sessionCookie(u));
  }
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
});
afterAll(async () => {
  await t?.close();
});

const post = (path: string, email: string, body: unknown = {}) =>
  request('POST', path, { cookie: as(email), body });
const patch = (path: string, email: string, body: unknown) =>
  request('PATCH', path, { cookie: as(email), body });
const auditOf = (action: string, entityId: string) =>
  t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, entityId)));

async function createUser(body: Record<string, unknown>) {
  return call(usersRoute.POST, post('/api/admin/users', ADMIN, body), {});
}

/** A fresh adjuster in Claims adjusters holding `n` claimed tasks (and one completed one, which must stay put). */
async function adjusterWithClaimedTasks(email: string, n: number) {
  const res = await createUser({
    name: `Temp ${email}`,
    email,
    role: 'adjuster',
    password: 'temporary-pass-1',
    groupIds: [group.get('claims-adjusters')],
  });
  expect(res.status).toBe(201);
  const id = res.body.user.id as string;
  const [c] = await t.db.select().from(s.cases).limit(1);
  const base = {
    caseId: c!.id,
    stepKey: 'adjuster-review',
    candidateGroupId: group.get('claims-adjusters')!,
    outcomes: [],
    assigneeId: id,
  };
  const claimed = await t.db
    .insert(s.tasks)
    .values(
      Array.from({ length: n }, (_, i) => ({
        ...base,
        name: `Held ${email} ${i}`,
        status: 'claimed' as const,
        version: 3,
      })),
    )
    .returning();
  const [done] = await t.db
    .insert(s.tasks)
    .values({ ...base, name: `Done ${email}`, status: 'completed', version: 4 })
    .returning();
  return { id, claimed, done: done! };
}

describe('users', () => {
  it('lists users with role, state, groups, supervised groups and held tasks', async () => {
    const res = await call(
      usersRoute.GET,
      request('GET', '/api/admin/users', { cookie: as(ADMIN) }),
      {},
    );
    expect(res.status).toBe(200);
    const sup = res.body.users.find((u: { email: string }) => u.email === 'supervisor@example.com');
    expect(sup).toMatchObject({
      name: expect.any(String),
      role: 'supervisor',
      active: true,
      outOfOffice: false,
    });
    expect(sup.groups.map((g: { key: string }) => g.key)).toEqual(['claims-supervisors']);
    expect(sup.supervises.map((g: { key: string }) => g.key).sort()).toEqual([
      'claims-adjusters',
      'claims-intake',
      'claims-supervisors',
      'senior-adjusters',
    ]);
    expect(typeof sup.claimedTasks).toBe('number');
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
    expect(JSON.stringify(res.body)).not.toContain('$2');
  });

  it('creates a user who can sign in with the initial password; the password is hashed, never audited', async () => {
    const res = await createUser({
      name: 'Nora New',
      email: ' Nora.New@Example.com',
      role: 'adjuster',
      password: 'first-password-42',
      groupIds: [group.get('claims-adjusters'), group.get('claims-intake')],
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      name: 'Nora New',
      email: 'nora.new@example.com',
      role: 'adjuster',
      active: true,
    });
    expect(res.body.user.groups.map((g: { key: string }) => g.key)).toEqual([
      'claims-adjusters',
      'claims-intake',
    ]);
    expect(res.body.user.passwordHash).toBeUndefined();
    const [row] = await t.db.select().from(s.users).where(eq(s.users.id, res.body.user.id));
    expect(row!.passwordHash).not.toContain('first-password-42');
    expect(await verifyPassword('first-password-42', row!.passwordHash)).toBe(true);
    const signIn = await signInWithPassword(
      t.db,
      { email: 'nora.new@example.com', password: 'first-password-42', ip: '127.0.0.1' },
      new Date(),
    );
    expect(signIn.ok).toBe(true);
    const [audit] = await auditOf('user.created', row!.id);
    expect(audit).toMatchObject({
      actorLabel: ADMIN,
      after: {
        email: 'nora.new@example.com',
        role: 'adjuster',
        active: true,
        groups: ['claims-adjusters', 'claims-intake'],
      },
    });
    expect(JSON.stringify(audit)).not.toContain('first-password-42');
  });

  it('names each invalid field of a new user and writes nothing', async () => {
    const before = await t.db.select({ n: count() }).from(s.users);
    const res = await createUser({
      name: 'X',
      email: 'not-an-email',
      role: 'boss',
      password: 'short',
      groupIds: ['nope'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.fields).toEqual({
      name: 'must be at least 2 characters',
      email: 'must be an e-mail address',
      role: 'must be adjuster, supervisor or admin',
      password: 'must be at least 10 characters',
      'groupIds.0': 'must be group ids',
    });
    const unknownGroup = await createUser({
      name: 'Gary Group',
      email: 'gary@example.com',
      role: 'adjuster',
      password: 'long-enough-1',
      groupIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownGroup.status).toBe(400);
    expect(Object.keys(unknownGroup.body.error.fields)).toEqual(['groupIds']);
    const duplicate = await createUser({
      name: 'Second Adjuster',
      email: 'ADJUSTER@example.com',
      role: 'adjuster',
      password: 'long-enough-1',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.fields).toEqual({ email: 'is already used by another user' });
    expect(await t.db.select({ n: count() }).from(s.users)).toEqual(before);
  });

  it('changes role and group memberships, audited with before and after', async () => {
    const id = user.get('senior@example.com')!.id;
    const res = await call(
      userRoute.PATCH,
      patch(`/api/admin/users/${id}`, ADMIN, {
        role: 'supervisor',
        groupIds: [group.get('senior-adjusters'), group.get('claims-adjusters')],
      }),
      { id },
    );
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('supervisor');
    expect(res.body.user.groups.map((g: { key: string }) => g.key).sort()).toEqual([
      'claims-adjusters',
      'senior-adjusters',
    ]);
    const members = await t.db
      .select()
      .from(s.groupMemberships)
      .where(eq(s.groupMemberships.userId, id));
    expect(members.map((m) => m.groupId).sort()).toEqual(
      [group.get('senior-adjusters'), group.get('claims-adjusters')].sort(),
    );
    const [audit] = await auditOf('user.updated', id);
    expect(audit).toMatchObject({
      before: { role: 'adjuster', groups: ['senior-adjusters'] },
      after: { role: 'supervisor' },
    });
    expect((audit!.after as { groups: string[] }).groups.sort()).toEqual([
      'claims-adjusters',
      'senior-adjusters',
    ]);

    const back = await call(
      userRoute.PATCH,
      patch(`/api/admin/users/${id}`, ADMIN, {
        role: 'adjuster',
        groupIds: [group.get('senior-adjusters')],
      }),
      { id },
    );
    expect(back.status).toBe(200);
    expect(await auditOf('user.updated', id)).toHaveLength(2);
  });

  it('refuses to demote a group supervisor, to change one’s own role, and an empty or bad change', async () => {
    const supId = user.get('supervisor@example.com')!.id;
    const demote = await call(
      userRoute.PATCH,
      patch(`/api/admin/users/${supId}`, ADMIN, { role: 'adjuster' }),
      { id: supId },
    );
    expect(demote.status).toBe(400);
    expect(Object.keys(demote.body.error.fields)).toEqual(['role']);
    expect(demote.body.error.message).toContain('Claims adjusters');
    const adminId = user.get(ADMIN)!.id;
    const self = await call(
      userRoute.PATCH,
      patch(`/api/admin/users/${adminId}`, ADMIN, { role: 'adjuster' }),
      { id: adminId },
    );
    expect(self.status).toBe(403);
    const empty = await call(userRoute.PATCH, patch(`/api/admin/users/${supId}`, ADMIN, {}), {
      id: supId,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({
      '(body)': 'must change the role, the groups or the time zone',
    });
    const [a, b] = await t.db
      .select({ role: s.users.role })
      .from(s.users)
      .where(inArray(s.users.id, [supId, adminId]));
    expect([a!.role, b!.role].sort()).toEqual(['admin', 'supervisor']);
    const missing = await call(
      userRoute.PATCH,
      patch('/api/admin/users/not-a-uuid', ADMIN, { role: 'adjuster' }),
      { id: 'not-a-uuid' },
    );
    expect(missing.status).toBe(404);
  });
});

describe('deactivation', () => {
  it('returns the user’s claimed tasks to their queue and audits every change, in one transaction', async () => {
    const { id, claimed, done } = await adjusterWithClaimedTasks('leaving@example.com', 3);
    const leaverCookie = await sessionCookie({
      id,
      email: 'leaving@example.com',
      name: 'Leaving',
      role: 'adjuster',
    });
    const res = await call(deactivateRoute.POST, post(`/api/admin/users/${id}/deactivate`, ADMIN), {
      id,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.active).toBe(false);
    expect(res.body.returnedTaskIds.sort()).toEqual(claimed.map((c) => c.id).sort());

    const after = await t.db
      .select()
      .from(s.tasks)
      .where(
        inArray(
          s.tasks.id,
          claimed.map((c) => c.id),
        ),
      );
    for (const task of after)
      expect(task).toMatchObject({
        status: 'ready',
        assigneeId: null,
        version: 4,
        candidateGroupId: group.get('claims-adjusters'),
      });
    const [untouched] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, done.id));
    expect(untouched).toMatchObject({ status: 'completed', assigneeId: id, version: 4 });

    const taskEvents = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.action, 'task.returned_to_queue'),
          inArray(
            s.auditEvents.taskId,
            claimed.map((c) => c.id),
          ),
        ),
      );
    expect(taskEvents).toHaveLength(3);
    for (const e of taskEvents) {
      expect(e).toMatchObject({
        actorLabel: ADMIN,
        before: { status: 'claimed', assigneeId: id, version: 3 },
        after: { status: 'ready', assigneeId: null, version: 4 },
      });
      expect(e.caseId).toBe(claimed[0]!.caseId);
    }
    const [userEvent] = await auditOf('user.deactivated', id);
    expect(userEvent).toMatchObject({ before: { active: true }, after: { active: false } });
    expect((userEvent!.metadata as { returnedTaskIds: string[] }).returnedTaskIds.sort()).toEqual(
      claimed.map((c) => c.id).sort(),
    );
    // One change, one moment: every event carries the time of the request.
    expect(new Set([...taskEvents, userEvent!].map((e) => e.occurredAt.toISOString())).size).toBe(
      1,
    );

    // The queue offers the tasks to the group again; the leaver is locked out at once.
    const claim = await call(
      claimRoute.POST,
      post(`/api/tasks/${claimed[0]!.id}/claim`, 'adjuster@example.com'),
      { id: claimed[0]!.id },
    );
    expect(claim.status).toBe(200);
    expect(
      (await call(auditRoute.GET, request('GET', '/api/audit', { cookie: leaverCookie }), {}))
        .status,
    ).toBe(401);
    expect(
      (
        await signInWithPassword(
          t.db,
          { email: 'leaving@example.com', password: 'temporary-pass-1', ip: '127.0.0.1' },
          new Date(),
        )
      ).ok,
    ).toBe(false);
  });

  it('changes nothing when any part of the deactivation fails', async () => {
    const { id, claimed } = await adjusterWithClaimedTasks('rollback@example.com', 2);
    // Make the last write of the transaction (the user's audit event) fail.
    await t.db
      .execute(sql`create function test_fail_deactivation() returns trigger language plpgsql as $$
      begin if new.action = 'user.deactivated' then raise exception 'injected failure'; end if; return new; end $$`);
    await t.db.execute(
      sql`create trigger test_fail_deactivation before insert on audit_events for each row execute function test_fail_deactivation()`,
    );
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    try {
      const res = await call(
        deactivateRoute.POST,
        post(`/api/admin/users/${id}/deactivate`, ADMIN),
        { id },
      );
      expect(res.status).toBe(500);
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
      await t.db.execute(sql`drop trigger test_fail_deactivation on audit_events`);
      await t.db.execute(sql`drop function test_fail_deactivation()`);
    }
    const [u] = await t.db.select().from(s.users).where(eq(s.users.id, id));
    expect(u!.active).toBe(true);
    const held = await t.db
      .select()
      .from(s.tasks)
      .where(
        inArray(
          s.tasks.id,
          claimed.map((c) => c.id),
        ),
      );
    for (const task of held)
      expect(task).toMatchObject({ status: 'claimed', assigneeId: id, version: 3 });
    expect(
      await t.db
        .select()
        .from(s.auditEvents)
        .where(
          and(
            eq(s.auditEvents.action, 'task.returned_to_queue'),
            inArray(
              s.auditEvents.taskId,
              claimed.map((c) => c.id),
            ),
          ),
        ),
    ).toHaveLength(0);

    const retry = await call(
      deactivateRoute.POST,
      post(`/api/admin/users/${id}/deactivate`, ADMIN),
      { id },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.returnedTaskIds).toHaveLength(2);
  });

  it('refuses self-deactivation and a second deactivation; reactivation is audited', async () => {
    const adminId = user.get(ADMIN)!.id;
    const self = await call(
      deactivateRoute.POST,
      post(`/api/admin/users/${adminId}/deactivate`, ADMIN),
      { id: adminId },
    );
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('forbidden');
    const [me] = await t.db.select().from(s.users).where(eq(s.users.id, adminId));
    expect(me!.active).toBe(true);
    expect(await auditOf('user.deactivated', adminId)).toHaveLength(0);

    const id = user.get('intake@example.com')!.id;
    expect(
      (await call(deactivateRoute.POST, post(`/api/admin/users/${id}/deactivate`, ADMIN), { id }))
        .status,
    ).toBe(200);
    const again = await call(
      deactivateRoute.POST,
      post(`/api/admin/users/${id}/deactivate`, ADMIN),
      { id },
    );
    expect(again.status).toBe(409);
    const back = await call(
      reactivateRoute.POST,
      post(`/api/admin/users/${id}/reactivate`, ADMIN),
      { id },
    );
    expect(back.status).toBe(200);
    expect(back.body.user.active).toBe(true);
    const [event] = await auditOf('user.reactivated', id);
    expect(event).toMatchObject({ before: { active: false }, after: { active: true } });
    expect(
      (
        await signInWithPassword(
          t.db,
          { email: 'intake@example.com', password: 'handoff-demo', ip: '127.0.0.1' },
          new Date(),
        )
      ).ok,
    ).toBe(true);
  });
});

describe('groups', () => {
  it('lists groups with their supervisor and active member count', async () => {
    const res = await call(
      groupsRoute.GET,
      request('GET', '/api/admin/groups', { cookie: as(ADMIN) }),
      {},
    );
    expect(res.status).toBe(200);
    const siu = res.body.groups.find((g: { key: string }) => g.key === 'special-investigations');
    expect(siu).toMatchObject({
      name: 'Special investigations',
      supervisor: { email: ADMIN, active: true },
      memberCount: 1,
    });
  });

  it('creates a group, naming a bad or taken key', async () => {
    const res = await call(
      groupsRoute.POST,
      post('/api/admin/groups', ADMIN, { key: 'claims-east', name: 'Claims East' }),
      {},
    );
    expect(res.status).toBe(201);
    expect(res.body.group).toMatchObject({
      key: 'claims-east',
      name: 'Claims East',
      supervisorId: null,
    });
    const [audit] = await auditOf('group.created', res.body.group.id);
    expect(audit).toMatchObject({ after: { key: 'claims-east', name: 'Claims East' } });

    const bad = await call(
      groupsRoute.POST,
      post('/api/admin/groups', ADMIN, { key: 'Claims East!', name: '' }),
      {},
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['key', 'name']);
    const taken = await call(
      groupsRoute.POST,
      post('/api/admin/groups', ADMIN, { key: 'claims-east', name: 'Again' }),
      {},
    );
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toEqual({ key: 'is already used by another group' });
  });

  it('sets a supervisor only to an active supervisor or admin, audited', async () => {
    const gid = group.get('claims-intake')!;
    const set = (supervisorId: string | null) =>
      call(groupRoute.PATCH, patch(`/api/admin/groups/${gid}`, ADMIN, { supervisorId }), {
        id: gid,
      });

    const adjuster = await set(user.get('adjuster@example.com')!.id);
    expect(adjuster.status).toBe(400);
    expect(adjuster.body.error.fields).toEqual({
      supervisorId: 'must be a supervisor or an admin',
    });
    const [inactive] = await t.db
      .insert(s.users)
      .values({
        email: 'gone-sup@example.com',
        name: 'Gone Sup',
        role: 'supervisor',
        active: false,
      })
      .returning();
    expect((await set(inactive!.id)).body.error.fields).toEqual({
      supervisorId: 'is not an active user',
    });
    expect((await set('00000000-0000-4000-8000-000000000000')).body.error.fields).toEqual({
      supervisorId: 'is not a user',
    });
    expect((await set('bob')).body.error.fields).toEqual({ supervisorId: 'must be a user id' });

    const ok = await set(user.get(ADMIN)!.id);
    expect(ok.status).toBe(200);
    expect(ok.body.group.supervisorId).toBe(user.get(ADMIN)!.id);
    const [audit] = await auditOf('group.supervisor_changed', gid);
    expect(audit).toMatchObject({
      before: { supervisor: 'supervisor@example.com' },
      after: { supervisor: ADMIN },
    });
    const cleared = await set(null);
    expect(cleared.body.group.supervisorId).toBeNull();
    expect(await auditOf('group.supervisor_changed', gid)).toHaveLength(2);
  });
});

describe('authorization', () => {
  it('refuses a supervisor every users and groups route with 403, writes nothing and audits the refusal', async () => {
    const sup = 'supervisor@example.com';
    const target = user.get('adjuster2@example.com')!.id;
    const gid = group.get('claims-adjusters')!;
    const snapshot = async () => ({
      users: await t.db.select().from(s.users).orderBy(s.users.id),
      groups: await t.db.select().from(s.groups).orderBy(s.groups.id),
      members: await t.db
        .select()
        .from(s.groupMemberships)
        .orderBy(s.groupMemberships.groupId, s.groupMemberships.userId),
      tasks: await t.db
        .select({ id: s.tasks.id, v: s.tasks.version })
        .from(s.tasks)
        .where(eq(s.tasks.assigneeId, target)),
      audit: (
        await t.db
          .select({ n: count() })
          .from(s.auditEvents)
          .where(sql`${s.auditEvents.action} <> 'auth.refused'`)
      )[0]!.n,
    });
    const refusals = async () =>
      (
        await t.db
          .select({ n: count() })
          .from(s.auditEvents)
          .where(and(eq(s.auditEvents.action, 'auth.refused'), eq(s.auditEvents.actorLabel, sup)))
      )[0]!.n;
    const before = await snapshot();
    const refusedBefore = await refusals();
    const attempts = [
      call(usersRoute.GET, request('GET', '/api/admin/users', { cookie: as(sup) }), {}),
      call(
        usersRoute.POST,
        post('/api/admin/users', sup, {
          name: 'Sneaky Sam',
          email: 'sneaky@example.com',
          role: 'admin',
          password: 'sneaky-password',
        }),
        {},
      ),
      call(userRoute.PATCH, patch(`/api/admin/users/${target}`, sup, { role: 'admin' }), {
        id: target,
      }),
      call(deactivateRoute.POST, post(`/api/admin/users/${target}/deactivate`, sup), {
        id: target,
      }),
      call(reactivateRoute.POST, post(`/api/admin/users/${target}/reactivate`, sup), {
        id: target,
      }),
      call(groupsRoute.GET, request('GET', '/api/admin/groups', { cookie: as(sup) }), {}),
      call(
        groupsRoute.POST,
        post('/api/admin/groups', sup, { key: 'sneaky', name: 'Sneaky group' }),
        {},
      ),
      call(
        groupRoute.PATCH,
        patch(`/api/admin/groups/${gid}`, sup, { supervisorId: user.get(sup)!.id }),
        { id: gid },
      ),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await snapshot()).toEqual(before);
    expect(await refusals()).toBe(refusedBefore + attempts.length);
  });
});
