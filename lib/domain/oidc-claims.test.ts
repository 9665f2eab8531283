import { describe, expect, it } from 'vitest';
import {
  decideOidcAccount,
  mapProviderGroups,
  parseOidcGroupMap,
  planOidcMembershipSync,
  providerGroupsOf,
  readOidcIdentity,
  type OidcAccount,
} from './oidc-claims';

const base = { iss: 'https://idp.example', sub: 'abc-123', email: 'Pat@Example.com', name: 'Pat' };

describe('readOidcIdentity', () => {
  it('reads issuer, subject, lower-cased e-mail, name and groups', () => {
    expect(
      readOidcIdentity({ ...base, email_verified: true, groups: ['a', 'b'] }, 'groups'),
    ).toEqual({
      ok: true,
      identity: {
        issuer: 'https://idp.example',
        subject: 'abc-123',
        email: 'pat@example.com',
        name: 'Pat',
        providerGroups: ['a', 'b'],
      },
    });
  });

  it('refuses an e-mail the provider says is unverified (boolean or string), accepts one it says nothing about', () => {
    expect(readOidcIdentity({ ...base, email_verified: false }, 'groups')).toMatchObject({
      ok: false,
      reason: 'email_unverified',
    });
    expect(readOidcIdentity({ ...base, email_verified: 'false' }, 'groups')).toMatchObject({
      ok: false,
      reason: 'email_unverified',
    });
    expect(readOidcIdentity({ ...base, email_verified: 'true' }, 'groups').ok).toBe(true);
    expect(readOidcIdentity(base, 'groups').ok).toBe(true);
  });

  it('refuses claims without subject or usable e-mail', () => {
    expect(readOidcIdentity({ ...base, sub: '' }, 'groups')).toMatchObject({
      reason: 'no_subject',
    });
    expect(readOidcIdentity({ ...base, sub: 42 }, 'groups')).toMatchObject({
      reason: 'no_subject',
    });
    expect(readOidcIdentity({ ...base, email: undefined }, 'groups')).toMatchObject({
      reason: 'no_email',
    });
    expect(readOidcIdentity({ ...base, email: 'not-an-address' }, 'groups')).toMatchObject({
      reason: 'no_email',
    });
    expect(readOidcIdentity({ ...base, email: 'a\u0000b@example.com' }, 'groups')).toMatchObject({
      reason: 'no_email',
    });
    expect(
      readOidcIdentity({ ...base, email: `${'a'.repeat(260)}@x.com` }, 'groups'),
    ).toMatchObject({
      reason: 'no_email',
    });
  });

  it('falls back to the e-mail for a missing name', () => {
    const r = readOidcIdentity({ ...base, name: '  ' }, 'groups');
    expect(r.ok && r.identity.name).toBe('pat@example.com');
  });
});

describe('providerGroupsOf', () => {
  it('reads an array, a single string, or a dotted path; ignores anything else', () => {
    expect(providerGroupsOf({ groups: ['x', 'x', 3, '', 'y'] }, 'groups')).toEqual(['x', 'y']);
    expect(providerGroupsOf({ groups: 'solo' }, 'groups')).toEqual(['solo']);
    expect(providerGroupsOf({ realm_access: { roles: ['r1'] } }, 'realm_access.roles')).toEqual([
      'r1',
    ]);
    expect(providerGroupsOf({ groups: { a: 1 } }, 'groups')).toEqual([]);
    expect(providerGroupsOf({}, 'groups')).toEqual([]);
  });
});

describe('parseOidcGroupMap and mapProviderGroups', () => {
  it('parses pairs (spaces around names allowed) and maps only listed groups', () => {
    const parsed = parseOidcGroupMap(
      ' claims-team = claims-adjusters, Motor Claims=claims-intake,,',
    );
    expect(parsed).toEqual({
      ok: true,
      map: [
        ['claims-team', 'claims-adjusters'],
        ['Motor Claims', 'claims-intake'],
      ],
    });
    if (!parsed.ok) return;
    expect(mapProviderGroups(['Motor Claims', 'claims-team', 'unmapped'], parsed.map)).toEqual([
      'claims-adjusters',
      'claims-intake',
    ]);
    expect(mapProviderGroups(['unmapped'], parsed.map)).toEqual([]);
  });

  it('rejects entries without "=" or with a key Handoff cannot have', () => {
    expect(parseOidcGroupMap('claims-team')).toMatchObject({ ok: false });
    expect(parseOidcGroupMap('=claims')).toMatchObject({ ok: false });
    expect(parseOidcGroupMap('team=Claims Adjusters')).toMatchObject({ ok: false });
    expect(parseOidcGroupMap('')).toEqual({ ok: true, map: [] });
  });
});

const account = (over: Partial<OidcAccount> = {}): OidcAccount => ({
  id: 'u1',
  active: true,
  oidcIssuer: null,
  oidcSubject: null,
  ...over,
});

describe('decideOidcAccount', () => {
  it('signs in the account bound to the identity, refusing it when deactivated', () => {
    const bound = account({ oidcIssuer: 'i', oidcSubject: 's' });
    expect(decideOidcAccount({ byIdentity: bound, byEmail: null, createUsers: false })).toEqual({
      kind: 'sign_in',
      account: bound,
      bind: false,
    });
    expect(
      decideOidcAccount({
        byIdentity: { ...bound, active: false },
        byEmail: null,
        createUsers: true,
      }),
    ).toMatchObject({ kind: 'refuse', reason: 'inactive' });
  });

  it('binds an unbound account found by e-mail; refuses one bound to another identity', () => {
    expect(
      decideOidcAccount({ byIdentity: null, byEmail: account(), createUsers: false }),
    ).toMatchObject({ kind: 'sign_in', bind: true });
    expect(
      decideOidcAccount({
        byIdentity: null,
        byEmail: account({ oidcIssuer: 'i', oidcSubject: 'other' }),
        createUsers: true,
      }),
    ).toMatchObject({ kind: 'refuse', reason: 'bound_elsewhere' });
    expect(
      decideOidcAccount({
        byIdentity: null,
        byEmail: account({ active: false }),
        createUsers: true,
      }),
    ).toMatchObject({ kind: 'refuse', reason: 'inactive' });
  });

  it('creates unknown people only when asked to', () => {
    expect(decideOidcAccount({ byIdentity: null, byEmail: null, createUsers: true })).toEqual({
      kind: 'create',
    });
    expect(
      decideOidcAccount({ byIdentity: null, byEmail: null, createUsers: false }),
    ).toMatchObject({
      kind: 'refuse',
      reason: 'unknown_person',
    });
  });
});

describe('planOidcMembershipSync', () => {
  it('adds missing groups, removes only its own stale ones, leaves manual ones alone', () => {
    const current = [
      { groupId: 'manual-kept', source: 'manual' },
      { groupId: 'manual-also-claimed', source: 'manual' },
      { groupId: 'oidc-stale', source: 'oidc' },
      { groupId: 'oidc-kept', source: 'oidc' },
    ];
    expect(planOidcMembershipSync(current, ['manual-also-claimed', 'oidc-kept', 'new'])).toEqual({
      add: ['new'],
      remove: ['oidc-stale'],
    });
    expect(planOidcMembershipSync(current, [])).toEqual({
      add: [],
      remove: ['oidc-kept', 'oidc-stale'],
    });
  });
});
