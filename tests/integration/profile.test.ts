import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { authOptions } from '../../lib/auth/options';
import { useDatabaseForTests } from '../../lib/data/database';
import { databaseKnowsTimeZone, loadSessionActor } from '../../lib/data/users';
import { SIGN_IN_THROTTLE } from '../../lib/domain/sign-in-throttle';
import { changePassword } from '../../lib/use-cases/change-password';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request, sessionCookie, TEST_SECRET } from '../helpers/http';
import { startSignInServer } from '../helpers/sign-in-server';
import { createTestDb, type TestDb } from '../helpers/test-db';
import * as profileRoute from '../../app/api/profile/route';
import * as passwordRoute from '../../app/api/profile/password/route';
import * as usersRoute from '../../app/api/admin/users/route';
import * as userRoute from '../../app/api/admin/users/[id]/route';
import * as resetRoute from '../../app/api/admin/users/[id]/password/route';
import * as inboxRoute from '../../app/api/inbox/route';

let t: TestDb;
let server: Awaited<ReturnType<typeof startSignInServer>>;
const ADMIN = 'admin@example.com';
const SUPERVISOR = 'supervisor@example.com';
const cookie = new Map<string, string>();
const ids = new Map<string, string>();
let adjustersGroup: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    ids.set(u.email, u.id);
    cookie.set(u.email, await sessionCookie(u));
  }
  const [g] = await t.db.select().from(s.groups).where(eq(s.groups.key, 'claims-adjusters'));
  adjustersGroup = g!.id;
  server = await startSignInServer();
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const as = (email: string) => cookie.get(email)!;
const patchProfile = (who: string, body: unknown) =>
  call(profileRoute.PATCH, request('PATCH', '/api/profile', { cookie: who, body }), {});
const getProfile = (who: string) =>
  call(profileRoute.GET, request('GET', '/api/profile', { cookie: who }), {});
const auditOf = (action: string, entityId: string) =>
  t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, entityId)));

const reset = (who: string, id: string, body: unknown) =>
  call(resetRoute.POST, request('POST', `/api/admin/users/${id}/password`, { cookie: who, body }), {
    id,
  });

/** Calls the password route, returning the status, body and the renewed session cookie. */
async function postPassword(who: string, body: unknown) {
  const res = await passwordRoute.POST(
    request('POST', '/api/profile/password', { cookie: who, body }),
    { params: Promise.resolve({}) },
  );
  const set = res.headers.get('set-cookie') ?? '';
  const renewed = /next-auth\.session-token=([^;]+)/.exec(set)?.[1];
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    cookie: renewed ? `next-auth.session-token=${renewed}` : null,
  };
}

/** A fresh adjuster made by the admin; returns id and a session cookie signed in at `signedInAt`. */
async function newUser(email: string, password = 'initial-pass-12', extra = {}) {
  const res = await call(
    usersRoute.POST,
    request('POST', '/api/admin/users', {
      cookie: as(ADMIN),
      body: {
        name: `Person ${email}`,
        email,
        role: 'adjuster',
        password,
        groupIds: [adjustersGroup],
        timeZone: 'UTC',
        ...extra,
      },
    }),
    {},
  );
  expect(res.status).toBe(201);
  const id = res.body.user.id as string;
  return { id, user: res.body.user, cookie: await cookieFor(id, email, Date.now()) };
}

async function cookieFor(id: string, email: string, signedInAt: number) {
  const token = await encode({
    secret: TEST_SECRET,
    token: { uid: id, sub: id, email, name: email, role: 'adjuster', signedInAt },
  });
  return `next-auth.session-token=${token}`;
}

