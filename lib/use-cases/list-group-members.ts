import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, users } from '../../db/schema';
import { canSeeGroupQueue, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { recordRefusal } from './guard';

/** Members of a group, for people in it, its supervisors and admins (reassignment pickers, @mentions). */
export async function listGroupMembers(db: DbOrTx, actor: UserActor, groupId: string) {
  const [g] = isUuid(groupId) ? await db.select().from(groups).where(eq(groups.id, groupId)) : [];
  if (!g || !canSeeGroupQueue(actor, g.id)) {
    if (g)
      await recordRefusal(
        db,
        actor,
        'group.members',
        { type: 'group', id: g.id },
        'not a member or supervisor of the group',
      );
    throw new DomainError('not_found', 'Group was not found.');
  }
  const members = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      outOfOffice: users.outOfOffice,
      active: users.active,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(eq(groupMemberships.groupId, g.id))
    .orderBy(asc(users.name));
  return {
    group: { id: g.id, key: g.key, name: g.name },
    members: members.filter((m) => m.active),
  };
}
