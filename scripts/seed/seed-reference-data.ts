import type { DbOrTx } from '../../db/client';
import * as s from '../../db/schema';
import type { ActorType } from '../../db/schema/enum-values';
import { displayPrefix, hashApiToken } from '../../lib/auth/api-token';
import { insertHolidayRule } from '../../lib/data/holiday-rules';
import { makeCalendar, type BusinessCalendar } from '../../lib/domain/business-calendar';
import { autoClaimDefinition } from './auto-claim';
import {
  ruleSeeds,
  slaPolicySeeds,
  standardCalendar,
  standardHolidays,
} from './auto-claim-policies';
import { addMinutes, authorityLimitSeeds, DEMO_TOKEN, demoGroups, demoUsers } from './demo-data';

/** How a seeded audit event names its actor. */
export type SeedActor = {
  actorType: ActorType;
  actorId: string;
  actorLabel: string;
};

/** What the cases of the demo refer to: ids of the people, groups, policies, rules and actors. */
export type SeedRefs = {
  uid: (email: string) => string;
  groupIds: Map<string, string>;
  slaIds: Map<string, string>;
  cal: BusinessCalendar;
  caseTypeId: string;
  caseTypeVersionId: string;
  rules: { id: string; version: number; name: string }[];
  ruleFor: (step: string) => { id: string; version: number; name: string };
  system: SeedActor;
  engine: SeedActor;
  tokenActor: SeedActor;
  userActor: (email: string) => SeedActor;
};

/** Users, groups, the calendar, SLA policies, the auto-claim case type, its rules and the API token. */
export async function seedReferenceData(
  tx: DbOrTx,
  now: Date,
  passwordHash: string,
): Promise<SeedRefs> {
  const userIds = new Map<string, string>();
  for (const u of demoUsers) {
    const [row] = await tx
      .insert(s.users)
      .values({
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash,
        timeZone: 'America/New_York',
      })
      .returning({ id: s.users.id });
    userIds.set(u.email, row!.id);
  }
  const uid = (email: string) => userIds.get(email)!;

  const groupIds = new Map<string, string>();
  for (const g of demoGroups) {
    const [row] = await tx
      .insert(s.groups)
      .values({ key: g.key, name: g.name, supervisorId: uid(g.supervisor) })
      .returning({ id: s.groups.id });
    groupIds.set(g.key, row!.id);
  }
  for (const u of demoUsers) {
    for (const g of u.groups)
      await tx
        .insert(s.groupMemberships)
        .values({ groupId: groupIds.get(g)!, userId: uid(u.email) });
  }

  for (const l of authorityLimitSeeds) {
    const [limit] = await tx
      .insert(s.authorityLimits)
      .values({ groupId: groupIds.get(l.groupKey)! })
      .returning({ id: s.authorityLimits.id });
    await tx.insert(s.authorityLimitVersions).values({
      limitId: limit!.id,
      version: 1,
      maxAmountCents: l.max === null ? null : l.max * 100,
      createdById: uid('admin@example.com'),
    });
  }

  const [calendar] = await tx
    .insert(s.businessCalendars)
    .values({
      key: standardCalendar.key,
      name: standardCalendar.name,
      timeZone: standardCalendar.timeZone,
      workingHours: standardCalendar.workingHours,
    })
    .returning();
  const holidays = standardHolidays(now);
  await tx
    .insert(s.calendarHolidays)
    .values(holidays.map(({ day, name }) => ({ calendarId: calendar!.id, day, name })));
  for (const rule of standardCalendar.holidayRules) await insertHolidayRule(tx, calendar!.id, rule);
  const cal = makeCalendar({ ...standardCalendar, holidays: holidays.map((h) => h.day) });

  const slaIds = new Map<string, string>();
  for (const p of slaPolicySeeds) {
    const [row] = await tx
      .insert(s.slaPolicies)
      .values({
        ...p,
        calendarId: calendar!.id,
        fallbackGroupId: groupIds.get('claims-supervisors'),
      })
      .returning({ id: s.slaPolicies.id });
    slaIds.set(p.key, row!.id);
  }

  const adminId = uid('admin@example.com');
  const [caseType] = await tx
    .insert(s.caseTypes)
    .values({ key: 'auto-claim', name: 'Auto insurance claim' })
    .returning();
  const [typeVersion] = await tx
    .insert(s.caseTypeVersions)
    .values({
      caseTypeId: caseType!.id,
      version: 1,
      definition: autoClaimDefinition,
      createdById: adminId,
    })
    .returning();

  const rules: { id: string; version: number; name: string }[] = [];
  for (const [i, r] of ruleSeeds.entries()) {
    const [rule] = await tx
      .insert(s.routingRules)
      .values({ caseTypeId: caseType!.id, position: (i + 1) * 10 })
      .returning();
    await tx
      .insert(s.routingRuleVersions)
      .values({ ruleId: rule!.id, version: 1, ...r, createdById: adminId });
    rules.push({ id: rule!.id, version: 1, name: r.name });
  }
  const ruleFor = (step: string) =>
    step === 'fraud-review'
      ? rules[0]!
      : step === 'senior-review' || step === 'supervisor-approval'
        ? rules[3]!
        : rules[2]!;

  const [token] = await tx
    .insert(s.apiTokens)
    .values({
      name: 'Demo intake portal',
      tokenHash: hashApiToken(DEMO_TOKEN),
      displayPrefix: displayPrefix(DEMO_TOKEN),
      scopes: ['cases:write', 'cases:read'],
      createdById: adminId,
    })
    .returning();

  const system = {
    actorType: 'system' as const,
    actorId: 'scheduler',
    actorLabel: 'system:scheduler',
  };
  const engine = { actorType: 'system' as const, actorId: 'engine', actorLabel: 'system:engine' };
  const tokenActor = {
    actorType: 'token' as const,
    actorId: token!.id,
    actorLabel: `token:${token!.name}`,
  };
  const userActor = (email: string) => ({
    actorType: 'user' as const,
    actorId: uid(email),
    actorLabel: email,
  });

  await tx.insert(s.auditEvents).values([
    {
      ...userActor('admin@example.com'),
      occurredAt: addMinutes(now, -60 * 24 * 30),
      action: 'case_type.created',
      entityType: 'case_type',
      entityId: caseType!.id,
      summary: 'Case type "Auto insurance claim" v1 created',
      after: { key: 'auto-claim', version: 1 },
    },
    {
      ...userActor('admin@example.com'),
      occurredAt: addMinutes(now, -60 * 24 * 30),
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: token!.id,
      summary: 'API token "Demo intake portal" created',
      after: { scopes: token!.scopes },
    },
  ]);

  return {
    uid,
    groupIds,
    slaIds,
    cal,
    caseTypeId: caseType!.id,
    caseTypeVersionId: typeVersion!.id,
    rules,
    ruleFor,
    system,
    engine,
    tokenActor,
    userActor,
  };
}