describe('profile: name and time zone', () => {
  it('changes the name and time zone, audited with before and after, read fresh by every request', async () => {
    const { id, cookie: c } = await newUser('tz.person@example.com');
    expect((await getProfile(c)).body.profile).toMatchObject({ timeZone: 'UTC' });
    const res = await patchProfile(c, { name: '  Tess Zone ', timeZone: 'Asia/Tokyo' });
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ name: 'Tess Zone', timeZone: 'Asia/Tokyo' });
    expect(JSON.stringify(res.body)).not.toContain('$2');
    const [audit] = await auditOf('user.profile_updated', id);
    expect(audit).toMatchObject({
      actorId: id,
      before: { name: 'Person tz.person@example.com', timeZone: 'UTC' },
      after: { name: 'Tess Zone', timeZone: 'Asia/Tokyo' },
    });
    // What every page and route uses as the viewer's zone: the database, at each request.
    const actor = await loadSessionActor(t.db, { uid: id, signedInAt: Date.now() });
    expect(actor).toMatchObject({ name: 'Tess Zone', timeZone: 'Asia/Tokyo' });
    // The inbox counts per day in the person's zone in SQL: an accepted alias works there too.
    expect((await patchProfile(c, { timeZone: 'Asia/Kolkata' })).status).toBe(200);
    const inbox = await call(inboxRoute.GET, request('GET', '/api/inbox', { cookie: c }), {});
    expect(inbox.status).toBe(200);
    // Saving the same values again changes and audits nothing.
    expect((await patchProfile(c, { name: 'Tess Zone' })).status).toBe(200);
    expect(await auditOf('user.profile_updated', id)).toHaveLength(2);
  });

  it('refuses an unknown time zone or a bad name with 400 naming the field, writing nothing', async () => {
    const { id, cookie: c } = await newUser('tz.bad@example.com');
    const cases: [unknown, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: 'Europe/Berlin\u0000' }, 'timeZone'],
      [{ timeZone: 'utc' }, 'timeZone'],
      [{ timeZone: '+05:30' }, 'timeZone'],
      [{ timeZone: 42 }, 'timeZone'],
      [{ timeZone: 'x'.repeat(500) }, 'timeZone'],
      [{ name: 'A' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'Nul\u0000Name' }, 'name'],
      [{ role: 'admin' }, '(body)'],
      [{}, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await patchProfile(c, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toContain(field);
    }
    const [row] = await t.db.select().from(s.users).where(eq(s.users.id, id));
    expect(row).toMatchObject({ timeZone: 'UTC', role: 'adjuster' });
    expect(await auditOf('user.profile_updated', id)).toHaveLength(0);
    // The database's own check (behind the runtime's): a zone it lacks is refused, not a 500.
    expect(await databaseKnowsTimeZone(t.db, 'Asia/Tokyo')).toBe(true);
    expect(await databaseKnowsTimeZone(t.db, 'Mars/Olympus')).toBe(false);
    const anonymous = await call(
      profileRoute.PATCH,
      request('PATCH', '/api/profile', { body: {} }),
      {},
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('profile: password change', () => {
  it('refuses a wrong current password (400 naming currentPassword), then throttles further attempts (429), audited', async () => {
    const { id, cookie: c } = await newUser('guesser@example.com');
    const body = (current: string) => ({
      currentPassword: current,
      newPassword: 'a-new-passphrase-77',
      confirmPassword: 'a-new-passphrase-77',
    });
    for (let i = 0; i < SIGN_IN_THROTTLE.freeFailures; i++) {
      const res = await postPassword(c, body(`wrong-guess-${i}`));
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual({ currentPassword: 'is not your current password' });
      expect(res.cookie).toBeNull();
    }
    // Even the right password is not checked while the pause lasts: guessing cannot go faster.
    const paused = await postPassword(c, body('initial-pass-12'));
    expect(paused.status).toBe(429);
    expect(paused.body.error.fields).toHaveProperty('currentPassword');
    expect(paused.body.error.message).toMatch(/Try again in \d+ seconds/);
    expect((await postPassword(c, body('wrong-again'))).status).toBe(429);
    expect(await auditOf('user.password_change_refused', id)).toHaveLength(3);
    // One audit event per pause, however many attempts it refuses.
    expect(await auditOf('user.password_change_throttled', id)).toHaveLength(1);
    const [row] = await t.db.select().from(s.users).where(eq(s.users.id, id));
    expect(row!.passwordChangedAt).toBeNull();
    // The pause does not touch sign-in: the person can still sign in with the old password.
    expect((await server.signIn('guesser@example.com', 'initial-pass-12')).body.ok).toBe(true);
    // After the pause the right password works.
    const actor = (await loadSessionActor(t.db, { uid: id, signedInAt: Date.now() }))!;
    const later = new Date(Date.now() + 60_000);
    await changePassword(t.db, actor, body('initial-pass-12'), later);
    expect((await server.signIn('guesser@example.com', 'a-new-passphrase-77')).body.ok).toBe(true);
  });

  it('checks the new password: strength, confirmation, different from the current one', async () => {
    const { cookie: c } = await newUser('weak.choice@example.com');
    const cases: [Record<string, string>, string][] = [
      [{ currentPassword: 'initial-pass-12', newPassword: 'short' }, 'newPassword'],
      [{ currentPassword: 'initial-pass-12', newPassword: 'handoff-demo-2026' }, 'newPassword'],
      [{ currentPassword: 'initial-pass-12', newPassword: 'weak.choice-is-me' }, 'newPassword'],
      [{ currentPassword: 'initial-pass-12', newPassword: 'aaaaaaaaaaaaaaaa' }, 'newPassword'],
      [
        {
          currentPassword: 'initial-pass-12',
          newPassword: 'good-passphrase-91',
          confirmPassword: 'good-passphrase-19',
        },
        'confirmPassword',
      ],
      [{ currentPassword: 'initial-pass-12', newPassword: 'initial-pass-12' }, 'newPassword'],
      [{ newPassword: 'good-passphrase-91' }, 'currentPassword'],
    ];
    for (const [body, field] of cases) {
      const res = await postPassword(c, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
  });

  it('lets the person sign in with the new password and not the old; ends their other sessions, keeps this one', async () => {
    const email = 'changer@example.com';
    const { id, cookie: thisSession } = await newUser(email);
    const otherSession = await cookieFor(id, email, Date.now() - 60_000);
    const res = await postPassword(thisSession, {
      currentPassword: 'initial-pass-12',
      newPassword: 'river-stone-lantern-8',
      confirmPassword: 'river-stone-lantern-8',
    });
    expect(res.status).toBe(200);
    expect(res.cookie).not.toBeNull();
    expect((await server.signIn(email, 'river-stone-lantern-8')).body.ok).toBe(true);
    expect((await server.signIn(email, 'initial-pass-12')).body).toMatchObject({ ok: false });

    // The renewed cookie keeps working; sessions signed in before the change end.
    expect((await getProfile(res.cookie!)).status).toBe(200);
    expect((await getProfile(otherSession)).status).toBe(401);
    expect((await getProfile(thisSession)).status).toBe(401);
    // A session signed in after the change is fine.
    expect((await getProfile(await cookieFor(id, email, Date.now() + 1000))).status).toBe(200);

    const [audit] = await auditOf('user.password_changed', id);
    expect(audit).toMatchObject({ actorId: id });
    const text = JSON.stringify(await t.db.select().from(s.auditEvents));
    expect(text).not.toContain('river-stone-lantern-8');
    expect(text).not.toContain('initial-pass-12');
  });

  it('puts the sign-in time into a new session (what ends it at a password change)', async () => {
    const jwt = authOptions.callbacks!.jwt!;
    const before = Date.now();
    const token = await jwt({
      token: {},
      user: { id: 'u', email: 'e', name: 'n', role: 'adjuster' },
      account: null,
    });
    expect(token.signedInAt).toBeGreaterThanOrEqual(before);
    const again = await jwt({ token } as Parameters<typeof jwt>[0]);
    expect(again.signedInAt).toBe(token.signedInAt);
  });
});

describe('admin password reset', () => {
  it('generates a temporary password shown once, ends the person’s sessions, audited without the password', async () => {
    const email = 'forgetful@example.com';
    const { id, cookie: theirs } = await newUser(email);
    const res = await reset(as(ADMIN), id, { generate: true });
    expect(res.status).toBe(200);
    const temporary = res.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await server.signIn(email, temporary)).body.ok).toBe(true);
    expect((await server.signIn(email, 'initial-pass-12')).body.ok).toBe(false);
    expect((await getProfile(theirs)).status).toBe(401);
    const [audit] = await auditOf('user.password_reset', id);
    expect(audit).toMatchObject({
      actorId: ids.get(ADMIN),
      entityId: id,
      metadata: { generated: true, by: ADMIN, of: email },
    });
    expect(JSON.stringify(audit)).not.toContain(temporary);

    const typed = await reset(as(ADMIN), id, { password: 'typed-temporary-55' });
    expect(typed.status).toBe(200);
    expect(typed.body.temporaryPassword).toBeUndefined();
    expect((await server.signIn(email, 'typed-temporary-55')).body.ok).toBe(true);
  });

  it('refuses non-admins (403, audited), one’s own account, bad input and unknown people', async () => {
    const { id } = await newUser('target@example.com');
    const refused = await reset(as(SUPERVISOR), id, { password: 'supervisor-sets-this-1' });
    expect(refused.status).toBe(403);
    const adjuster = await reset(as('adjuster@example.com'), id, { generate: true });
    expect(adjuster.status).toBe(403);
    const [refusal] = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'auth.refused'), eq(s.auditEvents.entityId, id)));
    expect(refusal).toMatchObject({ actorLabel: SUPERVISOR });
    const self = await reset(as(ADMIN), ids.get(ADMIN)!, { password: 'admin-own-reset-99' });
    expect(self.status).toBe(403);
    const cases: unknown[] = [
      {},
      { password: 'short' },
      { password: 'handoff-demo-extra' },
      { generate: false },
      { password: 'long-enough-pass-1', generate: true },
    ];
    for (const body of cases) {
      const res = await reset(as(ADMIN), id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields).length).toBeGreaterThan(0);
    }
    expect((await reset(as(ADMIN), 'not-a-uuid', { generate: true })).status).toBe(404);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await reset(as(ADMIN), missing, { generate: true })).status).toBe(404);
    expect(await auditOf('user.password_reset', id)).toHaveLength(0);
    expect((await server.signIn('target@example.com', 'initial-pass-12')).body.ok).toBe(true);
  });
});

