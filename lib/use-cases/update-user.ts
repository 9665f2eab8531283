import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, users } from '../../db/schema';
import { recordAudit } from '../data/audit';
import type { GroupRef } from '../data/groups';
import { adminUserColumns, getAdminUserForUpdate } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { updateUserInput } from '../schemas/users';
import { isUuid, parseOrThrow } from '../validation';
import { guard, recordRefusal } from './guard';
import { requireGroups } from './require-groups';
import { requireDatabaseTimeZone } from './require-time-zone';

async function membershipsOf(db: DbOrTx, userId: string): Promise<GroupRef[]> {
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(eq(groupMemberships.userId, userId))
    .orderBy(asc(groups.name));
}

/** Changes a user's role, group memberships (the memberships given replace the current ones) and/or time zone. */
export async function updateUser(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  input: z.input<typeof updateUserInput>,
  now = new Date(),
) {
  const entity = { type: 'user', id: userId };
  await guard(db, actor, 'users.edit', undefined, entity);
  const data = parseOrThrow(updateUserInput, input);
  if (!isUuid(userId)) throw new DomainError('not_found', 'User was not found.');
  if (userId === actor.id && data.role !== undefined && data.role !== actor.role) {
    // Admins cannot lock themselves out; another admin can change their role.
    await recordRefusal(db, actor, 'users.edit', entity, 'cannot change one’s own role');
    throw new DomainError('forbidden', 'You cannot change your own role; ask another admin.', {
      role: 'cannot be changed for yourself',
    });
  }
  const wanted = data.groupIds ? await requireGroups(db, data.groupIds) : null;
  if (data.timeZone !== undefined) await requireDatabaseTimeZone(db, data.timeZone);
  return db.transaction(async (tx) => {
    const u = await getAdminUserForUpdate(tx, userId);
    if (!u) throw new DomainError('not_found', 'User was not found.');
    const current = await membershipsOf(tx, userId);
    const role = data.role ?? u.role;
    if (role === 'adjuster' && u.role !== 'adjuster') {
      // An adjuster's supervision is ignored (lib/data/users.ts), so those groups would silently lose their supervisor.
      const held = await tx
        .select({ name: groups.name })
        .from(groups)
        .where(eq(groups.supervisorId, userId))
        .orderBy(asc(groups.name));
      if (held.length) {
        const list = held.map((g) => g.name).join(', ');
        throw new DomainError(
          'validation',
          `${u.name} supervises ${list}; give ${held.length === 1 ? 'that group' : 'those groups'} another supervisor first.`,
          {
            role: `cannot be adjuster while supervising ${list}`,
          },
        );
      }
    }
    const next = wanted ?? current;
    const added = next.filter((g) => !current.some((c) => c.id === g.id));
    const removed = current.filter((c) => !next.some((g) => g.id === c.id));
    const timeZone = data.timeZone ?? u.timeZone;
    if (role === u.role && timeZone === u.timeZone && !added.length && !removed.length)
      return { ...u, groups: current };

    const [row] = await tx
      .update(users)
      .set({ role, timeZone, updatedAt: now })
      .where(eq(users.id, userId))
      .returning(adminUserColumns);
    if (removed.length) {
      await tx.delete(groupMemberships).where(
        and(
          eq(groupMemberships.userId, userId),
          inArray(
            groupMemberships.groupId,
            removed.map((g) => g.id),
          ),
        ),
      );
    }
    if (added.length) {
      await tx
        .insert(groupMemberships)
        .values(added.map((g) => ({ groupId: g.id, userId, createdAt: now })))
        .onConflictDoNothing();
    }
    const changes = [
      role !== u.role ? `role ${u.role} → ${role}` : null,
      timeZone !== u.timeZone ? `time zone ${u.timeZone} → ${timeZone}` : null,
      added.length ? `added to ${added.map((g) => g.name).join(', ')}` : null,
      removed.length ? `removed from ${removed.map((g) => g.name).join(', ')}` : null,
    ].filter(Boolean);
    await recordAudit(tx, actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: userId,
      summary: `User ${u.name}: ${changes.join('; ')}`,
      before: { role: u.role, timeZone: u.timeZone, groups: current.map((g) => g.key) },
      after: { role, timeZone, groups: next.map((g) => g.key) },
      occurredAt: now,
    });
    return { ...row!, groups: next };
  });
}
