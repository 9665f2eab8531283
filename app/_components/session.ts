import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/lib/auth/session';
import type { UserActor } from '@/lib/domain/permissions';

/** For pages: the signed-in actor, or a redirect to sign-in (deactivated users included). */
export async function pageActor(returnTo: string): Promise<UserActor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
