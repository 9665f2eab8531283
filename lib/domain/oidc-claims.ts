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

/** The provider's groups: an array of strings, or one string; anything else is no groups. */
export function providerGroupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claimAt(claims, claim);
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return [...new Set(list.filter((g): g is string => typeof g === 'string' && g.length > 0))];
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
  providerGroups: string[];
};

export type OidcRefusal =
  | 'no_subject'
  | 'no_email'
  | 'email_unverified'
  | 'unknown_person'
  | 'inactive'
  | 'bound_elsewhere';

/** Words for each refusal; the sign-in page shows them (lib/auth/oidc-errors.ts maps the codes). */
export const OIDC_REFUSAL_MESSAGES: Record<OidcRefusal, string> = {
  no_subject: 'The sign-in provider sent no user identifier. Tell an administrator.',
  no_email:
    'The sign-in provider sent no e-mail address. Tell an administrator (the "email" scope may be missing).',
  email_unverified:
    'Your e-mail address is not verified at the sign-in provider. Verify it there, then sign in again.',
  unknown_person:
    'There is no Handoff account for your e-mail address. Ask an administrator to create one.',
  inactive: 'This account is deactivated. Ask an admin to reactivate it.',
  bound_elsewhere:
    'Your e-mail address belongs to a Handoff account linked to another single sign-on identity. Ask an administrator.',
};

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
  const email = rawEmail && rawEmail.length <= MAX_EMAIL ? rawEmail.toLowerCase() : null;
  if (!issuer || !subject || subject.length > 255)
    return { ok: false, reason: 'no_subject', email };
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) return { ok: false, reason: 'no_email', email };
  const verified = claims.email_verified;
  if (verified !== undefined && verified !== true && verified !== 'true')
    return { ok: false, reason: 'email_unverified', email };
  const name = (textClaim(claims.name) ?? email).slice(0, 200);
  return {
    ok: true,
    identity: {
      issuer,
      subject,
      email,
      name,
      providerGroups: providerGroupsOf(claims, groupsClaim),
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
}): OidcAccountDecision {
  const { byIdentity, byEmail } = input;
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
