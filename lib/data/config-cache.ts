import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import {
  businessCalendars,
  calendarHolidays,
  caseTypes,
  caseTypeVersions,
  configVersions,
  groups,
  routingRules,
  routingRuleVersions,
  slaPolicies,
} from '../../db/schema';
import { makeCalendar } from '../domain/business-calendar';
import type { GroupLimit } from '../domain/payout-authority';
import type { RuleVersion } from '../domain/routing-rules';
import { loadAutomaticApprovalCents, loadGroupLimits } from './authority';
import type { LoadedSla } from './definitions';

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
  version: number;
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
/** The config version a request already read with its token, by the actor that request made. */
const seenByRequest = new WeakMap<object, number>();

/** Remembers the config version read for this request (the actor object lives as long as it). */
export function noteConfigVersion(requestActor: object, version: number): void {
  seenByRequest.set(requestActor, version);
}

export async function readConfigVersion(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ v: configVersions.version })
    .from(configVersions)
    .where(eq(configVersions.id, 1));
  return Number(row?.v ?? 0);
}

/**
 * The snapshot of the current config version. `requestActor`: the request's actor, whose token
 * check already read the version (else it is read here, one statement). Must be called on the
 * database, never inside a transaction: on a miss it loads with several statements, which a
 * request holding a pooled connection in a transaction must not wait for.
 */
export async function currentConfig(db: Db, requestActor?: object): Promise<ConfigSnapshot> {
  const seen = requestActor ? seenByRequest.get(requestActor) : undefined;
  const version = seen ?? (await readConfigVersion(db));
  const held = holders.get(db);
  // A snapshot of a newer version than this request read is what a read now would give.
  if (held && held.version >= version) return held.snapshot;
  const snapshot = loadSnapshot(db, version);
  holders.set(db, { version, snapshot });
  snapshot.catch(() => {
    if (holders.get(db)?.snapshot === snapshot) holders.delete(db);
  });
  return snapshot;
}

async function loadSnapshot(db: Db, version: number): Promise<ConfigSnapshot> {
  const [types, ruleRows, policies, calendars, holidays, groupRows, automatic, limits] =
    await Promise.all([
      db
        .select({ caseType: caseTypes, version: caseTypeVersions })
        .from(caseTypes)
        .innerJoin(
          caseTypeVersions,
          and(
            eq(caseTypeVersions.caseTypeId, caseTypes.id),
            eq(caseTypeVersions.version, caseTypes.currentVersion),
          ),
        )
        .where(eq(caseTypes.active, true)),
      db
        .select({ rule: routingRules, v: routingRuleVersions })
        .from(routingRules)
        .innerJoin(
          routingRuleVersions,
          and(
            eq(routingRuleVersions.ruleId, routingRules.id),
            eq(routingRuleVersions.version, routingRules.currentVersion),
          ),
        )
        .orderBy(asc(routingRules.caseTypeId), asc(routingRules.position)),
      db.select().from(slaPolicies),
      db.select().from(businessCalendars),
      db
        .select({ calendarId: calendarHolidays.calendarId, day: calendarHolidays.day })
        .from(calendarHolidays),
      db.select().from(groups),
      loadAutomaticApprovalCents(db),
      loadGroupLimits(db),
    ]);

  const rulesByCaseType = new Map<string, RuleVersion[]>();
  for (const { rule, v } of ruleRows) {
    const list = rulesByCaseType.get(rule.caseTypeId) ?? [];
    // The same shape and order as loadCurrentRules (lib/data/definitions.ts).
    list.push({
      ruleId: rule.id,
      version: v.version,
      name: v.name,
      active: rule.active && v.active,
      condition: v.condition,
      actions: v.actions,
    });
    rulesByCaseType.set(rule.caseTypeId, list);
  }
  const daysByCalendar = new Map<string, string[]>();
  for (const h of holidays) {
    const days = daysByCalendar.get(h.calendarId) ?? [];
    days.push(h.day);
    daysByCalendar.set(h.calendarId, days);
  }
  const calendarById = new Map(calendars.map((c) => [c.id, c]));
  const slaByKey = new Map<string, LoadedSla>();
  for (const p of policies) {
    const cal = calendarById.get(p.calendarId);
    if (!cal) continue;
    slaByKey.set(p.key, {
      id: p.id,
      key: p.key,
      spec: {
        due: p.due,
        reminder: p.reminder ?? null,
        escalations: p.escalations,
        onReassign: p.onReassign,
      },
      calendar: makeCalendar({
        timeZone: cal.timeZone,
        workingHours: cal.workingHours,
        holidays: daysByCalendar.get(cal.id) ?? [],
      }),
    });
  }
  return {
    version,
    caseTypeByKey: new Map(types.map((t) => [t.caseType.key, t])),
    rulesByCaseType,
    slaByKey,
    groupByKey: new Map(groupRows.map((g) => [g.key, g])),
    automaticApprovalCents: automatic,
    groupLimits: limits,
  };
}
