/**
 * Single sign-on decisions, pure: what an ID token's claims say about a person, which Handoff
 * groups the provider's groups map to, which account the sign-in belongs to, and which group
 * memberships to add or remove. The use-case (lib/use-cases/sign-in-with-oidc.ts) loads and writes.
 */

/** A Handoff group key as the admin screens accept it. */
const GROUP_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longest e-mail address stored (RFC 5321's path limit). */
const MAX_EMAIL = 254;

export type OidcGroupMap = ReadonlyArray<readonly [providerGroup: string, groupKey: string]>;

/**
 * "claims-team=claims-adjusters, Motor Claims=motor" → pairs. A provider group may map to
 * several Handoff groups (one entry each). Provider group names may hold spaces, not "=" or ",".
 */
export function parseOidcGroupMap(
  text: string,
): { ok: true; map: OidcGroupMap } | { ok: false; message: string } {
  const pairs: Array<readonly [string, string]> = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const from = eq > 0 ? entry.slice(0, eq).trim() : '';
    const to = eq > 0 ? entry.slice(eq + 1).trim() : '';
    if (!from || !to)
      return { ok: false, message: `"${entry}" must be provider-group=handoff-group-key` };
    if (!GROUP_KEY.test(to))
      return {
        ok: false,
        message: `"${to}" is not a Handoff group key (lower-case letters, digits and single dashes)`,
      };
    pairs.push([from, to] as const);
  }
  return { ok: true, map: pairs };
}

/** The value at a dotted path ("realm_access.roles"), or the claim named exactly so. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let at: unknown = claims;
  for (const part of path.split('.')) {
    if (!at || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** Why the groups claim said nothing: not sent at all, or sent elsewhere (overage). */
export type OidcGroupsMissing = 'absent' | 'overage';

/**
 * The provider's groups: an array of strings, or one string; a present claim of any other shape
 * is no groups. `null` when the claim says nothing — it is absent (undefined or null), or the
 * provider moved it elsewhere because there were too many (Entra ID's "groups overage": the
 * token carries `_claim_names.groups` instead of `groups`). Absent is not empty: a sync on
 * "absent" would remove every membership single sign-on made.
 */
export function readProviderGroups(
  claims: Record<string, unknown>,
  claim: string,
): { ok: true; groups: string[] } | { ok: false; missing: OidcGroupsMissing } {
  const names = claims._claim_names;
  if (names && typeof names === 'object' && !Array.isArray(names)) {
    const top = claim.split('.')[0]!;
    if (Object.hasOwn(names, claim) || Object.hasOwn(names, top))
      return { ok: false, missing: 'overage' };
  }
  const value = claimAt(claims, claim);
  if (value === undefined || value === null) return { ok: false, missing: 'absent' };
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return {
    ok: true,
    groups: [...new Set(list.filter((g): g is string => typeof g === 'string' && g.length > 0))],
  };
}

/** The provider's groups, or null when the claim says nothing (see readProviderGroups). */
export function providerGroupsOf(claims: Record<string, unknown>, claim: string): string[] | null {
  const read = readProviderGroups(claims, claim);
  return read.ok ? read.groups : null;
}

/** Handoff group keys the provider's groups map to (sorted, unique); unmapped groups are ignored. */
export function mapProviderGroups(providerGroups: readonly string[], map: OidcGroupMap): string[] {
  const held = new Set(providerGroups);
  return [...new Set(map.filter(([from]) => held.has(from)).map(([, to]) => to))].sort();
}

export type OidcIdentity = {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  /** null: the groups claim said nothing (`groupsMissing` says why); memberships are kept. */
  providerGroups: string[] | null;
  groupsMissing: OidcGroupsMissing | null;
};

export type OidcRefusal =
  | 'no_subject'
  | 'no_email'
  | 'email_not_ascii'
  | 'email_unverified'
  | 'unknown_person'
  | 'inactive'
  | 'bound_elsewhere';

/** Words for each refusal; the sign-in page shows them (lib/auth/oidc-errors.ts maps the codes). */
export const OIDC_REFUSAL_MESSAGES: Record<OidcRefusal, string> = {
  no_subject: 'The sign-in provider sent no user identifier. Tell an administrator.',
  no_email:
    'The sign-in provider sent no e-mail address. Tell an administrator (the "email" scope may be missing).',
  email_not_ascii:
    'The sign-in provider sent an e-mail address with characters other than plain ASCII letters, digits and punctuation. Handoff accepts only plain ASCII addresses; ask an administrator.',
  email_unverified:
    'Your e-mail address is not verified at the sign-in provider. Verify it there, then sign in again.',
  unknown_person:
    'There is no Handoff account for your e-mail address. Ask an administrator to create one.',
  inactive: 'This account is deactivated. Ask an admin to reactivate it.',
  bound_elsewhere:
    'Your e-mail address belongs to a Handoff account linked to another single sign-on identity. Ask an administrator.',
};

/** Printable ASCII, no spaces: the only characters an e-mail from an ID token may hold. */
const PLAIN_ASCII = /^[\x21-\x7e]+$/;

