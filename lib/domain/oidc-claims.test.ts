import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  asciiLower,
  decideOidcAccount,
  OIDC_REFUSAL_MESSAGES,
  readProviderGroups,
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
        groupsMissing: null,
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

  it('refuses an e-mail that is not plain ASCII, before any case folding (KELVIN SIGN is not K)', () => {
    expect('\u212Aevin@corp.com'.toLowerCase()).toBe('kevin@corp.com'); // the trap
    expect(readOidcIdentity({ ...base, email: '\u212Aevin@corp.com' }, 'groups')).toEqual({
      ok: false,
      reason: 'email_not_ascii',
      email: '\\u212Aevin@corp.com',
    });
    for (const email of ['p\u0130t@example.com', 'pät@example.com', 'pat@exa\ud800mple.com'])
      expect(readOidcIdentity({ ...base, email }, 'groups')).toMatchObject({
        ok: false,
        reason: 'email_not_ascii',
      });
    expect(OIDC_REFUSAL_MESSAGES.email_not_ascii).toMatch(/plain ASCII/);
    const ok = readOidcIdentity({ ...base, email: 'Pat.O-Brien+X@Example.COM' }, 'groups');
    expect(ok.ok && ok.identity.email).toBe('pat.o-brien+x@example.com');
  });

  it('lower-cases ASCII letters only', () => {
    expect(asciiLower('AbC-Z@\u212A\u0130')).toBe('abc-z@\u212A\u0130');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = asciiLower(s);
        expect(out.length).toBe(s.length);
        for (let i = 0; i < s.length; i++) {
          const c = s[i]!;
          expect(out[i]).toBe(c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);
        }
      }),
    );
  });

  it('tells an absent groups claim and an overage from an empty one', () => {
    const r = readOidcIdentity(base, 'groups');
    expect(r.ok && [r.identity.providerGroups, r.identity.groupsMissing]).toEqual([null, 'absent']);
    const o = readOidcIdentity(
      { ...base, _claim_names: { groups: 'src1' }, _claim_sources: { src1: {} } },
      'groups',
    );
    expect(o.ok && [o.identity.providerGroups, o.identity.groupsMissing]).toEqual([
      null,
      'overage',
    ]);
    const e = readOidcIdentity({ ...base, groups: [] }, 'groups');
    expect(e.ok && [e.identity.providerGroups, e.identity.groupsMissing]).toEqual([[], null]);
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
    expect(providerGroupsOf({}, 'groups')).toBeNull();
    expect(providerGroupsOf({ groups: null }, 'groups')).toBeNull();
    expect(providerGroupsOf({ realm_access: {} }, 'realm_access.roles')).toBeNull();
    expect(readProviderGroups({ _claim_names: { groups: 's' } }, 'groups')).toEqual({
      ok: false,
      missing: 'overage',
    });
    expect(readProviderGroups({}, 'groups')).toEqual({ ok: false, missing: 'absent' });
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
  it('an account found by e-mail already bound to this very identity is its own (a concurrent first sign-in bound it)', () => {
    const bound = account({ oidcIssuer: 'i', oidcSubject: 's' });
    const identity = { issuer: 'i', subject: 's' };
    expect(
      decideOidcAccount({ byIdentity: null, byEmail: bound, createUsers: false, identity }),
    ).toEqual({ kind: 'sign_in', account: bound, bind: false });
    for (const other of [
      { issuer: 'i', subject: 'x' },
      { issuer: 'j', subject: 's' },
    ])
      expect(
        decideOidcAccount({ byIdentity: null, byEmail: bound, createUsers: true, identity: other }),
      ).toMatchObject({ kind: 'refuse', reason: 'bound_elsewhere' });
  });

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
