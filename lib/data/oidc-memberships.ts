import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups } from '../../db/schema';
import type { GroupRef } from './groups';

/*
 * Group memberships as single sign-on keeps them: it adds and removes only those it made
 * (source 'oidc'), never an admin's manual ones.
 */
/** The groups with these keys that exist (groups_key_unique). */
export async function getGroupRefsByKeys(db: DbOrTx, keys: readonly string[]): Promise<GroupRef[]> {
  if (!keys.length) return [];
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .where(inArray(groups.key, [...keys]))
    .orderBy(asc(groups.key));
}

/** The person's memberships with who made them (group_memberships_user_idx). */
export async function listMembershipsOf(db: DbOrTx, userId: string) {
  return db
    .select({ groupId: groupMemberships.groupId, source: groupMemberships.source })
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, userId));
}

/** Memberships single sign-on makes (source 'oidc'); one already there is left as it is. */
export async function addOidcMemberships(
  tx: DbOrTx,
  userId: string,
  groupIds: readonly string[],
  now: Date,
) {
  if (!groupIds.length) return;
  await tx
    .insert(groupMemberships)
    .values(groupIds.map((groupId) => ({ groupId, userId, source: 'oidc', createdAt: now })))
    .onConflictDoNothing();
}

/** Removes only memberships single sign-on made: never an admin's manual ones. */
export async function removeOidcMemberships(
  tx: DbOrTx,
  userId: string,
  groupIds: readonly string[],
) {
  if (!groupIds.length) return;
  await tx
    .delete(groupMemberships)
    .where(
      and(
        eq(groupMemberships.userId, userId),
        eq(groupMemberships.source, 'oidc'),
        inArray(groupMemberships.groupId, [...groupIds]),
      ),
    );
}
