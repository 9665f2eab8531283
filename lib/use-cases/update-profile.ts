import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getProfileForUpdate, updateProfileRow } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { notFound } from '../errors';
import { updateProfileInput } from '../schemas/profile';
import { parseOrThrow } from '../validation';
import { requireDatabaseTimeZone } from './require-time-zone';

/**
 * A person changes their own display name and/or time zone. Anyone signed in may, for themselves
 * only (the actor is the subject). Every page reads the zone from the database at each request,
 * so the change shows everywhere at the next page load.
 */
export async function updateProfile(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof updateProfileInput>,
  now = new Date(),
) {
  const data = parseOrThrow(updateProfileInput, input);
  if (data.timeZone !== undefined) await requireDatabaseTimeZone(db, data.timeZone);
  return db.transaction(async (tx) => {
    const u = await getProfileForUpdate(tx, actor.id);
    if (!u) throw notFound('User');
    const name = data.name ?? u.name;
    const timeZone = data.timeZone ?? u.timeZone;
    if (name === u.name && timeZone === u.timeZone) return u;
    const row = await updateProfileRow(tx, actor.id, { name, timeZone, now });
    const changes = [
      name !== u.name ? `name “${u.name}” → “${name}”` : null,
      timeZone !== u.timeZone ? `time zone ${u.timeZone} → ${timeZone}` : null,
    ].filter(Boolean);
    await recordAudit(tx, actor, {
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: actor.id,
      summary: `${u.email} updated their profile: ${changes.join('; ')}`,
      before: { name: u.name, timeZone: u.timeZone },
      after: { name, timeZone },
      occurredAt: now,
    });
    return row;
  });
}
