import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groups } from '../../db/schema';
import { canSeeGroupQueue, supervises, type UserActor } from '../domain/permissions';

export type GroupRef = { id: string; key: string; name: string };

/** Every group, by name. */
export async function listGroupRefs(db: DbOrTx): Promise<GroupRef[]> {
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .orderBy(asc(groups.name));
}

/** The groups with these ids that exist, by name. */
export async function getGroupRefsByIds(db: DbOrTx, ids: readonly string[]): Promise<GroupRef[]> {
  if (!ids.length) return [];
  return db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .where(inArray(groups.id, [...ids]))
    .orderBy(asc(groups.name));
}

/** Groups in the actor's care: those they supervise (admins: all). */
export async function listSupervisedGroups(db: DbOrTx, actor: UserActor): Promise<GroupRef[]> {
  return (await listGroupRefs(db)).filter((g) => supervises(actor, g.id));
}

/** Groups whose queues the actor works (member) or watches (supervisor); admins see all. */
export async function listQueueGroups(db: DbOrTx, actor: UserActor): Promise<GroupRef[]> {
  return (await listGroupRefs(db)).filter(
    (g) => actor.role === 'admin' || canSeeGroupQueue(actor, g.id),
  );
}

/** Group names by key, for rule texts. */
export async function groupNamesByKey(db: DbOrTx): Promise<Record<string, string>> {
  const rows = await db.select({ key: groups.key, name: groups.name }).from(groups);
  return Object.fromEntries(rows.map((g) => [g.key, g.name]));
}
