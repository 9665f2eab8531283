import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  businessCalendars,
  calendarHolidays,
  caseTypes,
  caseTypeVersions,
  groups,
  routingRules,
  routingRuleVersions,
  slaPolicies,
  users,
} from '../../db/schema';
import { makeCalendar, type BusinessCalendar } from '../domain/business-calendar';
import type { RuleVersion } from '../domain/routing-rules';
import type { SlaPolicySpec } from '../domain/sla';

export async function getCaseTypeByKey(db: DbOrTx, key: string) {
  const [ct] = await db
    .select()
    .from(caseTypes)
    .where(and(eq(caseTypes.key, key), eq(caseTypes.active, true)));
  if (!ct) return null;
  const [v] = await db
    .select()
    .from(caseTypeVersions)
    .where(
      and(eq(caseTypeVersions.caseTypeId, ct.id), eq(caseTypeVersions.version, ct.currentVersion)),
    );
  return v ? { caseType: ct, version: v } : null;
}

/** Joins a case type to its current definition version. */
const isCurrentDefinition = () =>
  and(
    eq(caseTypeVersions.caseTypeId, caseTypes.id),
    eq(caseTypeVersions.version, caseTypes.currentVersion),
  );

/** Every active case type with its current definition version. */
export async function listActiveCaseTypes(db: DbOrTx) {
  return db
    .select({ caseType: caseTypes, version: caseTypeVersions })
    .from(caseTypes)
    .innerJoin(caseTypeVersions, isCurrentDefinition())
    .where(eq(caseTypes.active, true));
}

/** The reference prefixes the current definitions of the case types use (CLM, …). */
export async function listReferencePrefixes(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ prefix: sql<string>`${caseTypeVersions.definition}->>'referencePrefix'` })
    .from(caseTypes)
    .innerJoin(caseTypeVersions, isCurrentDefinition());
  return rows.flatMap((r) => (r.prefix ? [r.prefix] : []));
}

export async function getDefinitionVersion(db: DbOrTx, versionId: string) {
  const [v] = await db.select().from(caseTypeVersions).where(eq(caseTypeVersions.id, versionId));
  return v ?? null;
}

/** The current version of every rule of a case type, in evaluation order. */
export async function loadCurrentRules(db: DbOrTx, caseTypeId: string): Promise<RuleVersion[]> {
  return (await currentRuleRows(db, caseTypeId)).map(ruleVersionOf);
}

/** The current rules of every case type, by case type id, each list in evaluation order. */
export async function loadAllCurrentRules(db: DbOrTx): Promise<Map<string, RuleVersion[]>> {
  const byCaseType = new Map<string, RuleVersion[]>();
  for (const row of await currentRuleRows(db)) {
    const list = byCaseType.get(row.rule.caseTypeId) ?? [];
    list.push(ruleVersionOf(row));
    byCaseType.set(row.rule.caseTypeId, list);
  }
  return byCaseType;
}

function currentRuleRows(db: DbOrTx, caseTypeId?: string) {
  return db
    .select({ rule: routingRules, v: routingRuleVersions })
    .from(routingRules)
    .innerJoin(
      routingRuleVersions,
      and(
        eq(routingRuleVersions.ruleId, routingRules.id),
        eq(routingRuleVersions.version, routingRules.currentVersion),
      ),
    )
    .where(caseTypeId ? eq(routingRules.caseTypeId, caseTypeId) : undefined)
    .orderBy(asc(routingRules.caseTypeId), asc(routingRules.position));
}

function ruleVersionOf({
  rule,
  v,
}: {
  rule: typeof routingRules.$inferSelect;
  v: typeof routingRuleVersions.$inferSelect;
}): RuleVersion {
  return {
    ruleId: rule.id,
    version: v.version,
    name: v.name,
    active: rule.active && v.active,
    condition: v.condition,
    actions: v.actions,
  };
}

export type LoadedSla = {
  id: string;
  key: string;
  spec: SlaPolicySpec;
  calendar: BusinessCalendar;
};

export async function loadSlaPolicy(db: DbOrTx, key: string): Promise<LoadedSla | null> {
  const [p] = await db.select().from(slaPolicies).where(eq(slaPolicies.key, key));
  if (!p) return null;
  const [cal] = await db
    .select()
    .from(businessCalendars)
    .where(eq(businessCalendars.id, p.calendarId));
  const holidays = await db
    .select({ day: calendarHolidays.day })
    .from(calendarHolidays)
    .where(eq(calendarHolidays.calendarId, p.calendarId));
  return loadedSlaOf(
    p,
    cal!,
    holidays.map((h) => h.day),
  );
}

/** Every SLA policy with its calendar and holidays, by key (three statements). */
export async function loadAllSlaPolicies(db: DbOrTx): Promise<Map<string, LoadedSla>> {
  const policies = await db.select().from(slaPolicies);
  const calendars = await db.select().from(businessCalendars);
  const holidays = await db
    .select({ calendarId: calendarHolidays.calendarId, day: calendarHolidays.day })
    .from(calendarHolidays);
  const daysByCalendar = new Map<string, string[]>();
  for (const h of holidays) {
    const days = daysByCalendar.get(h.calendarId) ?? [];
    days.push(h.day);
    daysByCalendar.set(h.calendarId, days);
  }
  const calendarById = new Map(calendars.map((c) => [c.id, c]));
  const byKey = new Map<string, LoadedSla>();
  for (const p of policies) {
    const cal = calendarById.get(p.calendarId);
    if (cal) byKey.set(p.key, loadedSlaOf(p, cal, daysByCalendar.get(cal.id) ?? []));
  }
  return byKey;
}

function loadedSlaOf(
  p: typeof slaPolicies.$inferSelect,
  cal: typeof businessCalendars.$inferSelect,
  holidays: string[],
): LoadedSla {
  return {
    id: p.id,
    key: p.key,
    spec: {
      due: p.due,
      reminder: p.reminder ?? null,
      escalations: p.escalations,
      onReassign: p.onReassign,
    },
    calendar: makeCalendar({ timeZone: cal.timeZone, workingHours: cal.workingHours, holidays }),
  };
}

/** The policy a task points at (tasks store the policy id). */
export async function loadSlaPolicyById(db: DbOrTx, id: string | null): Promise<LoadedSla | null> {
  if (!id) return null;
  const [p] = await db
    .select({ key: slaPolicies.key })
    .from(slaPolicies)
    .where(eq(slaPolicies.id, id));
  return p ? loadSlaPolicy(db, p.key) : null;
}

export async function listGroups(db: DbOrTx) {
  return db.select().from(groups);
}

export async function getGroupByKey(db: DbOrTx, key: string) {
  const [g] = await db.select().from(groups).where(eq(groups.key, key));
  return g ?? null;
}

export async function getActiveUserByEmail(db: DbOrTx, email: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.active, true)));
  return u ?? null;
}
