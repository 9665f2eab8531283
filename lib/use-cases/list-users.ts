import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, tasks, users } from '../../db/schema';
import { adminUserColumns } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

/** Every user with groups, supervised groups and the number of tasks they hold (returned to the queue on deactivation). */
export async function listUsers(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'users.edit', undefined, { type: 'user' });
  const [rows, memberships, supervised, claimed] = await Promise.all([
    db.select(adminUserColumns).from(users).orderBy(asc(users.name)),
    db
      .select({
        userId: groupMemberships.userId,
        id: groups.id,
        key: groups.key,
        name: groups.name,
      })
      .from(groupMemberships)
      .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
      .orderBy(asc(groups.name)),
    db
      .select({
        supervisorId: groups.supervisorId,
        id: groups.id,
        key: groups.key,
        name: groups.name,
      })
      .from(groups)
      .where(isNotNull(groups.supervisorId))
      .orderBy(asc(groups.name)),
    db
      .select({ userId: tasks.assigneeId, n: count() })
      .from(tasks)
      .where(and(eq(tasks.status, 'claimed'), isNotNull(tasks.assigneeId)))
      .groupBy(tasks.assigneeId),
  ]);
  return rows.map((u) => ({
    ...u,
    groups: memberships.filter((m) => m.userId === u.id).map(({ userId: _u, ...g }) => g),
    supervises: supervised
      .filter((g) => g.supervisorId === u.id)
      .map(({ supervisorId: _s, ...g }) => g),
    claimedTasks: claimed.find((c) => c.userId === u.id)?.n ?? 0,
  }));
}
