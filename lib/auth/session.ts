import { getServerSession } from 'next-auth';
import { getDb } from '../data/database';
import { loadSessionActor } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { authOptions } from './options';

/**
 * The signed-in user, reloaded from the database; null when signed out, deleted, deactivated or
 * signed in before the password last changed.
 */
export async function getCurrentActor(): Promise<UserActor | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return loadSessionActor(await getDb(), {
    uid: session.user.id,
    signedInAt: session.user.signedInAt,
  });
}

export async function requireActor(): Promise<UserActor> {
  const actor = await getCurrentActor();
  if (!actor) throw new DomainError('unauthenticated', 'Sign in to continue.');
  return actor;
}
