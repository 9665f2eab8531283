import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { adminUserColumns, getAdminUserForUpdate } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard } from './guard';

export async function reactivateUser(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'user', id: userId });
  if (!isUuid(userId)) throw new DomainError('not_found', 'User was not found.');
  return db.transaction(async (tx) => {
    const u = await getAdminUserForUpdate(tx, userId);
    if (!u) throw new DomainError('not_found', 'User was not found.');
    if (u.active) throw new DomainError('invalid_transition', `${u.name} is already active.`);
    const [row] = await tx
      .update(users)
      .set({ active: true, updatedAt: now })
      .where(eq(users.id, userId))
      .returning(adminUserColumns);
    await recordAudit(tx, actor, {
      action: 'user.reactivated',
      entityType: 'user',
      entityId: userId,
      summary: `User ${u.name} (${u.email}) reactivated`,
      before: { active: false },
      after: { active: true },
      occurredAt: now,
    });
    return row!;
  });
}
