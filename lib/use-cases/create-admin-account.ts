import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import { isUniqueViolation } from '../data/errors';
import { adminPasswordWeakness } from '../domain/password-strength';
import { DomainError } from '../errors';
import { createUserInput } from '../schemas/users';
import { parseOrThrow } from '../validation';
import { emailInUse, requireUnusedEmail } from './require-unused-email';

const adminInput = createUserInput.pick({ name: true, email: true });

/**
 * Creates an admin from the server's command line (`npm run admin:create`): the way into an
 * installation without the demo. Refuses a weak password and an e-mail already in use. The
 * event is attributed to the command, since nobody is signed in.
 */
export async function createAdminAccount(
  db: DbOrTx,
  input: { email: string; name: string; password: string },
  now = new Date(),
) {
  const data = parseOrThrow(adminInput, { email: input.email, name: input.name });
  const weakness = adminPasswordWeakness(input.password, data.email);
  if (weakness)
    throw new DomainError('validation', `The password ${weakness}.`, { password: weakness });
  await requireUnusedEmail(db, data.email);
  // Hash before the transaction: bcrypt must not hold a connection or locks.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ ...data, role: 'admin', passwordHash, createdAt: now, updatedAt: now })
        .returning({ id: users.id, email: users.email, name: users.name });
      await recordAudit(
        tx,
        { kind: 'cli', command: 'admin:create' },
        {
          action: 'user.created',
          entityType: 'user',
          entityId: row!.id,
          summary: `Admin ${row!.name} (${row!.email}) created from the command line`,
          after: { name: row!.name, email: row!.email, role: 'admin', active: true, groups: [] },
          occurredAt: now,
        },
      );
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailInUse(data.email);
    throw e;
  }
}