describe('time zone of a new or edited user', () => {
  it('defaults to the creating admin’s time zone, takes an explicit one, refuses an unknown one', async () => {
    // A separate admin whose zone is changed, so other tests keep the seed's admin as it is.
    const { id: adminId } = await newUser('zone.admin@example.com', 'initial-pass-12', {
      role: 'admin',
    });
    const adminCookie = await cookieFor(adminId, 'zone.admin@example.com', Date.now());
    expect((await patchProfile(adminCookie, { timeZone: 'Europe/Berlin' })).status).toBe(200);
    const create = (body: Record<string, unknown>) =>
      call(
        usersRoute.POST,
        request('POST', '/api/admin/users', {
          cookie: adminCookie,
          body: { name: 'Zoned', role: 'adjuster', password: 'initial-pass-12', ...body },
        }),
        {},
      );
    const byDefault = await create({ email: 'zone.default@example.com' });
    expect(byDefault.status).toBe(201);
    expect(byDefault.body.user.timeZone).toBe('Europe/Berlin');
    const explicit = await create({ email: 'zone.tokyo@example.com', timeZone: 'Asia/Tokyo' });
    expect(explicit.body.user.timeZone).toBe('Asia/Tokyo');
    const [created] = await auditOf('user.created', explicit.body.user.id);
    expect(created!.after).toMatchObject({ timeZone: 'Asia/Tokyo' });
    for (const timeZone of ['Mars/Olympus', 'Asia/Tokyo\u0000', '', 7]) {
      const bad = await create({ email: 'zone.bad@example.com', timeZone });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.error.fields)).toEqual(['timeZone']);
    }
    expect(
      await t.db.select().from(s.users).where(eq(s.users.email, 'zone.bad@example.com')),
    ).toEqual([]);

    const id = byDefault.body.user.id as string;
    const edit = (body: unknown) =>
      call(
        userRoute.PATCH,
        request('PATCH', `/api/admin/users/${id}`, { cookie: as(ADMIN), body }),
        {
          id,
        },
      );
    const changed = await edit({ timeZone: 'America/New_York' });
    expect(changed.status).toBe(200);
    expect(changed.body.user.timeZone).toBe('America/New_York');
    const [updated] = await auditOf('user.updated', id);
    expect(updated).toMatchObject({
      before: { timeZone: 'Europe/Berlin' },
      after: { timeZone: 'America/New_York' },
    });
    const refused = await edit({ timeZone: 'Mars/Olympus' });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields)).toEqual(['timeZone']);
  });
});

