import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import { getAdminUser, getAdminUserForUpdate, setPasswordHash } from '../data/users';
import { adminPasswordWeakness } from '../domain/password-strength';
import type { UserActor } from '../domain/permissions';
import { generateTemporaryPassword } from '../domain/temporary-password';
import { DomainError, notFound } from '../errors';
import { resetPasswordInput } from '../schemas/profile';
import { isUuid, parseOrThrow, validationError } from '../validation';
import { guard, recordRefusal } from './guard';

/**
 * An admin gives a person a temporary password (typed, or generated and returned once). The
 * person's sessions end; the password is never stored in clear, audited or logged. An admin
 * changes their own password on their profile page, where the current one is asked for.
 */
export async function resetPassword(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  input: z.input<typeof resetPasswordInput>,
  now = new Date(),
  randomBytes: (n: number) => Uint8Array = cryptoRandomBytes,
): Promise<{ user: { id: string; name: string; email: string }; temporaryPassword?: string }> {
  const entity = { type: 'user', id: isUuid(userId) ? userId : null };
  await guard(db, actor, 'users.edit', undefined, entity);
  const data = parseOrThrow(resetPasswordInput, input);
  if (!isUuid(userId)) throw notFound('User');
  if (userId === actor.id) {
    await recordRefusal(db, actor, 'users.reset_password', entity, 'own password');
    throw new DomainError('forbidden', 'Change your own password on your profile page.', {
      password: 'cannot be reset for yourself',
    });
  }
  const target = await getAdminUser(db, userId);
  if (!target) throw notFound('User');
  const password = data.generate
    ? generateTemporaryPassword(randomBytes, target.email)
    : data.password!;
  const weakness = adminPasswordWeakness(password, target.email);
  if (weakness) throw validationError({ password: weakness });
  // Hashed before the transaction: bcrypt must not hold the row lock.
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const u = await getAdminUserForUpdate(tx, userId);
    if (!u) throw notFound('User');
    await setPasswordHash(tx, userId, hash, now);
    await recordAudit(tx, actor, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      summary: `${actor.email} reset the password of ${u.name} (${u.email}); their sessions were signed out`,
      metadata: { generated: Boolean(data.generate), by: actor.email, of: u.email },
      occurredAt: now,
    });
    return {
      user: { id: u.id, name: u.name, email: u.email },
      ...(data.generate ? { temporaryPassword: password } : {}),
    };
  });
}
