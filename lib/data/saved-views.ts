import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groups, savedViews } from '../../db/schema';

export type SavedViewRow = typeof savedViews.$inferSelect & { groupName: string | null };

const columns = {
  id: savedViews.id,
  ownerId: savedViews.ownerId,
  groupId: savedViews.groupId,
  name: savedViews.name,
  queue: savedViews.queue,
  filters: savedViews.filters,
  sort: savedViews.sort,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
  groupName: groups.name,
};

/**
 * The views a person sees: their own personal ones and those shared with `groupIds` (null:
 * every shared view, for admins), personal first, then by name; at most `limit`.
 */
export async function listVisibleViews(
  db: DbOrTx,
  ownerId: string,
  groupIds: readonly string[] | null,
  limit: number,
): Promise<SavedViewRow[]> {
  const shared =
    groupIds === null
      ? sql`${savedViews.groupId} is not null`
      : groupIds.length
        ? inArray(savedViews.groupId, [...groupIds])
        : undefined;
  const own = and(eq(savedViews.ownerId, ownerId), isNull(savedViews.groupId));
  return db
    .select(columns)
    .from(savedViews)
    .leftJoin(groups, eq(groups.id, savedViews.groupId))
    .where(shared ? or(own, shared) : own)
    .orderBy(sql`${savedViews.groupId} is not null`, asc(sql`lower(${savedViews.name})`))
    .limit(limit);
}

export async function getSavedView(db: DbOrTx, id: string): Promise<SavedViewRow | null> {
  const [row] = await db
    .select(columns)
    .from(savedViews)
    .leftJoin(groups, eq(groups.id, savedViews.groupId))
    .where(eq(savedViews.id, id));
  return row ?? null;
}

/** How many views `ownerId` owns (personal and shared). */
export async function countOwnedViews(db: DbOrTx, ownerId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(savedViews)
    .where(eq(savedViews.ownerId, ownerId));
  return Number(r?.n ?? 0);
}

/** Whether `ownerId` has a view called `name` (ignoring case), other than `exceptId`. */
export async function ownerHasViewNamed(
  db: DbOrTx,
  ownerId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(
      and(
        eq(savedViews.ownerId, ownerId),
        sql`lower(${savedViews.name}) = lower(${name})`,
        exceptId ? sql`${savedViews.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Serialises saves of one owner's views (a transaction-scoped advisory lock on the owner), so
 * two concurrent saves of the same name cannot both pass the uniqueness check.
 */
export async function lockOwnerViews(tx: DbOrTx, ownerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('saved_views/' || ${ownerId}))`);
}

export async function insertSavedView(db: DbOrTx, values: typeof savedViews.$inferInsert) {
  const [row] = await db.insert(savedViews).values(values).returning();
  return row!;
}

export async function deleteSavedView(db: DbOrTx, id: string): Promise<void> {
  await db.delete(savedViews).where(eq(savedViews.id, id));
}

export async function renameSavedView(db: DbOrTx, id: string, name: string, now: Date) {
  const [row] = await db
    .update(savedViews)
    .set({ name, updatedAt: now })
    .where(eq(savedViews.id, id))
    .returning();
  return row ?? null;
}
