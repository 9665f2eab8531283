import { createRequire } from 'node:module';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import { decode } from 'next-auth/jwt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import type { CredentialsConfig } from 'next-auth/providers/credentials';
import { authOptions, PASSWORD_SIGN_IN_OFF } from '../../lib/auth/options';
import { signInMethods } from '../../lib/auth/oidc-provider';
import { signInErrorMessage } from '../../lib/auth/oidc-errors';
import { useDatabaseForTests } from '../../lib/data/database';
import { getUserByEmailForUpdate, loadSessionActor } from '../../lib/data/users';
import { getEnv, resetEnvCache } from '../../lib/env';
import { signInWithOidc, type OidcSettings } from '../../lib/use-cases/sign-in-with-oidc';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { startOidcProvider, TEST_CLIENT, type TestOidcProvider } from '../helpers/oidc-provider';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1): next-auth's
 * own handler (the code behind /api/auth/*) with Handoff's options drives the authorization code
 * flow with PKCE, state and nonce through the provider's login and consent pages, and the
 * resulting session cookie is decoded and loaded like any request's. The use-case's decisions
 * are also tested directly with hand-made claims (what a provider could send).
 */
// next-auth's request handler behind its Next.js wrapper (which needs Next's request scope for
// cookies() and headers()); the package does not export it, hence the path.
const { AuthHandler } = createRequire(import.meta.url)(
  path.resolve('node_modules/next-auth/core/index.js'),
) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: NextAuthOptions }) => Promise<{
    body?: unknown;
    redirect?: string;
    cookies?: Array<{ name: string; value: string; options?: { maxAge?: number } }>;
  }>;
};

const APP = 'http://localhost:3977';
const SECRET = 'sso-test-secret';

let t: TestDb;
let idp: TestOidcProvider;
const savedEnv = { ...process.env };

const ACCOUNTS = {
  'new-person': {
    email: 'new.person@example.com',
    email_verified: true,
    name: 'Nia New',
    groups: ['claims-team', 'not-mapped'],
  },
  'adjuster-sub': {
    email: 'adjuster@example.com',
    email_verified: true,
    name: 'Ann Adjuster (IdP)',
    groups: ['siu-team'],
  },
  unverified: {
    email: 'intake@example.com',
    email_verified: false,
    name: 'Ian',
    groups: [],
  },
  'deactivated-sub': {
    email: 'adjuster2@example.com',
    email_verified: true,
    name: 'Adam',
    groups: [],
  },
};

function configure(extra: Record<string, string> = {}) {
  process.env = {
    ...savedEnv,
    NEXTAUTH_URL: APP,
    NEXTAUTH_SECRET: SECRET,
    HANDOFF_OIDC_ISSUER: idp.issuer,
    HANDOFF_OIDC_CLIENT_ID: TEST_CLIENT.id,
    HANDOFF_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    HANDOFF_OIDC_NAME: 'Test IdP',
    HANDOFF_OIDC_SCOPES: 'openid email profile groups',
    HANDOFF_OIDC_GROUP_MAP: 'claims-team=claims-adjusters,siu-team=special-investigations',
    ...extra,
  };
  resetEnvCache();
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  useDatabaseForTests(t);
  idp = await startOidcProvider({
    redirectUris: [`${APP}/api/auth/callback/oidc`],
    accounts: ACCOUNTS,
  });
});
afterAll(async () => {
  process.env = savedEnv;
  resetEnvCache();
  await idp?.close();
  await t?.close();
});
beforeEach(() => configure());

type Jar = Map<string, string>;

/** One request to next-auth's handler, as the route app/api/auth/[...nextauth] makes it. */
async function nextAuth(
  jar: Jar,
  method: 'GET' | 'POST',
  action: string,
  providerId?: string,
  input: { query?: Record<string, string>; body?: Record<string, string> } = {},
) {
  const res = await AuthHandler({
    req: {
      method,
      action,
      providerId,
      query: input.query ?? {},
      body: input.body ?? {},
      cookies: Object.fromEntries(jar),
      headers: { host: new URL(APP).host },
      error: input.query?.error,
    },
    options: authOptions,
  });
  for (const c of res.cookies ?? []) {
    if (!c.value || c.options?.maxAge === 0) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return res;
}

/** The provider's side: its pages, with its own cookies, until it redirects back to the app. */
async function throughProvider(start: string, login: string): Promise<URL> {
  const jar: Jar = new Map();
  let url = new URL(start);
  let form: Record<string, string> | null = null;
  for (let step = 0; step < 12; step++) {
    const res: Response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    form = null;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.origin === APP) return next;
      url = next;
      continue;
    }
    const html: string = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    // The development login page (any password), then the consent page.
    form = html.includes('name="login"')
      ? { prompt: 'login', login, password: 'any' }
      : { prompt: 'consent' };
  }
  throw new Error('the provider never redirected back');
}

