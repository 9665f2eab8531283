import type { DbOrTx } from '../../db/client';
import { getProfile as readProfile } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { notFound } from '../errors';

/** The signed-in person's own name, e-mail, role, time zone and when their password last changed. */
export async function getProfile(db: DbOrTx, actor: UserActor) {
  const p = await readProfile(db, actor.id);
  if (!p) throw notFound('User');
  return p;
}
