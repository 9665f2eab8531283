import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { loadUserActor } from '../../lib/data/users';
import type { TokenActor, UserActor } from '../../lib/domain/permissions';
import { ruleDraftSchema } from '../../lib/schemas/rules';
import { listRules } from '../../lib/use-cases/list-rules';
import { moveRule } from '../../lib/use-cases/move-rule';
import { previewRule } from '../../lib/use-cases/preview-rule';
import { saveRule } from '../../lib/use-cases/save-rule';
import { openCase } from '../../lib/use-cases/open-case';
import { useDatabaseForTests } from '../../lib/data/database';
import * as rulesRoute from '../../app/api/admin/rules/route';
import * as previewRoute from '../../app/api/admin/rules/preview/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let admin: UserActor;
let supervisor: UserActor;
let token: TokenActor;
let seq = 0;
let adminCookie: string;

type Handler = Parameters<typeof call>[0];
const post = (handler: Handler, path: string, body: unknown) =>
  call(handler, request('POST', path, { cookie: adminCookie, body }), {});

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const byEmail = async (e: string) =>
    (await loadUserActor(
      t.db,
      (await t.db.select().from(s.users).where(eq(s.users.email, e)))[0]!.id,
    ))!;
  admin = await byEmail('admin@example.com');
  adminCookie = await sessionCookie(
    (await t.db.select().from(s.users).where(eq(s.users.email, 'admin@example.com')))[0]!,
  );
  supervisor = await byEmail('supervisor@example.com');
  const [tok] = await t.db.select().from(s.apiTokens);
  token = { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
});
afterAll(async () => {
  await t?.close();
});

const draftOf = (
  r: Awaited<ReturnType<typeof listRules>>['rules'][number],
  patch: Record<string, unknown> = {},
) =>
  ruleDraftSchema.parse({
    caseType: 'auto-claim',
    ruleId: r.id,
    name: r.name,
    description: r.description ?? '',
    condition: r.condition,
    actions: r.actions,
    active: r.active,
    ...patch,
  });

async function open(estimate: number, fraudScore = 0.1) {
  const res = await openCase(
    t.db,
    token,
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: `Rules ${++seq}`, email: 'r@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: estimate,
        deductible: 0,
        coverageLimit: 500000,
        fraudScore,
      },
    },
    `rules-${seq}`,
  );
  return res.case;
}

