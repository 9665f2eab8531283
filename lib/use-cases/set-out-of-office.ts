import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, users } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getUserName } from '../data/tasks';
import { supervises, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { recordRefusal } from './guard';

/**
 * Out of office with a delegate: new work routed to the person goes to the delegate. Allowed to
 * supervisors of a group the person is in (and admins); the delegate must be active and share a group.
 */
export async function setOutOfOffice(
  db: DbOrTx,
  actor: UserActor,
  input: { userId: string; outOfOffice: boolean; delegateId: string | null },
  now = new Date(),
) {
  if (!isUuid(input.userId)) throw new DomainError('not_found', 'User was not found.');
  const memberships = await db
    .select({ groupId: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, input.userId));
  const allowed = actor.role === 'admin' || memberships.some((m) => supervises(actor, m.groupId));
  if (!allowed) {
    await recordRefusal(
      db,
      actor,
      'team.set_out_of_office',
      { type: 'user', id: input.userId },
      'not a supervisor of any group of this person',
    );
    throw new DomainError('not_found', 'User was not found.');
  }
  if (input.delegateId) {
    if (input.delegateId === input.userId)
      throw new DomainError('validation', 'A person cannot be their own delegate.', {
        delegateId: 'must be someone else',
      });
    // The delegate must share a group with the person that the actor supervises.
    const inCare = memberships.map((m) => m.groupId).filter((g) => supervises(actor, g));
    const shared = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(groupMemberships, eq(groupMemberships.userId, users.id))
      .where(
        and(
          eq(users.id, input.delegateId),
          eq(users.active, true),
          inArray(
            groupMemberships.groupId,
            inCare.concat(['00000000-0000-0000-0000-000000000000']),
          ),
        ),
      );
    if (!shared.length) {
      const [person, delegate] = await Promise.all([
        getUserName(db, input.userId),
        getUserName(db, input.delegateId),
      ]);
      throw new DomainError(
        'validation',
        `${delegate ?? 'That person'} cannot stand in for ${person ?? 'them'}: a delegate must be an active member of one of their groups that you supervise.`,
        { delegateId: 'is not an active member of the same groups' },
      );
    }
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
    if (!before) throw new DomainError('not_found', 'User was not found.');
    const [after] = await tx
      .update(users)
      .set({
        outOfOffice: input.outOfOffice,
        delegateId: input.outOfOffice ? input.delegateId : null,
        updatedAt: now,
      })
      .where(eq(users.id, input.userId))
      .returning();
    await recordAudit(tx, actor, {
      action: input.outOfOffice ? 'user.out_of_office' : 'user.back_in_office',
      entityType: 'user',
      entityId: input.userId,
      summary: input.outOfOffice
        ? `${before.name} marked out of office${input.delegateId ? ', new work goes to the delegate' : ''}`
        : `${before.name} is back in the office`,
      before: { outOfOffice: before.outOfOffice, delegateId: before.delegateId },
      after: { outOfOffice: after!.outOfOffice, delegateId: after!.delegateId },
      occurredAt: now,
    });
    return { id: after!.id, outOfOffice: after!.outOfOffice, delegateId: after!.delegateId };
  });
}
