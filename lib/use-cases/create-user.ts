import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, users } from '../../db/schema';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import { isUniqueViolation } from '../data/errors';
import { adminUserColumns } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { createUserInput } from '../schemas/users';
import { parseOrThrow } from '../validation';
import { guard } from './guard';
import { requireGroups } from './require-groups';
import { requireDatabaseTimeZone } from './require-time-zone';
import { emailInUse, requireUnusedEmail } from './require-unused-email';

/**
 * Creates a person who can sign in at once with the initial password (hashed; never stored or
 * audited in clear), in the time zone given or else the creating admin's own.
 */
export async function createUser(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof createUserInput>,
  now = new Date(),
) {
  await guard(db, actor, 'users.edit', undefined, { type: 'user' });
  // Parses in the use-case too, so every caller (route, action, test) gets the same field errors.
  const data = parseOrThrow(createUserInput, input);
  const timeZone = data.timeZone ?? actor.timeZone ?? 'UTC';
  await requireDatabaseTimeZone(db, timeZone);
  await requireUnusedEmail(db, data.email);
  const memberOf = await requireGroups(db, data.groupIds);
  // Hash before the transaction: bcrypt takes ~100 ms and must not hold locks.
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          name: data.name,
          email: data.email,
          role: data.role,
          timeZone,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        })
        .returning(adminUserColumns);
      if (memberOf.length)
        await tx
          .insert(groupMemberships)
          .values(memberOf.map((g) => ({ groupId: g.id, userId: row!.id, createdAt: now })));
      await recordAudit(tx, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: row!.id,
        summary: `User ${row!.name} (${row!.email}) created as ${row!.role}, time zone ${row!.timeZone}`,
        after: {
          name: row!.name,
          email: row!.email,
          role: row!.role,
          timeZone: row!.timeZone,
          active: true,
          groups: memberOf.map((g) => g.key),
        },
        occurredAt: now,
      });
      return { ...row!, groups: memberOf };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailInUse(data.email);
    throw e;
  }
}