/** Lower-cases the ASCII letters A-Z and nothing else (no Unicode case folding). */
export const asciiLower = (s: string): string =>
  s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

/** "\u212Aevin@corp.com" as printable ASCII for the audit (lone surrogates cannot go in jsonb). */
export const escapeNonAscii = (s: string): string =>
  s.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );

const textClaim = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() && !/[\u0000-\u001f]/.test(v) ? v.trim() : null;

/**
 * The person an ID token names. The e-mail must be verified when the provider says whether it
 * is (`email_verified`; some send it as the string "true"); providers that never send it (Entra
 * ID) are trusted for the addresses they issue.
 */
export function readOidcIdentity(
  claims: Record<string, unknown>,
  groupsClaim: string,
): { ok: true; identity: OidcIdentity } | { ok: false; reason: OidcRefusal; email: string | null } {
  const issuer = textClaim(claims.iss);
  const subject = textClaim(claims.sub);
  const rawEmail = textClaim(claims.email);
  const fits = rawEmail !== null && rawEmail.length <= MAX_EMAIL;
  // Plain ASCII only, before any matching: Unicode case folding maps other characters onto ASCII
  // letters ("\u212A" KELVIN SIGN lowercases to "k"), which would match someone else's account.
  const ascii = fits && PLAIN_ASCII.test(rawEmail);
  const email = ascii ? asciiLower(rawEmail) : null;
  if (!issuer || !subject || subject.length > 255)
    return { ok: false, reason: 'no_subject', email: email ?? (fits ? rawEmail : null) };
  if (fits && !ascii)
    return { ok: false, reason: 'email_not_ascii', email: escapeNonAscii(rawEmail) };
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) return { ok: false, reason: 'no_email', email };
  const verified = claims.email_verified;
  if (verified !== undefined && verified !== true && verified !== 'true')
    return { ok: false, reason: 'email_unverified', email };
  const name = (textClaim(claims.name) ?? email).slice(0, 200);
  const groups = readProviderGroups(claims, groupsClaim);
  return {
    ok: true,
    identity: {
      issuer,
      subject,
      email,
      name,
      providerGroups: groups.ok ? groups.groups : null,
      groupsMissing: groups.ok ? null : groups.missing,
    },
  };
}

export type OidcAccount = {
  id: string;
  active: boolean;
  oidcIssuer: string | null;
  oidcSubject: string | null;
};

export type OidcAccountDecision =
  | { kind: 'sign_in'; account: OidcAccount; bind: boolean }
  | { kind: 'create' }
  | { kind: 'refuse'; reason: OidcRefusal; account: OidcAccount | null };

/**
 * Which account a verified identity signs in to. The identity bound at the first sign-in wins;
 * otherwise the e-mail matches an account not yet bound to any identity (which it then binds),
 * so an address changed at the provider cannot take over someone else's account. Unknown people
 * get an account only when `createUsers`.
 */
export function decideOidcAccount(input: {
  byIdentity: OidcAccount | null;
  byEmail: OidcAccount | null;
  createUsers: boolean;
  /** The identity signing in: an account found by e-mail already bound to it is its own. */
  identity?: { issuer: string; subject: string };
}): OidcAccountDecision {
  const { byEmail, identity } = input;
  // A concurrent first sign-in of the same person may bind the account between the two lookups
  // (each statement sees the latest commit): found by e-mail, bound to this very identity.
  const sameIdentity =
    byEmail !== null &&
    identity !== undefined &&
    byEmail.oidcIssuer === identity.issuer &&
    byEmail.oidcSubject === identity.subject;
  const byIdentity = input.byIdentity ?? (sameIdentity ? byEmail : null);
  if (byIdentity)
    return byIdentity.active
      ? { kind: 'sign_in', account: byIdentity, bind: false }
      : { kind: 'refuse', reason: 'inactive', account: byIdentity };
  if (byEmail) {
    if (byEmail.oidcSubject !== null)
      return { kind: 'refuse', reason: 'bound_elsewhere', account: byEmail };
    return byEmail.active
      ? { kind: 'sign_in', account: byEmail, bind: true }
      : { kind: 'refuse', reason: 'inactive', account: byEmail };
  }
  return input.createUsers
    ? { kind: 'create' }
    : { kind: 'refuse', reason: 'unknown_person', account: null };
}

export type Membership = { groupId: string; source: string };

/**
 * Brings the memberships single sign-on made in line with the groups the provider says: adds the
 * missing ones, removes its own that the provider no longer lists. An admin's manual memberships
 * are never touched (a group held manually and by the claim stays manual).
 */
export function planOidcMembershipSync(
  current: readonly Membership[],
  desiredGroupIds: readonly string[],
): { add: string[]; remove: string[] } {
  const desired = new Set(desiredGroupIds);
  const held = new Set(current.map((m) => m.groupId));
  return {
    add: [...desired].filter((id) => !held.has(id)).sort(),
    remove: current
      .filter((m) => m.source === 'oidc' && !desired.has(m.groupId))
      .map((m) => m.groupId)
      .sort(),
  };
}
