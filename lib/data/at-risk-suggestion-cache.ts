import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';

/*
 * The team console's rebalancing suggestion, kept per process and per group: computing it
 * simulates the group's queue many times (about a second for a big group), and every supervisor
 * polling the At risk section would otherwise pay that on every request.
 *
 * A suggestion is stored with the snapshot of the group's predictions it was computed beside
 * (how many are at risk and when they were last computed) and reused only while the predictions
 * still show that snapshot and for at most SUGGESTION_MAX_AGE_MS: the scheduler's predictions
 * run, a Recompute or an Apply writes new predictions and so a new snapshot. Recompute and Apply
 * also forget the group's suggestion outright (a recompute within the same millisecond, as with
 * a fixed clock, leaves the snapshot as it was).
 */

/** How long a suggestion is reused at most, even with the predictions unchanged. */
export const SUGGESTION_MAX_AGE_MS = 60_000;
/** Entries kept at most (then the cache starts afresh: a bound, not an eviction policy). */
const MAX_ENTRIES = 1_000;

/** What the At risk view needs of a suggestion: the moves and the breaches before → after. */
export type CachedSuggestion = {
  moves: { taskId: string; fromId: string | null; toId: string }[];
  before: number;
  after: number;
};
type Entry = { snapshot: string; at: number; value: CachedSuggestion };

const CACHE_KEY = Symbol.for('handoff.at-risk-suggestion-cache');

function kept(db: DbOrTx): Map<string, Entry> {
  // On globalThis: one cache per process, whatever the bundling of routes; per database handle,
  // as two databases (tests) can hold groups with the same snapshot.
  const g = globalThis as typeof globalThis & { [CACHE_KEY]?: WeakMap<object, Map<string, Entry>> };
  g[CACHE_KEY] ??= new WeakMap();
  let k = g[CACHE_KEY].get(db);
  if (!k) g[CACHE_KEY].set(db, (k = new Map<string, Entry>()));
  return k;
}

/**
 * The snapshot of a group's predictions: the at-risk rows' count and latest computation, read
 * through the group's at-risk index (task_predictions_group_risk_idx).
 */
export async function atRiskSnapshotOf(db: DbOrTx, groupId: string): Promise<string> {
  const [r] = await queryRows<{ n: number; at: Date | string | null }>(
    db,
    sql`select count(*)::int as n, max(computed_at) as at from task_predictions
         where group_id = ${groupId}::uuid and at_risk`,
  );
  const at = r?.at ? new Date(r.at).toISOString() : '-';
  return `${Number(r?.n ?? 0)}@${at}`;
}

/** The suggestion stored for the group at `snapshot` within SUGGESTION_MAX_AGE_MS of `now`. */
export function cachedSuggestion(
  db: DbOrTx,
  groupId: string,
  snapshot: string,
  now: Date,
): CachedSuggestion | undefined {
  const e = kept(db).get(groupId);
  if (!e || e.snapshot !== snapshot) return undefined;
  if (Math.abs(now.getTime() - e.at) > SUGGESTION_MAX_AGE_MS) return undefined;
  return e.value;
}

/** Stores the group's suggestion, computed at `now` beside predictions at `snapshot`. */
export function storeSuggestion(
  db: DbOrTx,
  groupId: string,
  snapshot: string,
  now: Date,
  value: CachedSuggestion,
): void {
  const map = kept(db);
  if (map.size >= MAX_ENTRIES && !map.has(groupId)) map.clear();
  map.set(groupId, {
    snapshot,
    at: now.getTime(),
    value: { moves: value.moves, before: value.before, after: value.after },
  });
}

/** Forgets the group's suggestion (its predictions were just recomputed or its work moved). */
export function forgetSuggestion(db: DbOrTx, groupId: string): void {
  kept(db).delete(groupId);
}
