import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, users } from '../../db/schema';
import type { UserActor } from '../domain/permissions';

export async function getUserByEmail(db: DbOrTx, email: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return u ?? null;
}

/** The acting user with memberships and supervised groups, fresh from the database; null when missing or inactive. */
export async function loadUserActor(db: DbOrTx, userId: string): Promise<UserActor | null> {
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      timeZone: users.timeZone,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!u || !u.active) return null;
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
