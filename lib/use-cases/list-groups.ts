import { asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, users } from '../../db/schema';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

/** Groups with their supervisor and the number of active members. */
export async function listGroups(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'users.edit', undefined, { type: 'group' });
  const [rows, members] = await Promise.all([
    db
      .select({
        id: groups.id,
        key: groups.key,
        name: groups.name,
        createdAt: groups.createdAt,
        supervisorId: groups.supervisorId,
        supervisorName: users.name,
        supervisorEmail: users.email,
        supervisorActive: users.active,
      })
      .from(groups)
      .leftJoin(users, eq(users.id, groups.supervisorId))
      .orderBy(asc(groups.name)),
    db
      .select({ groupId: groupMemberships.groupId, n: count() })
      .from(groupMemberships)
      .innerJoin(users, eq(users.id, groupMemberships.userId))
      .where(eq(users.active, true))
      .groupBy(groupMemberships.groupId),
  ]);
  return rows.map(({ supervisorId, supervisorName, supervisorEmail, supervisorActive, ...g }) => ({
    ...g,
    supervisor: supervisorId
      ? {
          id: supervisorId,
          name: supervisorName!,
          email: supervisorEmail!,
          active: supervisorActive!,
        }
      : null,
    memberCount: members.find((m) => m.groupId === g.id)?.n ?? 0,
  }));
}
