import { and, eq, gt, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { DEMO_PASSWORD, DEMO_TOKEN, seedDemo } from '../../scripts/seed/seed-demo';
import { hashApiToken } from '../../lib/auth/api-token';
import { verifyPassword } from '../../lib/auth/password';
import { dueState } from '../../lib/domain/sla';
import { createTestDb, type TestDb } from '../helpers/test-db';

const NOW = new Date('2026-11-24T15:00:00Z'); // a Tuesday, 10:00 in New York
let a: TestDb;
let b: TestDb;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  await seedDemo(a.db, { now: NOW });
  await seedDemo(b.db, { now: NOW });
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe('demo seed — the data contract', () => {
  it('creates the contract users with the demo password, in their groups', async () => {
    const expected: [string, string, string[]][] = [
      ['adjuster@example.com', 'adjuster', ['claims-adjusters']],
      ['adjuster2@example.com', 'adjuster', ['claims-adjusters']],
      ['senior@example.com', 'adjuster', ['senior-adjusters']],
      ['siu@example.com', 'adjuster', ['special-investigations']],
      ['supervisor@example.com', 'supervisor', ['claims-supervisors']],
      // Issue 12: the admin approves payouts above the supervisors' authority.
      ['admin@example.com', 'admin', ['claims-management']],
    ];
    for (const [email, role, groupKeys] of expected) {
      const [u] = await a.db.select().from(s.users).where(eq(s.users.email, email));
      expect(u, email).toBeDefined();
      expect(u!.role).toBe(role);
      expect(u!.active).toBe(true);
      expect(await verifyPassword(DEMO_PASSWORD, u!.passwordHash)).toBe(true);
      expect(await verifyPassword('wrong-password', u!.passwordHash)).toBe(false);
      const memberOf = await a.db
        .select({ key: s.groups.key })
        .from(s.groupMemberships)
        .innerJoin(s.groups, eq(s.groups.id, s.groupMemberships.groupId))
        .where(eq(s.groupMemberships.userId, u!.id));
      expect(memberOf.map((g) => g.key).sort()).toEqual(groupKeys);
    }
  });

  it('makes the supervisor the supervisor of both adjuster groups', async () => {
    const rows = await a.db
      .select({ key: s.groups.key, email: s.users.email })
      .from(s.groups)
      .innerJoin(s.users, eq(s.users.id, s.groups.supervisorId))
      .where(inArray(s.groups.key, ['claims-adjusters', 'senior-adjusters']));
    expect(rows.map((r) => r.email)).toEqual(['supervisor@example.com', 'supervisor@example.com']);
  });

  it('stores the demo-intake-token hashed, with the scopes to open and read cases', async () => {
    const [tok] = await a.db
      .select()
      .from(s.apiTokens)
      .where(eq(s.apiTokens.tokenHash, hashApiToken(DEMO_TOKEN)));
    expect(tok?.scopes.sort()).toEqual(['cases:read', 'cases:write']);
    expect(tok?.revokedAt).toBeNull();
    const plaintext = await a.db
      .select()
      .from(s.apiTokens)
      .where(eq(s.apiTokens.tokenHash, DEMO_TOKEN));
    expect(plaintext).toHaveLength(0);
  });

  it('defines auto-claim with its steps, four ordered rules and SLA policies', async () => {
    const [ct] = await a.db.select().from(s.caseTypes).where(eq(s.caseTypes.key, 'auto-claim'));
    const [v] = await a.db
      .select()
      .from(s.caseTypeVersions)
      .where(eq(s.caseTypeVersions.caseTypeId, ct!.id));
    expect(v!.definition.steps.map((st) => st.key)).toEqual([
      'validate-claim',
      'fix-claim-data',
      'calculate-payout',
      'route-claim',
      'fraud-review',
      'adjuster-review',
      'senior-review',
      'supervisor-approval',
      'issue-payment',
      'resolve-payment-failure',
    ]);
    const rules = await a.db
      .select({ name: s.routingRuleVersions.name, position: s.routingRules.position })
      .from(s.routingRules)
      .innerJoin(s.routingRuleVersions, eq(s.routingRuleVersions.ruleId, s.routingRules.id))
      .orderBy(s.routingRules.position);
    expect(rules.map((r) => r.name)).toEqual([
      'Fraud score 0.8 or more',
      'Payout up to 5,000',
      'Payout 5,001–50,000',
      'Payout over 50,000',
    ]);
    const policies = await a.db.select({ key: s.slaPolicies.key }).from(s.slaPolicies);
    expect(policies.map((p) => p.key)).toContain('adjuster-review');
  });

  it('has cases in every state: ready, claimed, due soon, overdue, escalated, completed, waiting, closed', async () => {
    const tasks = await a.db.select().from(s.tasks);
    const open = tasks.filter((t) => t.status === 'ready' || t.status === 'claimed');
    const states = new Set(open.map((t) => dueState(NOW, t)));
    expect(tasks.some((t) => t.status === 'ready')).toBe(true);
    expect(tasks.some((t) => t.status === 'claimed')).toBe(true);
    expect(tasks.some((t) => t.status === 'completed')).toBe(true);
    expect(states).toEqual(new Set(['on_time', 'due_soon', 'overdue']));
    expect(open.filter((t) => t.escalationLevel >= 1).length).toBeGreaterThanOrEqual(3);
    expect(open.some((t) => t.escalationLevel === 2)).toBe(true);
    // One task falls due within minutes of the seed, so a new user sees the scheduler act.
    expect(
      open.some((t) => t.dueAt! > NOW && t.dueAt!.getTime() - NOW.getTime() <= 10 * 60_000),
    ).toBe(true);
    const caseStatuses = new Set(
      (await a.db.select({ st: s.cases.status }).from(s.cases)).map((c) => c.st),
    );
    expect(caseStatuses).toEqual(new Set(['open', 'waiting', 'closed']));
    const cases = await a.db.select().from(s.cases);
    expect(cases.length).toBeGreaterThanOrEqual(36);
    expect(cases.every((c) => /^CLM-2026-\d{6}$/.test(c.reference))).toBe(true);
  });

  it('gives every open task a due time in the future or an escalation consistent with being late', async () => {
    const overdueUnescalated = await a.db
      .select()
      .from(s.tasks)
      .where(
        and(
          inArray(s.tasks.status, ['ready', 'claimed']),
          lt(s.tasks.dueAt, NOW),
          eq(s.tasks.escalationLevel, 0),
        ),
      );
    // Only the "falls due in minutes" task may be unescalated and due; nothing overdue is left unescalated.
    expect(overdueUnescalated.map((t) => [t.name, t.dueAt?.toISOString()])).toEqual([]);
    const escalatedWithoutTime = await a.db
      .select()
      .from(s.tasks)
      .where(and(gt(s.tasks.escalationLevel, 0), sql`${s.tasks.escalatedAt} is null`));
    expect(escalatedWithoutTime).toHaveLength(0);
  });

  it('writes a case history: every case has an opening event, every task its creation event', async () => {
    const cases = await a.db.select({ id: s.cases.id }).from(s.cases);
    const opened = await a.db
      .select({ caseId: s.auditEvents.caseId })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.action, 'case.opened'));
    expect(new Set(opened.map((o) => o.caseId))).toEqual(new Set(cases.map((c) => c.id)));
    const tasks = await a.db.select({ id: s.tasks.id }).from(s.tasks);
    const created = await a.db
      .select({ taskId: s.auditEvents.taskId })
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'task.created'), isNotNull(s.auditEvents.taskId)));
    expect(new Set(created.map((c) => c.taskId))).toEqual(new Set(tasks.map((t) => t.id)));
  });

  it('has no history from the future: every seeded event happened at or before the seed time', async () => {
    const future = await a.db.select().from(s.auditEvents).where(gt(s.auditEvents.occurredAt, NOW));
    expect(future.map((e) => `${e.action} ${e.summary}`)).toEqual([]);
  });

  it('is deterministic: the same clock gives the same cases', async () => {
    const pick = (db: TestDb) =>
      db.db
        .select({
          reference: s.cases.reference,
          data: s.cases.data,
          status: s.cases.status,
          amount: s.cases.amountCents,
        })
        .from(s.cases)
        .orderBy(s.cases.reference);
    expect(await pick(b)).toEqual(await pick(a));
    const taskShape = (db: TestDb) =>
      db.db
        .select({
          ref: s.cases.reference,
          step: s.tasks.stepKey,
          status: s.tasks.status,
          due: s.tasks.dueAt,
          level: s.tasks.escalationLevel,
        })
        .from(s.tasks)
        .innerJoin(s.cases, eq(s.cases.id, s.tasks.caseId))
        .orderBy(s.cases.reference, s.tasks.createdAt);
    expect(await taskShape(b)).toEqual(await taskShape(a));
  });

  it('does nothing the second time', async () => {
    const before = await a.db.select({ n: sql<number>`count(*)::int` }).from(s.cases);
    expect(await seedDemo(a.db, { now: NOW })).toEqual({ seeded: false, cases: 0, tasks: 0 });
    const after = await a.db.select({ n: sql<number>`count(*)::int` }).from(s.cases);
    expect(after).toEqual(before);
  });
});
