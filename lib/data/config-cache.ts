import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { configVersions } from '../../db/schema';
import type { caseTypes, caseTypeVersions, groups } from '../../db/schema';
import type { GroupLimit } from '../domain/payout-authority';
import type { RuleVersion } from '../domain/routing-rules';
import { log } from '../log';
import { loadAutomaticApprovalCents, loadGroupLimits } from './authority';
import {
  listActiveCaseTypes,
  listGroups,
  loadAllCurrentRules,
  loadAllSlaPolicies,
  type LoadedSla,
} from './definitions';

/**
 * What intake reads on every case but people change rarely — case types and their current
 * definitions, routing rules, SLA policies with their calendars and holidays, groups, the
 * automatic approval limit and the groups' authority limits — loaded whole, once per config
 * version (config_versions, bumped by triggers in every transaction that edits one of those
 * tables, migration 0012).
 *
 * Freshness: every request reads the current version first (for API calls in the same statement
 * as its token, lib/auth/bearer.ts) and a snapshot is only used for the version it was loaded
 * under, so an edit takes effect for every request that starts after the edit commits; a request
 * already under way finishes with what it started with, as it did when it read the rules itself.
 * A snapshot is loaded after its version was read, so it is never older than its version.
 */
export type ConfigSnapshot = {
  /** The config version the snapshot was read under; null when the version row was missing. */
  version: number | null;
  caseTypeByKey: ReadonlyMap<
    string,
    { caseType: typeof caseTypes.$inferSelect; version: typeof caseTypeVersions.$inferSelect }
  >;
  rulesByCaseType: ReadonlyMap<string, RuleVersion[]>;
  slaByKey: ReadonlyMap<string, LoadedSla>;
  groupByKey: ReadonlyMap<string, typeof groups.$inferSelect>;
  automaticApprovalCents: number;
  groupLimits: GroupLimit[];
};

type Holder = { version: number; snapshot: Promise<ConfigSnapshot> };
/** One cache per database handle (tests open many databases in one process). */
const holders = new WeakMap<object, Holder>();
/**
 * The config version a request already read with its token, by the actor that request made;
 * null when the version row was missing.
 */
const seenByRequest = new WeakMap<object, number | null>();

/** Remembers the config version read for this request (the actor object lives as long as it). */
export function noteConfigVersion(requestActor: object, version: number | null): void {
  seenByRequest.set(requestActor, version);
}

/** The current config version; null when its row is missing (then nothing may be cached). */
export async function readConfigVersion(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ v: configVersions.version })
    .from(configVersions)
    .where(eq(configVersions.id, 1));
  return row ? Number(row.v) : null;
}

/**
 * The snapshot of the current config version. `requestActor`: the request's actor, whose token
 * check already read the version (else it is read here, one statement). Must be called on the
 * database, never inside a transaction: on a miss it loads in a transaction of its own, which a
 * request holding a pooled connection in a transaction must not wait for.
 *
 * Without the version row (deleted by hand: the triggers that bump it update a row that is not
 * there) no version can say the config is unchanged, so every call loads afresh until the row is
 * back — slower, never stale.
 */
export async function currentConfig(db: Db, requestActor?: object): Promise<ConfigSnapshot> {
  const seen = requestActor ? seenByRequest.get(requestActor) : undefined;
  const version = seen !== undefined ? seen : await readConfigVersion(db);
  if (version === null) {
    holders.delete(db);
    if (!warnedMissing.has(db)) {
      warnedMissing.add(db);
      log.warn('config_versions has no row: the intake config cache is off until it is back');
    }
    return loadConfigSnapshot(db);
  }
  const held = holders.get(db);
  // A snapshot of a newer version than this request read is what a read now would give.
  if (held && held.version >= version) return held.snapshot;
  const snapshot = loadConfigSnapshot(db);
  const holder = { version, snapshot };
  holders.set(db, holder);
  snapshot.then(
    // Loaded under a later version than the request saw: good for that one too.
    (loaded) => {
      if (loaded.version !== null && loaded.version > holder.version)
        holder.version = loaded.version;
    },
    () => {
      if (holders.get(db) === holder) holders.delete(db);
    },
  );
  return snapshot;
}
const warnedMissing = new WeakSet<object>();

/**
 * Everything the snapshot holds, read in one REPEATABLE READ, READ ONLY transaction: every part
 * and the version come from one database snapshot, so a change committed while it loads is
 * either wholly in it or wholly out (and then its version is newer than the one recorded).
 */
export async function loadConfigSnapshot(db: Db): Promise<ConfigSnapshot> {
  return db.transaction(
    async (tx) => {
      const version = await readConfigVersion(tx);
      const types = await listActiveCaseTypes(tx);
      const rulesByCaseType = await loadAllCurrentRules(tx);
      const slaByKey = await loadAllSlaPolicies(tx);
      const groupRows = await listGroups(tx);
      const automaticApprovalCents = await loadAutomaticApprovalCents(tx);
      const groupLimits = await loadGroupLimits(tx);
      return {
        version,
        caseTypeByKey: new Map(types.map((t) => [t.caseType.key, t])),
        rulesByCaseType,
        slaByKey,
        groupByKey: new Map(groupRows.map((g) => [g.key, g])),
        automaticApprovalCents,
        groupLimits,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