/** A person signs in with single sign-on: the session's claims, or the error code shown. */
async function ssoSignIn(login: string) {
  const jar: Jar = new Map();
  const csrf = await nextAuth(jar, 'GET', 'csrf');
  const { csrfToken } = csrf.body as { csrfToken: string };
  const start = await nextAuth(jar, 'POST', 'signin', 'oidc', {
    body: { csrfToken, callbackUrl: `${APP}/inbox`, json: 'true' },
  });
  expect(start.redirect).toMatch(new RegExp(`^${idp.issuer}/auth\\?`));
  const authorize = new URL(start.redirect!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${APP}/api/auth/callback/oidc`);
  const back = await throughProvider(start.redirect!, login);
  const done = await nextAuth(jar, 'GET', 'callback', 'oidc', {
    query: Object.fromEntries(back.searchParams),
  });
  const error = done.redirect ? new URL(done.redirect, APP).searchParams.get('error') : null;
  const cookie = jar.get('next-auth.session-token');
  const token = cookie ? await decode({ token: cookie, secret: SECRET }) : null;
  return { redirect: done.redirect, error, token };
}

const userByEmail = async (email: string) =>
  (await t.db.select().from(s.users).where(eq(s.users.email, email)))[0];
const groupKeysOf = async (userId: string) =>
  (
    await t.db
      .select({ key: s.groups.key, source: s.groupMemberships.source })
      .from(s.groupMemberships)
      .innerJoin(s.groups, eq(s.groups.id, s.groupMemberships.groupId))
      .where(eq(s.groupMemberships.userId, userId))
  )
    .map((r) => `${r.key}:${r.source}`)
    .sort();
const audited = async (action: string, entityId: string | null = null) =>
  (await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.action, action))).filter(
    (e) => entityId === null || e.entityId === entityId,
  );

describe('single sign-on through a real OpenID Connect provider', () => {
  it('binds an existing account by e-mail, keeps its role and manual groups, adds the mapped groups, and gives a normal session', async () => {
    const ann = (await userByEmail('adjuster@example.com'))!;
    const r = await ssoSignIn('adjuster-sub');
    expect(r.error).toBeNull();
    expect(r.redirect).toBe(`${APP}/inbox`);
    expect(r.token).toMatchObject({ uid: ann.id, role: 'adjuster', email: ann.email });
    // The session is loaded like a password sign-in's, with the groups the claim mapped.
    const actor = await loadSessionActor(t.db, {
      uid: r.token!.uid!,
      signedInAt: r.token!.signedInAt,
    });
    expect(actor?.role).toBe('adjuster');
    expect(await groupKeysOf(ann.id)).toEqual([
      'claims-adjusters:manual',
      'special-investigations:oidc',
    ]);
    const bound = (await userByEmail('adjuster@example.com'))!;
    expect(bound.oidcIssuer).toBe(idp.issuer);
    expect(bound.oidcSubject).toBe('adjuster-sub');
    expect(bound.name).toBe(ann.name); // the provider's name does not overwrite Handoff's
    expect(await audited('user.oidc_bound', ann.id)).toHaveLength(1);
    expect(await audited('user.groups_synced', ann.id)).toHaveLength(1);
    const signIns = await audited('auth.signed_in', ann.id);
    expect(signIns.at(-1)?.metadata).toMatchObject({ method: 'oidc', issuer: idp.issuer });
  });

  it('refuses an unknown person while creating accounts is off, in words on the sign-in page', async () => {
    const r = await ssoSignIn('new-person');
    expect(r.token).toBeNull();
    expect(r.error).toBe('Sso_unknown_person');
    expect(signInErrorMessage(r.error!)).toMatch(/no Handoff account for your e-mail/);
    expect(await userByEmail('new.person@example.com')).toBeUndefined();
    const refusals = await audited('auth.sign_in_failed');
    expect(refusals.at(-1)?.metadata).toMatchObject({
      method: 'oidc',
      reason: 'unknown_person',
      email: 'new.person@example.com',
    });
  });

  it('creates an unknown person with the default role when asked, with the mapped groups', async () => {
    configure({ HANDOFF_OIDC_CREATE_USERS: 'on', HANDOFF_OIDC_DEFAULT_ROLE: 'supervisor' });
    const r = await ssoSignIn('new-person');
    expect(r.error).toBeNull();
    const nia = (await userByEmail('new.person@example.com'))!;
    expect(nia).toMatchObject({ name: 'Nia New', role: 'supervisor', passwordHash: null });
    expect(r.token).toMatchObject({ uid: nia.id, role: 'supervisor' });
    expect(await groupKeysOf(nia.id)).toEqual(['claims-adjusters:oidc']);
    const created = await audited('user.created', nia.id);
    expect(created).toHaveLength(1);
    expect(created[0]!.actorLabel).toBe(`sso:${idp.issuer}`);
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const r = await ssoSignIn('unverified');
    expect(r.token).toBeNull();
    expect(r.error).toBe('Sso_email_unverified');
    expect((await userByEmail('intake@example.com'))!.oidcSubject).toBeNull();
  });

  it('refuses a deactivated account', async () => {
    await t.db
      .update(s.users)
      .set({ active: false })
      .where(eq(s.users.email, 'adjuster2@example.com'));
    const r = await ssoSignIn('deactivated-sub');
    expect(r.token).toBeNull();
    expect(r.error).toBe('Sso_inactive');
  });

  it('is offered only when configured; password sign-in stays unless turned off; bad settings stop the start', async () => {
    expect(authOptions.providers.map((p) => p.id)).toEqual(['credentials', 'oidc']);
    expect(signInMethods()).toEqual({ oidcName: 'Test IdP', password: true });
    configure({ HANDOFF_PASSWORD_SIGN_IN: 'off' });
    expect(signInMethods()).toEqual({ oidcName: 'Test IdP', password: false });
    const password = authOptions.providers[0] as unknown as { options: CredentialsConfig };
    await expect(
      password.options.authorize(
        { email: 'adjuster@example.com', password: 'handoff-demo' },
        { headers: {} },
      ),
    ).rejects.toThrow(PASSWORD_SIGN_IN_OFF);
    configure({
      HANDOFF_OIDC_ISSUER: '',
      HANDOFF_OIDC_CLIENT_ID: '',
      HANDOFF_OIDC_CLIENT_SECRET: '',
    });
    expect(authOptions.providers.map((p) => p.id)).toEqual(['credentials']);
    expect(signInMethods()).toEqual({ oidcName: null, password: true });
    const problems = (extra: Record<string, string>) => {
      configure(extra);
      return () => getEnv();
    };
    expect(problems({ HANDOFF_OIDC_CLIENT_SECRET: '' })).toThrow(
      /HANDOFF_OIDC_CLIENT_SECRET: is required when HANDOFF_OIDC_ISSUER is set/,
    );
    expect(
      problems({
        HANDOFF_OIDC_ISSUER: '',
        HANDOFF_OIDC_CLIENT_ID: '',
        HANDOFF_OIDC_CLIENT_SECRET: '',
        HANDOFF_PASSWORD_SIGN_IN: 'off',
      }),
    ).toThrow(/HANDOFF_PASSWORD_SIGN_IN: can be off only with single sign-on/);
    expect(problems({ HANDOFF_OIDC_DEFAULT_ROLE: 'admin' })).toThrow(
      /HANDOFF_OIDC_DEFAULT_ROLE: must be adjuster or supervisor/,
    );
    expect(problems({ HANDOFF_OIDC_GROUP_MAP: 'claims-team' })).toThrow(
      /HANDOFF_OIDC_GROUP_MAP: "claims-team" must be provider-group=handoff-group-key/,
    );
    expect(problems({ HANDOFF_OIDC_SCOPES: 'email profile' })).toThrow(/must include openid/);
  });
});

describe('signInWithOidc: crossing the lines', () => {
  const settings = (over: Partial<OidcSettings> = {}): OidcSettings => ({
    createUsers: false,
    defaultRole: 'adjuster',
    groupsClaim: 'groups',
    groupMap: [
      ['claims-team', 'claims-adjusters'],
      ['supervisors', 'claims-supervisors'],
      ['management', 'claims-management'],
    ],
    ...over,
  });
  const ISS = 'https://other-idp.example';
  const signIn = (claims: Record<string, unknown>, over: Partial<OidcSettings> = {}) =>
    signInWithOidc(
      t.db,
      { claims: { iss: ISS, ...claims }, ip: '127.0.0.1', settings: settings(over) },
      new Date(),
    );

  it('after binding, matches by subject: an e-mail changed at the provider cannot take over another account', async () => {
    const first = await signIn({ sub: 'senior-1', email: 'senior@example.com', groups: [] });
    expect(first.ok).toBe(true);
    // The same subject now claims the supervisor's address: still the senior adjuster's account.
    const moved = await signIn({ sub: 'senior-1', email: 'supervisor@example.com', groups: [] });
    expect(moved.ok && moved.user.email).toBe('senior@example.com');
    // Another subject with the senior's address is refused: that account is bound.
    const other = await signIn(
      { sub: 'intruder', email: 'senior@example.com' },
      { createUsers: true },
    );
    expect(other).toMatchObject({ ok: false, reason: 'bound_elsewhere' });
  });

  it('never makes anyone an admin from a claim: roles come from Handoff alone', async () => {
    const r = await signIn(
      {
        sub: 'wannabe',
        email: 'wannabe@example.com',
        role: 'admin',
        roles: ['admin'],
        groups: ['management', 'admin'],
      },
      { createUsers: true },
    );
    expect(r).toMatchObject({ ok: true, user: { role: 'adjuster' } });
    expect((await userByEmail('wannabe@example.com'))!.role).toBe('adjuster');
    const siu = await signIn({ sub: 'siu-1', email: 'siu@example.com', role: 'admin' });
    expect(siu).toMatchObject({ ok: true, user: { role: 'adjuster' } });
  });

  it('syncs only the memberships it made: manual ones stay when the claim drops them', async () => {
    const sup = (await userByEmail('supervisor@example.com'))!;
    // Manual: claims-supervisors (seed). The claim adds claims-adjusters, also lists supervisors.
    const a = await signIn({
      sub: 'sup-1',
      email: 'supervisor@example.com',
      groups: ['claims-team', 'supervisors'],
    });
    expect(a.ok).toBe(true);
    expect(await groupKeysOf(sup.id)).toEqual([
      'claims-adjusters:oidc',
      'claims-supervisors:manual',
    ]);
    // The claim drops both: the SSO-made membership goes, the manual one stays.
    const b = await signIn({ sub: 'sup-1', email: 'supervisor@example.com', groups: [] });
    expect(b.ok).toBe(true);
    expect(await groupKeysOf(sup.id)).toEqual(['claims-supervisors:manual']);
    const synced = await audited('user.groups_synced', sup.id);
    expect(synced.map((e) => e.after)).toEqual([
      { added: ['claims-adjusters'], removed: [] },
      { added: [], removed: ['claims-adjusters'] },
    ]);
  });

  it('refuses before any change when the account is deactivated, and audits the refusal', async () => {
    const ada = (await userByEmail('admin@example.com'))!;
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, ada.id));
    const r = await signIn({ sub: 'ada-1', email: 'admin@example.com', groups: ['claims-team'] });
    expect(r).toMatchObject({ ok: false, reason: 'inactive' });
    expect((await userByEmail('admin@example.com'))!.oidcSubject).toBeNull();
    expect(await groupKeysOf(ada.id)).toEqual(['claims-management:manual']);
    const refusal = (await audited('auth.sign_in_failed', ada.id)).at(-1);
    expect(refusal?.metadata).toMatchObject({
      method: 'oidc',
      reason: 'inactive',
      ip: '127.0.0.1',
    });
    await t.db.update(s.users).set({ active: true }).where(eq(s.users.id, ada.id));
  });

  it('refuses claims without a usable e-mail or subject', async () => {
    expect(await signIn({ sub: 'x', email_verified: true })).toMatchObject({ reason: 'no_email' });
    expect(await signIn({ email: 'x@example.com' })).toMatchObject({ reason: 'no_subject' });
    expect(
      await signIn(
        { sub: 'x', email: 'a@example.com', email_verified: false },
        { createUsers: true },
      ),
    ).toMatchObject({ reason: 'email_unverified' });
    expect(await userByEmail('a@example.com')).toBeUndefined();
  });

  it('refuses an e-mail that is not plain ASCII before matching: a KELVIN SIGN does not reach kevin@', async () => {
    const [kevin] = await t.db
      .insert(s.users)
      .values({ email: 'kevin@corp.com', name: 'Kevin', role: 'adjuster' })
      .returning();
    const r = await signIn(
      { sub: 'kelvin-1', email: '\u212Aevin@corp.com', groups: ['claims-team'] },
      { createUsers: true },
    );
    expect(r).toMatchObject({ ok: false, reason: 'email_not_ascii' });
    expect(!r.ok && r.message).toMatch(/plain ASCII/);
    expect(signInErrorMessage('Sso_email_not_ascii')).toMatch(/plain ASCII/);
    const after = (await userByEmail('kevin@corp.com'))!;
    expect(after.oidcSubject).toBeNull();
    expect(await groupKeysOf(kevin!.id)).toEqual([]);
    const refusal = (await audited('auth.sign_in_failed')).at(-1);
    expect(refusal?.entityId).toBeNull();
    expect(refusal?.metadata).toMatchObject({
      method: 'oidc',
      reason: 'email_not_ascii',
      email: '\\u212Aevin@corp.com',
      subject: 'kelvin-1',
    });
    // The same person with the plain address binds as usual (ASCII letters fold, A-Z only).
    const plain = await signIn({ sub: 'kelvin-1', email: 'KEVIN@corp.com', groups: [] });
    expect(plain.ok && plain.user.id).toBe(kevin!.id);
  });

  it('matches a stored address only under ASCII-only folding', async () => {
    // An account whose stored address holds a KELVIN SIGN is not "kate@corp.com".
    await t.db
      .insert(s.users)
      .values({ email: '\u212Aate@corp.com', name: 'Kate K', role: 'adjuster' });
    const r = await signIn({ sub: 'kate-1', email: 'kate@corp.com', groups: [] });
    expect(r).toMatchObject({ ok: false, reason: 'unknown_person' });
    expect(await getUserByEmailForUpdate(t.db, 'kate@corp.com')).toBeNull();
    expect(await getUserByEmailForUpdate(t.db, '\u212Aate@corp.com')).toBeNull();
  });

  it('keeps the memberships it made when the groups claim is absent or moved out (overage)', async () => {
    const intake = (await userByEmail('intake@example.com'))!;
    const first = await signIn({
      sub: 'intake-1',
      email: 'intake@example.com',
      groups: ['claims-team'],
    });
    expect(first.ok).toBe(true);
    const held = await groupKeysOf(intake.id);
    expect(held).toContain('claims-adjusters:oidc');
    // No groups claim at all: nothing removed, the skipped sync audited.
    expect((await signIn({ sub: 'intake-1', email: 'intake@example.com' })).ok).toBe(true);
    expect(await groupKeysOf(intake.id)).toEqual(held);
    // Entra ID "groups overage": _claim_names.groups instead of groups.
    const overage = await signIn({
      sub: 'intake-1',
      email: 'intake@example.com',
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph.example/getMemberObjects' } },
    });
    expect(overage.ok).toBe(true);
    expect(await groupKeysOf(intake.id)).toEqual(held);
    const skipped = await audited('user.groups_sync_skipped', intake.id);
    expect(skipped.map((e) => e.metadata)).toEqual([
      { reason: 'absent', issuer: ISS },
      { reason: 'overage', issuer: ISS },
    ]);
    expect(skipped[1]!.summary).toMatch(/overage/);
    // Present and empty still means "no groups": the SSO-made membership goes.
    expect((await signIn({ sub: 'intake-1', email: 'intake@example.com', groups: [] })).ok).toBe(
      true,
    );
    expect(await groupKeysOf(intake.id)).not.toContain('claims-adjusters:oidc');
  });

  it('two first sign-ins of one new person at once make one account', async () => {
    const claims = { sub: 'twin', email: 'twin@example.com', groups: ['claims-team'] };
    const [a, b] = await Promise.all([
      signIn(claims, { createUsers: true }),
      signIn(claims, { createUsers: true }),
    ]);
    expect([a, b].map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['ok', 'ok']);
    expect(a.ok && b.ok && a.user.id === b.user.id).toBe(true);
    const rows = await t.db.select().from(s.users).where(eq(s.users.email, 'twin@example.com'));
    expect(rows).toHaveLength(1);
    expect(await audited('user.created', rows[0]!.id)).toHaveLength(1);
    const memberships = await t.db
      .select()
      .from(s.groupMemberships)
      .where(
        and(eq(s.groupMemberships.userId, rows[0]!.id), eq(s.groupMemberships.source, 'oidc')),
      );
    expect(memberships).toHaveLength(1);
  });
});
