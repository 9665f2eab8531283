import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { groups } from '../../db/schema';
import { visibleGroupIds, type UserActor } from '../domain/permissions';
import type { GroupRef } from './groups';
import { preparedRows } from './inbox';

/*
 * The queue rail's counts, kept per process and shared by everyone whose rail shows the same
 * count (a group's ready work, a person's own tasks, the due and overdue work of the same
 * slices), checked against the database snapshot rather than invalidated by announcements.
 *
 * A count is stored with the snapshot (pg_current_snapshot()) of the very statement that
 * counted it, and reused only while the database still shows that snapshot: two equal
 * snapshots see the same committed transactions, so the same rows. Any commit that wrote
 * something (it took a transaction id) moves the snapshot on, and every count is read afresh
 * by the next request, in this process or another: a claim, a new task or a completion is in
 * the very next rail read after its commit, with no announcement to wait for. Read-only
 * traffic (the inbox itself) leaves the snapshot as it is, so a rail polled by many people
 * costs one count statement per change, not one per request.
 *
 * Counts that move with the clock (due today, overdue) are also kept at most
 * TIME_COUNT_MAX_AGE_MS: a task that falls due shows in Overdue up to that much later.
 * Inside a transaction nothing is read or stored here (its own writes are not in a snapshot).
 */

/** How long a count that changes with time alone (due today, overdue) may be reused. */
export const TIME_COUNT_MAX_AGE_MS = 5_000;

/** Entries kept at most (then the cache starts afresh: a bound, not an eviction policy). */
const MAX_ENTRIES = 20_000;

type Entry = { snapshot: string; at: number; value: number };
/** What is kept for one database (handle): counts by key, and the groups as last read. */
type Kept = { counts: Map<string, Entry>; groups: { groups: GroupRef[]; snapshot: string } | null };

const CACHE_KEY = Symbol.for('handoff.inbox-count-cache');

function kept(db: DbOrTx): Kept {
  // On globalThis: one cache per process, whatever the bundling of routes; per database handle,
  // as snapshots of two databases can be equal.
  const g = globalThis as typeof globalThis & { [CACHE_KEY]?: WeakMap<object, Kept> };
  g[CACHE_KEY] ??= new WeakMap();
  let k = g[CACHE_KEY].get(db);
  if (!k) g[CACHE_KEY].set(db, (k = { counts: new Map(), groups: null }));
  return k;
}

/** Whose view a count is of: the person (their own tasks) and the groups they see (admins: every). */
export function visibilityKey(actor: UserActor): string {
  const ids = visibleGroupIds(actor);
  return ids === null ? `every/${actor.id}` : `${actor.id}/${ids.join(',')}`;
}

/** Whether `db` is a transaction (where the cache is not used). */
export function isTransaction(db: DbOrTx): boolean {
  return db instanceof PgTransaction;
}

/**
 * The count stored under `key` if it was counted at `snapshot` (and, for `timed` counts, within
 * TIME_COUNT_MAX_AGE_MS of `now`); undefined otherwise.
 */
export function cachedCount(
  db: DbOrTx,
  key: string,
  snapshot: string,
  now: Date,
  timed: boolean,
): number | undefined {
  const e = kept(db).counts.get(key);
  if (!e || e.snapshot !== snapshot) return undefined;
  if (timed && Math.abs(now.getTime() - e.at) > TIME_COUNT_MAX_AGE_MS) return undefined;
  return e.value;
}

/** Stores a count read by a statement whose snapshot was `snapshot`, at `now`. */
export function storeCount(
  db: DbOrTx,
  key: string,
  snapshot: string,
  now: Date,
  value: number,
): void {
  const map = kept(db).counts;
  if (map.size >= MAX_ENTRIES && !map.has(key)) map.clear();
  map.set(key, { snapshot, at: now.getTime(), value });
}

/** Forgets every count and the groups kept for `db` (tests). */
export function clearInboxCountCache(db: DbOrTx): void {
  const k = kept(db);
  k.counts.clear();
  k.groups = null;
}

/**
 * The groups as last read from `db` by readGroupsAndSnapshot (any snapshot), or null: an inbox
 * request reads its page first and, when the page's snapshot is theirs, needs no other statement.
 */
export function lastReadGroups(db: DbOrTx): { groups: GroupRef[]; snapshot: string } | null {
  return kept(db).groups;
}

/** The snapshot of the current statement, as text: a column to add to a statement. */
export const snapshotColumn = sql`pg_current_snapshot()::text`;

/**
 * Every group (by name) and the database snapshot, in one statement: what an inbox request
 * reads first, so its counts can be looked up while its page is read.
 */
export async function readGroupsAndSnapshot(
  db: DbOrTx,
): Promise<{ groups: GroupRef[]; snapshot: string }> {
  const rows = await preparedRows<{
    snapshot: string;
    id: string | null;
    key: string;
    name: string;
  }>(
    db,
    sql`select ${snapshotColumn} as snapshot, g.id, g.key, g.name
        from (select 1) one left join ${groups} g on true order by g.name`,
  );
  const read = {
    snapshot: rows[0]!.snapshot,
    groups: rows.flatMap((r) => (r.id === null ? [] : [{ id: r.id, key: r.key, name: r.name }])),
  };
  if (!isTransaction(db)) kept(db).groups = read;
  return read;
}
