import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, users } from '../../db/schema';
import type { UserActor } from '../domain/permissions';
import { isUuid } from '../validation';

export async function getUserByEmail(db: DbOrTx, email: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return u ?? null;
}

/** The acting user with memberships and supervised groups, fresh from the database; null when missing or inactive. */
export async function loadUserActor(db: DbOrTx, userId: string): Promise<UserActor | null> {
  return loadActor(db, userId, null);
}

/**
 * The person a session cookie names, like loadUserActor, and also null when the session was
 * signed in before their password last changed (their own change or an admin's reset):
 * `signedInAt` is the sign-in time the session carries (ms); a session without one predates
 * it and ends at the first password change.
 */
export async function loadSessionActor(
  db: DbOrTx,
  session: { uid: string; signedInAt?: number | null },
): Promise<UserActor | null> {
  // A cookie signed with the right secret but carrying a malformed id is no session.
  if (!isUuid(session.uid)) return null;
  return loadActor(db, session.uid, session.signedInAt ?? 0);
}

async function loadActor(
  db: DbOrTx,
  userId: string,
  sessionSignedInAt: number | null,
): Promise<UserActor | null> {
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      timeZone: users.timeZone,
      passwordChangedAt: users.passwordChangedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!u || !u.active) return null;
  if (
    sessionSignedInAt !== null &&
    u.passwordChangedAt &&
    sessionSignedInAt < u.passwordChangedAt.getTime()
  )
    return null;
  const member = await db
    .select({ id: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, userId));
  const supervised =
    u.role === 'adjuster'
      ? []
      : await db.select({ id: groups.id }).from(groups).where(eq(groups.supervisorId, userId));
  return {
    kind: 'user',
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    groupIds: member.map((m) => m.id),
    supervisedGroupIds: supervised.map((g) => g.id),
    timeZone: u.timeZone,
  };
}

/** An active member of the group (deactivated people keep their memberships but get no work). */
export async function isMember(db: DbOrTx, userId: string, groupId: string): Promise<boolean> {
  const rows = await db
    .select({ g: groupMemberships.groupId })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(
      and(
        eq(groupMemberships.userId, userId),
        eq(groupMemberships.groupId, groupId),
        eq(users.active, true),
      ),
    );
  return rows.length > 0;
}

/**
 * Locks the user rows (FOR SHARE) for the rest of the transaction and tells whether all are
 * active: a deactivation (which locks the row FOR UPDATE) and a task operation by or for that
 * person run one after the other, never interleaved.
 */
export async function lockActiveUsers(db: DbOrTx, ids: string[]): Promise<boolean> {
  const unique = [...new Set(ids)].sort();
  const rows = await db
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(inArray(users.id, unique))
    .orderBy(users.id)
    .for('share');
  return rows.length === unique.length && rows.every((r) => r.active);
}

/** What the admin screens show of a user: never the password hash. */
export const adminUserColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  outOfOffice: users.outOfOffice,
  timeZone: users.timeZone,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** The user (admin columns); null when missing. */
export async function getAdminUser(db: DbOrTx, userId: string) {
  const [u] = await db.select(adminUserColumns).from(users).where(eq(users.id, userId));
  return u ?? null;
}

/** The user (admin columns), row-locked until the transaction ends; null when missing. */
export async function getAdminUserForUpdate(tx: DbOrTx, userId: string) {
  const [u] = await tx
    .select(adminUserColumns)
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  return u ?? null;
}

/** The active user supervises the group. */
export async function isActiveSupervisorOf(
  db: DbOrTx,
  userId: string,
  groupId: string | null,
): Promise<boolean> {
  if (!groupId) return false;
  const rows = await db
    .select({ id: groups.id })
    .from(groups)
    .innerJoin(users, eq(users.id, groups.supervisorId))
    .where(and(eq(groups.id, groupId), eq(groups.supervisorId, userId), eq(users.active, true)));
  return rows.length > 0;
}

/** What the profile page shows and edits of a person; never the password hash. */
export const profileColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  timeZone: users.timeZone,
  passwordChangedAt: users.passwordChangedAt,
};

