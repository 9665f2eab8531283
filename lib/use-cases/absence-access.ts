import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { activeMemberOfAny, groupIdsOf, memberOfAny } from '../data/absences';
import { getUserName } from '../data/tasks';
import { mayManageAbsencesOf, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { recordRefusal } from './guard';

export type AbsentPerson = { id: string; name: string; timeZone: string; groupIds: string[] };

/**
 * The person whose absences the actor manages: themself, someone in a group they supervise, or
 * anyone for an admin. Anyone else is "not found" (audited): they learn nothing about the person.
 */
export async function requireAbsentPerson(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  action: string,
): Promise<AbsentPerson> {
  const hidden = new DomainError('not_found', 'User was not found.');
  if (!isUuid(userId)) throw hidden;
  const [row] = await db
    .select({ id: users.id, name: users.name, timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, userId));
  const groupIds = row ? await groupIdsOf(db, userId) : [];
  if (!row || !mayManageAbsencesOf(actor, { id: userId, groupIds })) {
    await recordRefusal(
      db,
      actor,
      action,
      { type: 'user', id: userId },
      'not the person, a supervisor of one of their groups, or an admin',
    );
    throw hidden;
  }
  return { ...row, groupIds };
}

/**
 * A delegate stands in for the person: someone else, active, in one of the person's groups —
 * for a supervisor, one of those they supervise (as for out of office by hand).
 */
export async function assertDelegate(
  db: DbOrTx,
  actor: UserActor,
  person: AbsentPerson,
  delegateId: string,
) {
  if (delegateId === person.id)
    throw new DomainError('validation', 'A person cannot be their own delegate.', {
      delegateId: 'must be someone else',
    });
  const groups =
    actor.role === 'admin' || actor.id === person.id
      ? person.groupIds
      : person.groupIds.filter((g) => actor.supervisedGroupIds.includes(g));
  const ok = isUuid(delegateId) && (await activeMemberOfAny(db, delegateId, groups));
  if (!ok) {
    // The name only of someone who shares one of the person's groups: any other id stays anonymous.
    const shares = isUuid(delegateId) && (await memberOfAny(db, delegateId, person.groupIds));
    const name = shares ? await getUserName(db, delegateId) : null;
    throw new DomainError(
      'validation',
      `${name ?? 'That person'} cannot stand in for ${person.name}: a delegate must be an active member of one of their groups${actor.id === person.id ? '' : ' that you supervise'}.`,
      { delegateId: 'is not an active member of the same groups' },
    );
  }
  return ok;
}