describe('hostile input on the new endpoints', () => {
  const hostileText = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom('\u0000', '\ud800', 'Mars/Olympus', 'x'.repeat(2000), '../../etc', 'UTC'),
  );
  const hostileValue = fc.oneof(
    hostileText,
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.array(hostileText, { maxLength: 3 }),
    fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
  );

  it('never answers 500 and changes nothing it should not', async () => {
    const { id, cookie: c } = await newUser('fuzzed@example.com');
    const { id: target } = await newUser('fuzz.target@example.com');
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { name: hostileValue, timeZone: hostileValue, extra: hostileValue },
          { requiredKeys: [] },
        ),
        fc.record(
          {
            currentPassword: hostileValue,
            newPassword: hostileValue,
            confirmPassword: hostileValue,
          },
          { requiredKeys: [] },
        ),
        fc.record({ password: hostileValue, generate: hostileValue }, { requiredKeys: [] }),
        async (profile, password, resetBody) => {
          const a = await patchProfile(c, profile);
          expect([200, 400]).toContain(a.status);
          const b = await postPassword(c, password);
          expect([400, 429]).toContain(b.status);
          const r = await reset(as(ADMIN), target, resetBody);
          expect([200, 400]).toContain(r.status);
          const n = await reset(as(SUPERVISOR), target, resetBody);
          expect([400, 403]).toContain(n.status);
        },
      ),
      { numRuns: 25 },
    );
    const [row] = await t.db.select().from(s.users).where(eq(s.users.id, id));
    expect(row!.role).toBe('adjuster');
    expect(row!.passwordChangedAt).toBeNull();
  });
});
