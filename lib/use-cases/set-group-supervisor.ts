import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { groups, users } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getAdminUserForUpdate } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { setSupervisorInput } from '../schemas/users';
import { isUuid, parseOrThrow } from '../validation';
import { guard } from './guard';

/** Sets (or, with null, clears) the group's supervisor: an active supervisor or admin, who then sees and reassigns its work. */
export async function setGroupSupervisor(
  db: DbOrTx,
  actor: UserActor,
  groupId: string,
  input: z.input<typeof setSupervisorInput>,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'group', id: groupId });
  const { supervisorId } = parseOrThrow(setSupervisorInput, input);
  const groupNotFound = () => new DomainError('not_found', 'Group was not found.');
  if (!isUuid(groupId)) throw groupNotFound();
  return db.transaction(async (tx) => {
    // People before groups, like every other transaction that locks both (a supervisor saving
    // the group's digest settings locks themself, then the group): no lock-order deadlock.
    // Locked so the person cannot be deactivated or demoted between this check and the commit.
    const u = supervisorId ? await getAdminUserForUpdate(tx, supervisorId) : null;
    const [g] = await tx.select().from(groups).where(eq(groups.id, groupId)).for('update');
    if (!g) throw groupNotFound();
    let next: { id: string; name: string; email: string } | null = null;
    if (supervisorId) {
      const problem = !u
        ? 'is not a user'
        : !u.active
          ? 'is not an active user'
          : u.role === 'adjuster'
            ? 'must be a supervisor or an admin'
            : null;
      if (problem)
        throw new DomainError('validation', `The supervisor ${problem}.`, {
          supervisorId: problem,
        });
      next = { id: u!.id, name: u!.name, email: u!.email };
    }
    const [prev] = g.supervisorId
      ? await tx
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, g.supervisorId))
      : [];
    if ((next?.id ?? null) === g.supervisorId) return g;
    const [row] = await tx
      .update(groups)
      .set({ supervisorId: next?.id ?? null, updatedAt: now })
      .where(eq(groups.id, groupId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'group.supervisor_changed',
      entityType: 'group',
      entityId: g.id,
      summary: next
        ? `${next.name} now supervises "${g.name}"`
        : `"${g.name}" has no supervisor now`,
      before: { supervisorId: g.supervisorId, supervisor: prev?.email ?? null },
      after: { supervisorId: next?.id ?? null, supervisor: next?.email ?? null },
      occurredAt: now,
    });
    return row!;
  });
}
