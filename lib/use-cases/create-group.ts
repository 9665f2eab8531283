import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { groups } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { isUniqueViolation } from '../data/errors';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { createGroupInput } from '../schemas/users';
import { parseOrThrow } from '../validation';
import { guard } from './guard';

export async function createGroup(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof createGroupInput>,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'group' });
  const data = parseOrThrow(createGroupInput, input);
  const duplicate = () =>
    new DomainError('conflict', `A group with the key "${data.key}" already exists.`, {
      key: 'is already used by another group',
    });
  const [existing] = await db
    .select({ id: groups.id })
    .from(groups)
    .where(eq(groups.key, data.key));
  if (existing) throw duplicate();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(groups)
        .values({ key: data.key, name: data.name, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, actor, {
        action: 'group.created',
        entityType: 'group',
        entityId: row!.id,
        summary: `Group "${row!.name}" (${row!.key}) created`,
        after: { key: row!.key, name: row!.name, supervisorId: null },
        occurredAt: now,
      });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate();
    throw e;
  }
}