describe('routing rules administration', () => {
  it('lists rules in evaluation order, in words, with their versions', async () => {
    const { rules, fields } = await listRules(t.db, admin);
    expect(rules.map((r) => r.name)).toEqual([
      'Fraud score 0.8 or more',
      'Payout up to 5,000',
      'Payout 5,001–50,000',
      'Payout over 50,000',
    ]);
    expect(rules[3]!.conditionText).toBe('Recommended payout > 50,000');
    expect(rules[3]!.actionsText).toBe(
      '→ Senior adjusters (Senior adjuster review), priority high, + Payout approval',
    );
    expect(rules.every((r) => r.version === 1 && r.history.length === 1)).toBe(true);
    expect(fields.find((f) => f.path === 'claimant.name')!.operators).not.toContain('gt');
  });

  it('a case routed under v2 still shows v2 after v3 is saved; new cases use v3', async () => {
    const mid = (await listRules(t.db, admin)).rules[2]!;
    const v2 = await saveRule(
      t.db,
      admin,
      draftOf(mid, {
        name: 'Payout 5,001–60,000',
        condition: { field: 'recommendedPayout', op: 'lte', value: 60000 },
      }),
    );
    expect(v2.version).toBe(2);
    const underV2 = await open(55000);
    expect(underV2.tasks[0]!.routing).toMatchObject({
      ruleId: mid.id,
      ruleVersion: 2,
      ruleName: 'Payout 5,001–60,000',
    });
    const v3 = await saveRule(
      t.db,
      admin,
      draftOf(mid, {
        name: 'Payout 5,001–70,000',
        condition: { field: 'recommendedPayout', op: 'lte', value: 70000 },
      }),
    );
    expect(v3.version).toBe(3);
    const [stillV2] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, underV2.tasks[0]!.id));
    expect(stillV2!.routing).toMatchObject({
      ruleVersion: 2,
      summary: 'Routed to Claims adjusters by rule "Payout 5,001–60,000" v2',
    });
    const underV3 = await open(65000);
    expect(underV3.tasks[0]!.routing).toMatchObject({ ruleVersion: 3 });
    const history = (await listRules(t.db, admin)).rules[2]!.history;
    expect(history.map((h) => [h.version, h.createdBy])).toEqual([
      [3, 'admin@example.com'],
      [2, 'admin@example.com'],
      [1, 'admin@example.com'],
    ]);
    const audits = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.entityId, mid.id), eq(s.auditEvents.action, 'rule.saved')))
      .orderBy(desc(s.auditEvents.id));
    expect(audits[0]!.before).toMatchObject({ version: 2 });
    expect(audits[0]!.after).toMatchObject({ version: 3 });
    // Restore the threshold for the tests that follow.
    await saveRule(
      t.db,
      admin,
      draftOf(mid, {
        name: 'Payout 5,001–50,000',
        condition: { field: 'recommendedPayout', op: 'lte', value: 50000 },
      }),
    );
  });

  it('the preview names exactly the recent cases the draft would route differently', async () => {
    const mid = (await listRules(t.db, admin)).rules[2]!;
    const draft = draftOf(mid, {
      condition: { field: 'recommendedPayout', op: 'lte', value: 80000 },
    });
    const preview = await previewRule(t.db, admin, draft, 1000);
    const all = await t.db.select().from(s.cases);
    const expected = all
      .filter((c) => typeof c.data.recommendedPayout === 'number')
      .filter(
        (c) =>
          (c.data.fraudScore as number) < 0.8 &&
          (c.data.recommendedPayout as number) > 50000 &&
          (c.data.recommendedPayout as number) <= 80000,
      )
      .map((c) => c.reference)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(preview.changed.map((c) => c.reference).sort()).toEqual(expected);
    expect(preview.changed[0]!.before).toContain('Senior adjuster review');
    expect(preview.changed[0]!.after).toContain('Adjuster review · Claims adjusters');
    expect(preview.evaluated).toBe(
      all.filter((c) => typeof c.data.recommendedPayout === 'number').length,
    );
    // Nothing was saved by previewing.
    expect((await listRules(t.db, admin)).rules[2]!.version).toBe(mid.version);
  });

  it('points out a rule that can never match and one an earlier rule covers completely', async () => {
    const never = await previewRule(
      t.db,
      admin,
      ruleDraftSchema.parse({
        name: 'Impossible',
        condition: {
          all: [
            { field: 'recommendedPayout', op: 'gt', value: 1000 },
            { field: 'recommendedPayout', op: 'lt', value: 500 },
          ],
        },
        actions: [{ type: 'set_priority', priority: 'urgent' }],
      }),
    );
    expect(never.warnings[0]?.code).toBe('never_matches');
    const shadowed = await previewRule(
      t.db,
      admin,
      ruleDraftSchema.parse({
        name: 'Huge payouts',
        condition: { field: 'recommendedPayout', op: 'gt', value: 90000 },
        actions: [
          { type: 'route_to_group', groupKey: 'special-investigations', stepKey: 'fraud-review' },
        ],
      }),
    );
    expect(shadowed.warnings).toEqual([
      expect.objectContaining({ code: 'shadowed', byRules: ['Payout over 50,000'] }),
    ]);
    expect(shadowed.matchedByDraft).toBe(0);
  });

  it('validates fields, operators, values and actions against the case type, naming each problem', async () => {
    const bad = ruleDraftSchema.parse({
      name: 'Broken',
      condition: {
        all: [
          { field: 'shoeSize', op: 'gt', value: 3 },
          { field: 'claimant.name', op: 'gt', value: 'A' },
          { field: 'fraudScore', op: 'gte', value: 'high' },
        ],
      },
      actions: [{ type: 'route_to_group', groupKey: 'nobody', stepKey: 'validate-claim' }],
    });
    await expect(saveRule(t.db, admin, bad)).rejects.toMatchObject({
      code: 'validation',
      fields: {
        'condition.all.0.field': 'is not a field of the case type',
        'condition.all.1.op': '"gt" does not apply to a string field',
        'condition.all.2.value': 'must be a number',
        'actions.0.stepKey': 'is not a human step of the case type',
        'actions.0.groupKey': 'is not a group',
      },
    });
    expect((await listRules(t.db, admin)).rules).toHaveLength(4);
  });

  it('evaluation order can be changed, and it changes routing', async () => {
    const rules = (await listRules(t.db, admin)).rules;
    const fraudSmall = await open(3000, 0.95);
    expect(fraudSmall.tasks[0]!.name).toBe('Fraud review');
    await moveRule(t.db, admin, rules[1]!.id, 'up'); // "Payout up to 5,000" now first
    expect((await listRules(t.db, admin)).rules.map((r) => r.name).slice(0, 2)).toEqual([
      'Payout up to 5,000',
      'Fraud score 0.8 or more',
    ]);
    const after = await open(3000, 0.95);
    expect(after.status).toBe('closed');
    await expect(moveRule(t.db, admin, rules[1]!.id, 'up')).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    await moveRule(t.db, admin, rules[1]!.id, 'down');
    expect((await listRules(t.db, admin)).rules[0]!.name).toBe('Fraud score 0.8 or more');
    const moves = await t.db
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.action, 'rule.moved'));
    expect(moves).toHaveLength(2);
  });

  it('a new rule is evaluated last; deactivating it is a new version', async () => {
    const created = await saveRule(
      t.db,
      admin,
      ruleDraftSchema.parse({
        name: 'VIP claimant',
        condition: { field: 'claimant.name', op: 'contains', value: 'VIP' },
        actions: [{ type: 'set_priority', priority: 'urgent' }],
      }),
    );
    let rules = (await listRules(t.db, admin)).rules;
    expect(rules.at(-1)!.name).toBe('VIP claimant');
    const r = rules.at(-1)!;
    await saveRule(t.db, admin, draftOf(r, { active: false }));
    rules = (await listRules(t.db, admin)).rules;
    expect(rules.at(-1)).toMatchObject({ id: created.ruleId, active: false, version: 2 });
  });

  it('supervisors may not edit or preview rules, and the attempt is audited', async () => {
    await expect(listRules(t.db, supervisor)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      saveRule(
        t.db,
        supervisor,
        ruleDraftSchema.parse({
          name: 'Sneaky',
          condition: { field: 'fraudScore', op: 'gte', value: 0 },
          actions: [{ type: 'straight_through', stepKey: 'issue-payment' }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const refused = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.action, 'auth.refused'),
          eq(s.auditEvents.actorLabel, 'supervisor@example.com'),
        ),
      );
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect((await listRules(t.db, admin)).rules.some((r) => r.name === 'Sneaky')).toBe(false);
  });

  it('a rule the earlier rules take together is flagged, and it can be saved where it still catches cases', async () => {
    const body = {
      caseType: 'auto-claim',
      name: 'Large and doubtful',
      condition: {
        all: [
          { field: 'recommendedPayout', op: 'gt', value: 10000 },
          { field: 'fraudScore', op: 'gte', value: 0.5 },
        ],
      },
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    };
    const last = await post(previewRoute.POST as Handler, '/api/admin/rules/preview', {
      draft: body,
    });
    expect(last.status).toBe(200);
    expect(last.body.warnings).toEqual([
      expect.objectContaining({
        code: 'shadowed',
        byRules: ['Payout 5,001–50,000', 'Payout over 50,000'],
      }),
    ]);
    const rules = (await listRules(t.db, admin)).rules;
    expect(last.body.position).toBe(rules.length + 1);
    expect(last.body.suggestion).toEqual({
      insertBefore: rules[3]!.id,
      place: 4,
      name: 'Payout over 50,000',
    });
    // Previewed at the suggested place, it catches large doubtful claims and has no warning.
    const there = await post(previewRoute.POST as Handler, '/api/admin/rules/preview', {
      draft: { ...body, insertBefore: rules[3]!.id },
    });
    expect(there.body).toMatchObject({ warnings: [], position: 4, suggestion: null });
    const saved = await post(rulesRoute.POST as Handler, '/api/admin/rules', {
      ...body,
      insertBefore: rules[3]!.id,
    });
    expect(saved.status).toBe(201);
    const after = (await listRules(t.db, admin)).rules;
    expect(after.map((r) => r.name)).toEqual([
      ...rules.slice(0, 3).map((r) => r.name),
      'Large and doubtful',
      ...rules.slice(3).map((r) => r.name),
    ]);
    expect(after[3]!.warnings).toEqual([]);
    const routed = await open(70000, 0.6);
    expect(routed.tasks[0]!.routing).toMatchObject({ ruleName: 'Large and doubtful' });
    const [audit] = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.entityId, saved.body.ruleId),
          eq(s.auditEvents.action, 'rule.created'),
        ),
      );
    expect(audit!.summary).toContain('before rule 4 "Payout over 50,000"');
    // Inserting again and again before one rule uses up the gaps; the rules are then renumbered
    // and keep their order. Inserting before the first rule works too.
    const stacked: string[] = [];
    for (const k of [1, 2, 3, 4, 5, 6])
      stacked.push(
        (
          await saveRule(
            t.db,
            admin,
            ruleDraftSchema.parse({ ...body, name: `Stacked ${k}`, insertBefore: after[1]!.id }),
          )
        ).ruleId,
      );
    const first = await saveRule(
      t.db,
      admin,
      ruleDraftSchema.parse({ ...body, name: 'First of all', insertBefore: after[0]!.id }),
    );
    expect((await listRules(t.db, admin)).rules.map((r) => r.id)).toEqual([
      first.ruleId,
      after[0]!.id,
      ...stacked,
      ...after.slice(1).map((r) => r.id),
    ]);
    // The tests that follow expect the seed's rules only.
    for (const id of [first.ruleId, ...stacked, saved.body.ruleId as string])
      await t.db.delete(s.routingRules).where(eq(s.routingRules.id, id));
  });

  it('refuses an insertion place that is not a rule of the case type, or on an existing rule', async () => {
    const rules = (await listRules(t.db, admin)).rules;
    const body = {
      name: 'Somewhere',
      condition: { field: 'fraudScore', op: 'gte', value: 0.5 },
      actions: [{ type: 'set_priority', priority: 'high' }],
    };
    const unknown = await post(rulesRoute.POST as Handler, '/api/admin/rules', {
      ...body,
      insertBefore: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({ insertBefore: 'is not a rule of this case type' });
    const existing = await post(rulesRoute.POST as Handler, '/api/admin/rules', {
      ...body,
      ruleId: rules[1]!.id,
      insertBefore: rules[0]!.id,
    });
    expect(existing.status).toBe(400);
    expect(existing.body.error.fields).toHaveProperty('insertBefore');
    expect((await listRules(t.db, admin)).rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
  });

  it('refuses impossible dates and date-times without a zone, naming the field', async () => {
    const body = (value: string) => ({
      name: 'Old incidents',
      condition: {
        all: [
          { field: 'fraudScore', op: 'gte', value: 0.5 },
          { field: 'incidentDate', op: 'lt', value },
        ],
      },
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    const impossible = await post(
      rulesRoute.POST as Handler,
      '/api/admin/rules',
      body('2026-02-30'),
    );
    expect(impossible.status).toBe(400);
    expect(impossible.body.error.fields).toEqual({
      'condition.all.1.value': expect.stringContaining('real calendar date'),
    });
    const zoneless = await post(previewRoute.POST as Handler, '/api/admin/rules/preview', {
      draft: body('2026-02-28T09:00:00'),
    });
    expect(zoneless.status).toBe(400);
    expect(zoneless.body.error.fields['condition.all.1.value']).toContain('time zone');
    expect(
      (
        await post(
          rulesRoute.POST as Handler,
          '/api/admin/rules',
          body('2026-02-28T09:00:00+01:00'),
        )
      ).status,
    ).toBe(201);
    const rules = (await listRules(t.db, admin)).rules;
    await t.db.delete(s.routingRules).where(eq(s.routingRules.id, rules.at(-1)!.id));
  });

  it('text comparisons ignore case: a claimant typed in capitals still matches "eq"', async () => {
    const created = await saveRule(
      t.db,
      admin,
      ruleDraftSchema.parse({
        name: 'Named claimant',
        condition: { field: 'claimant.name', op: 'in', value: ['rules shout'] },
        actions: [{ type: 'set_priority', priority: 'urgent' }],
        insertBefore: (await listRules(t.db, admin)).rules[0]!.id,
      }),
    );
    const res = await openCase(
      t.db,
      token,
      {
        caseType: 'auto-claim',
        data: {
          policyNumber: 'POL-123456',
          claimant: { name: 'RULES SHOUT', email: 'r@example.com' },
          incidentDate: new Date().toISOString().slice(0, 10),
          damageEstimate: 20000,
          deductible: 0,
          coverageLimit: 500000,
          fraudScore: 0.1,
        },
      },
      `rules-shout-${++seq}`,
    );
    expect(res.case.tasks[0]!.routing).toMatchObject({ ruleName: 'Named claimant' });
    await t.db.delete(s.routingRules).where(eq(s.routingRules.id, created.ruleId));
  });
});