export async function getProfile(db: DbOrTx, userId: string) {
  const [u] = await db.select(profileColumns).from(users).where(eq(users.id, userId));
  return u ?? null;
}

/** The profile, row-locked until the transaction ends; null when missing or deactivated. */
export async function getProfileForUpdate(tx: DbOrTx, userId: string) {
  const [u] = await tx
    .select(profileColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .for('update');
  return u ?? null;
}

export async function updateProfileRow(
  tx: DbOrTx,
  userId: string,
  values: { name: string; timeZone: string; now: Date },
) {
  const [u] = await tx
    .update(users)
    .set({ name: values.name, timeZone: values.timeZone, updatedAt: values.now })
    .where(eq(users.id, userId))
    .returning(profileColumns);
  return u!;
}

export async function getPasswordHash(db: DbOrTx, userId: string): Promise<string | null> {
  const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return u?.hash ?? null;
}

/** A new password hash; sessions signed in before `now` end (see loadSessionActor). */
export async function setPasswordHash(tx: DbOrTx, userId: string, hash: string, now: Date) {
  await tx
    .update(users)
    .set({ passwordHash: hash, passwordChangedAt: now, updatedAt: now })
    .where(eq(users.id, userId));
}

/**
 * The database can convert times to the zone (its time zone data may differ from the
 * runtime's): reports, counts and filters use the person's zone in SQL. Call it outside a
 * transaction: the refused statement would abort one.
 */
export async function databaseKnowsTimeZone(db: DbOrTx, zone: string): Promise<boolean> {
  try {
    await db.execute(sql`select ${'2000-01-01T00:00:00Z'}::timestamptz at time zone ${zone}`);
    return true;
  } catch (e) {
    // 22023 invalid_parameter_value: "time zone … not recognized"; anything else is a real failure.
    for (let cur = e, i = 0; cur && i < 5; i++, cur = (cur as { cause?: unknown }).cause)
      if ((cur as { code?: unknown }).code === '22023') return false;
    throw e;
  }
}

/** What single sign-on needs of an account to decide (lib/domain/oidc-claims.ts). */
const oidcAccountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  oidcIssuer: users.oidcIssuer,
  oidcSubject: users.oidcSubject,
};

/** The account bound to this OIDC identity, row-locked; null when none (users_oidc_identity_uq). */
export async function getUserByOidcIdentityForUpdate(tx: DbOrTx, issuer: string, subject: string) {
  const [u] = await tx
    .select(oidcAccountColumns)
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
    .for('update');
  return u ?? null;
}

/**
 * The account with this plain-ASCII e-mail, row-locked; null when none or `email` is not ASCII.
 * Only A-Z fold ("\u212Aevin", KELVIN SIGN, is not "kevin"): lower() finds the row
 * (users_email_lower_uq), translate() keeps it only if equal under ASCII-only folding.
 */
export async function getUserByEmailForUpdate(tx: DbOrTx, email: string) {
  if (!/^[\x21-\x7e]+$/.test(email)) return null;
  const e = email.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const AZ = sql.raw(`'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'`);
  const [u] = await tx
    .select(oidcAccountColumns)
    .from(users)
    .where(sql`lower(${users.email}) = ${e} and translate(${users.email}, ${AZ}) = ${e}`)
    .for('update');
  return u ?? null;
}

/** Binds the account to the OIDC identity it first signed in with. */
export async function bindOidcIdentity(
  tx: DbOrTx,
  userId: string,
  identity: { issuer: string; subject: string },
  now: Date,
) {
  await tx
    .update(users)
    .set({ oidcIssuer: identity.issuer, oidcSubject: identity.subject, updatedAt: now })
    .where(eq(users.id, userId));
}

/** An account created at its first single sign-on: bound to the identity, without a password. */
export async function insertOidcUser(
  tx: DbOrTx,
  values: {
    email: string;
    name: string;
    role: 'adjuster' | 'supervisor';
    issuer: string;
    subject: string;
    now: Date;
  },
) {
  const [u] = await tx
    .insert(users)
    .values({
      email: values.email,
      name: values.name,
      role: values.role,
      oidcIssuer: values.issuer,
      oidcSubject: values.subject,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning(oidcAccountColumns);
  return u!;
}
