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

export async function getDefinitionVersion(db: DbOrTx, versionId: string) {
  const [v] = await db.select().from(caseTypeVersions).where(eq(caseTypeVersions.id, versionId));
  return v ?? null;
}

/** The current version of every rule of a case type, in evaluation order. */
export async function loadCurrentRules(db: DbOrTx, caseTypeId: string): Promise<RuleVersion[]> {
  const rows = await db
    .select({ rule: routingRules, v: routingRuleVersions })
    .from(routingRules)
    .innerJoin(
      routingRuleVersions,
      and(
        eq(routingRuleVersions.ruleId, routingRules.id),
        eq(routingRuleVersions.version, routingRules.currentVersion),
      ),
    )
    .where(eq(routingRules.caseTypeId, caseTypeId))
    .orderBy(asc(routingRules.position));
  return rows.map(({ rule, v }) => ({
    ruleId: rule.id,
    version: v.version,
    name: v.name,
    active: rule.active && v.active,
    condition: v.condition,
    actions: v.actions,
  }));
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
  return {
    id: p.id,
    key: p.key,
    spec: {
      due: p.due,
      reminder: p.reminder ?? null,
      escalations: p.escalations,
      onReassign: p.onReassign,
    },
    calendar: makeCalendar({
      timeZone: cal!.timeZone,
      workingHours: cal!.workingHours,
      holidays: holidays.map((h) => h.day),
    }),
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
