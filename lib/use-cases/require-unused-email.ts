import type { DbOrTx } from '../../db/client';
import { getUserByEmail } from '../data/users';
import { DomainError } from '../errors';

/** The error for an e-mail another user already has (also after a unique-index race). */
export function emailInUse(email: string): DomainError {
  return new DomainError('conflict', `A user with the e-mail ${email} already exists.`, {
    email: 'is already used by another user',
  });
}

/** Refuses an e-mail (compared case-insensitively) that a user already has. */
export async function requireUnusedEmail(db: DbOrTx, email: string): Promise<void> {
  if (await getUserByEmail(db, email)) throw emailInUse(email);
}
