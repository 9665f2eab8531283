import type { DbOrTx } from '../../db/client';
import type { UserRole } from '../../db/schema/enum-values';
import { recordAudit, type AuditActor } from '../data/audit';
import { isUniqueViolation } from '../data/errors';
import { getGroupRefsByIds } from '../data/groups';
import {
  addOidcMemberships,
  getGroupRefsByKeys,
  listMembershipsOf,
  removeOidcMemberships,
} from '../data/oidc-memberships';
import {
  bindOidcIdentity,
  getUserByEmailForUpdate,
  getUserByOidcIdentityForUpdate,
  insertOidcUser,
} from '../data/users';
import {
  decideOidcAccount,
  mapProviderGroups,
  OIDC_REFUSAL_MESSAGES,
  planOidcMembershipSync,
  readOidcIdentity,
  type OidcGroupMap,
  type OidcIdentity,
  type OidcRefusal,
} from '../domain/oidc-claims';

export type OidcSettings = {
  createUsers: boolean;
  defaultRole: 'adjuster' | 'supervisor';
  groupsClaim: string;
  groupMap: OidcGroupMap;
};

export type OidcSignInResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string; role: UserRole };
      created: boolean;
    }
  | { ok: false; reason: OidcRefusal; message: string };

type Account = Awaited<ReturnType<typeof getUserByEmailForUpdate>> & {};

/**
 * A person the OpenID Connect provider has authenticated (the ID token's claims, verified by
 * next-auth: signature, issuer, audience, nonce) signs in to their Handoff account:
 * 1. the claims must name a subject and an e-mail the provider has verified;
 * 2. the account bound to issuer + subject, else the unbound account with that e-mail (which is
 *    then bound), else — when `createUsers` — a new account with the default role (never admin:
 *    no claim ever sets a role); deactivated accounts are refused;
 * 3. the memberships single sign-on made follow the groups claim (manual ones stay); when the
 *    claim is absent, or moved elsewhere (Entra ID "groups overage"), they are kept as they are
 *    and the skipped sync is audited — absent is not "no groups".
 * Each outcome is audited like a password sign-in, in the transaction that made the changes.
 * `ip` is the client address when the server established it (null: recorded as unknown).
 */
