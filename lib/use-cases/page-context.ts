import { redirect } from 'next/navigation';
import type { Db } from '../../db/client';
import { getCurrentActor } from '../auth/session';
import { getDb } from '../data/database';
import type { UserActor } from '../domain/permissions';

export type PageContext = { db: Db; actor: UserActor; now: Date };

/**
 * What a server page needs to call use-cases: the signed-in person (reloaded from the
 * database), the database and the time of the request. A signed-out or deactivated visitor is
 * sent to sign-in and comes back to `returnTo` afterwards.
 */
export async function getPageContext(returnTo: string): Promise<PageContext> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { db: await getDb(), actor, now: new Date() };
}