export async function signInWithOidc(
  db: DbOrTx,
  input: { claims: Record<string, unknown>; ip: string | null; settings: OidcSettings },
  now: Date,
): Promise<OidcSignInResult> {
  const ip = input.ip ?? 'unknown';
  const read = readOidcIdentity(input.claims, input.settings.groupsClaim);
  if (!read.ok) {
    await recordAudit(
      db,
      { kind: 'anonymous', label: `anonymous:${ip}` },
      refusalEvent(read, ip, input.claims, null, now),
    );
    return refuse(read.reason);
  }
  // Two first sign-ins of the same person at once: the loser of the unique e-mail/identity race
  // finds the winner's account on its second pass.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => signInOnce(tx, read.identity, input.settings, ip, now));
    } catch (e) {
      if (attempt < 2 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

async function signInOnce(
  tx: DbOrTx,
  identity: OidcIdentity,
  settings: OidcSettings,
  ip: string,
  now: Date,
): Promise<OidcSignInResult> {
  const byIdentity = await getUserByOidcIdentityForUpdate(tx, identity.issuer, identity.subject);
  const byEmail = byIdentity ? null : await getUserByEmailForUpdate(tx, identity.email);
  const decision = decideOidcAccount({
    byIdentity,
    byEmail,
    createUsers: settings.createUsers,
    identity,
  });
  if (decision.kind === 'refuse') {
    await recordAudit(
      tx,
      { kind: 'anonymous', label: `anonymous:${ip}` },
      refusalEvent(
        { reason: decision.reason, email: identity.email },
        ip,
        { iss: identity.issuer, sub: identity.subject },
        decision.account?.id ?? null,
        now,
      ),
    );
    return refuse(decision.reason);
  }

  let account: Account;
  const created = decision.kind === 'create';
  if (decision.kind === 'create') {
    account = await insertOidcUser(tx, {
      email: identity.email,
      name: identity.name,
      role: settings.defaultRole,
      issuer: identity.issuer,
      subject: identity.subject,
      now,
    });
    await recordAudit(tx, ssoActor(identity), {
      action: 'user.created',
      entityType: 'user',
      entityId: account.id,
      summary: `User ${account.name} (${account.email}) created as ${account.role} at their first single sign-on`,
      after: { name: account.name, email: account.email, role: account.role, active: true },
      metadata: { method: 'oidc', issuer: identity.issuer, subject: identity.subject },
      occurredAt: now,
    });
  } else {
    account = decision.account as Account;
    if (decision.bind) {
      await bindOidcIdentity(tx, account.id, identity, now);
      await recordAudit(tx, ssoActor(identity), {
        action: 'user.oidc_bound',
        entityType: 'user',
        entityId: account.id,
        summary: `Single sign-on identity bound to ${account.email} at its first sign-in`,
        before: { oidcIssuer: null, oidcSubject: null },
        after: { oidcIssuer: identity.issuer, oidcSubject: identity.subject },
        occurredAt: now,
      });
    }
  }

  const user = { id: account.id, email: account.email, name: account.name, role: account.role };
  await syncGroups(tx, user, identity, settings.groupMap, now);
  await recordAudit(
    tx,
    { kind: 'user', ...user, groupIds: [], supervisedGroupIds: [] },
    {
      action: 'auth.signed_in',
      entityType: 'user',
      entityId: user.id,
      summary: `Signed in with single sign-on from ${ip}`,
      metadata: { ip, method: 'oidc', issuer: identity.issuer },
      occurredAt: now,
    },
  );
  return { ok: true, user, created };
}

/** The memberships single sign-on made follow the mapped groups claim; audited when changed. */
async function syncGroups(
  tx: DbOrTx,
  user: { id: string; email: string; name: string; role: UserRole },
  identity: OidcIdentity,
  groupMap: OidcGroupMap,
  now: Date,
) {
  if (identity.providerGroups === null) {
    const why = identity.groupsMissing ?? 'absent';
    console.warn(
      `[sso] groups claim ${why === 'overage' ? 'moved out of the token (overage)' : 'missing'} for ${user.email}; memberships kept`,
    );
    await recordAudit(tx, ssoActor(identity), {
      action: 'user.groups_sync_skipped',
      entityType: 'user',
      entityId: user.id,
      summary:
        why === 'overage'
          ? `Groups of ${user.email} not synced: the provider sent too many groups to fit in the token (groups overage); memberships kept`
          : `Groups of ${user.email} not synced: the ID token had no groups claim; memberships kept`,
      metadata: { reason: why, issuer: identity.issuer },
      occurredAt: now,
    });
    return;
  }
  const keys = mapProviderGroups(identity.providerGroups, groupMap);
  const groups = await getGroupRefsByKeys(tx, keys);
  const current = await listMembershipsOf(tx, user.id);
  const plan = planOidcMembershipSync(
    current,
    groups.map((g) => g.id),
  );
  if (!plan.add.length && !plan.remove.length) return;
  await addOidcMemberships(tx, user.id, plan.add, now);
  await removeOidcMemberships(tx, user.id, plan.remove);
  const removed = await getGroupRefsByIds(tx, plan.remove);
  const keyOf = (id: string) => groups.find((g) => g.id === id)?.key ?? id;
  await recordAudit(tx, ssoActor(identity), {
    action: 'user.groups_synced',
    entityType: 'user',
    entityId: user.id,
    summary: `Groups of ${user.email} from single sign-on: ${[
      ...plan.add.map((id) => `+${keyOf(id)}`),
      ...removed.map((g) => `-${g.key}`),
    ].join(' ')}`,
    before: { oidcGroups: current.filter((m) => m.source === 'oidc').length },
    after: { added: plan.add.map(keyOf), removed: removed.map((g) => g.key) },
    metadata: {
      providerGroups: identity.providerGroups.slice(0, 100),
      unknownGroupKeys: keys.filter((k) => !groups.some((g) => g.key === k)),
    },
    occurredAt: now,
  });
}

/** Changes single sign-on makes on its own are attributed to the provider that vouched. */
const ssoActor = (identity: OidcIdentity): AuditActor => ({
  kind: 'anonymous',
  label: `sso:${identity.issuer}`,
});

const refuse = (reason: OidcRefusal): OidcSignInResult => ({
  ok: false,
  reason,
  message: OIDC_REFUSAL_MESSAGES[reason],
});

function refusalEvent(
  refusal: { reason: OidcRefusal; email: string | null },
  ip: string,
  claims: Record<string, unknown>,
  userId: string | null,
  now: Date,
) {
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 255) : null);
  return {
    action: 'auth.sign_in_failed',
    entityType: 'user',
    entityId: userId,
    summary: `Single sign-on refused (${refusal.reason}) from ${ip}`,
    metadata: {
      ip,
      method: 'oidc',
      reason: refusal.reason,
      email: refusal.email,
      issuer: text(claims.iss),
      subject: text(claims.sub),
    },
    occurredAt: now,
  };
}
