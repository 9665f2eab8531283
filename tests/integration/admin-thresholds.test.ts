/**
 * Authority limits and the threshold settings (variance share, automatic approval limit) as
 * admin-defined threshold rules, through the real route handlers and use-cases: versions and
 * audit events with before and after, stale versions, admins only, hostile bodies, the preview
 * of the open tasks a change would flip, and a removed personal limit falling back to the
 * person's groups.
 */
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import {
  authorityOf,
  loadAutomaticApprovalCents,
  loadGroupLimits,
  loadVarianceShare,
} from '../../lib/data/authority';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import type { TokenActor, UserActor } from '../../lib/domain/permissions';
import { claimTask } from '../../lib/use-cases/claim-task';
import { listThresholds } from '../../lib/use-cases/list-thresholds';
import { openCase } from '../../lib/use-cases/open-case';
import { previewAuthorityLimit } from '../../lib/use-cases/preview-authority-limit';
import { saveAuthorityLimit } from '../../lib/use-cases/save-authority-limit';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as listRoute from '../../app/api/admin/thresholds/route';
import * as limitsRoute from '../../app/api/admin/thresholds/limits/route';
import * as removeRoute from '../../app/api/admin/thresholds/limits/remove/route';
import * as previewRoute from '../../app/api/admin/thresholds/limits/preview/route';
import * as shareRoute from '../../app/api/admin/thresholds/variance-share/route';
import * as automaticRoute from '../../app/api/admin/thresholds/automatic-approval/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
const cookie = new Map<string, string>();
const actors = new Map<string, UserActor>();
const groupId = new Map<string, string>();
let token: TokenActor;
let seq = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    cookie.set(u.email, await sessionCookie(u));
    actors.set(u.email, (await loadUserActor(t.db, u.id))!);
  }
  for (const g of await t.db.select().from(s.groups)) groupId.set(g.key, g.id);
  const [tok] = await t.db.select().from(s.apiTokens);
  token = { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
  // The seed sets these; saving them again is a no-op then, and makes the tests independent of it.
  for (const [key, max] of [
    ['claims-adjusters', 50_000],
    ['senior-adjusters', 100_000],
    ['claims-supervisors', 250_000],
  ] as const)
    await saveAuthorityLimit(t.db, admin(), { groupId: group(key), maxAmount: max });
});
afterAll(async () => {
  await t?.close();
});

const admin = () => actors.get('admin@example.com')!;
const person = (email: string) => actors.get(email)!;
const group = (key: string) => groupId.get(key)!;

type Handler = Parameters<typeof call>[0];
const send = (
  handler: Handler,
  method: string,
  path: string,
  body?: unknown,
  who = 'admin@example.com',
) => call(handler, request(method, path, { cookie: cookie.get(who), body }), {});
const putLimit = (body: unknown, who?: string) =>
  send(limitsRoute.PUT as Handler, 'PUT', '/api/admin/thresholds/limits', body, who);

const limitOf = async (subject: { groupId?: string; userId?: string }) =>
  (await listThresholds(t.db, admin())).limits.find(
    (l) => l.subject.id === (subject.groupId ?? subject.userId),
  );
const versionRows = async () =>
  (await t.db.select({ n: count() }).from(s.authorityLimitVersions))[0]!.n;

async function open(payout: number) {
  const res = await openCase(
    t.db,
    token,
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: `Threshold ${++seq}`, email: 'th@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: payout,
        deductible: 0,
        coverageLimit: 500000,
        fraudScore: 0.1,
      },
    },
    `thresholds-${seq}`,
  );
  return { ...res.case, task: res.case.tasks.find((x) => x.status === 'ready')! };
}

describe('authority limits', () => {
  it('lists every limit in words with its version, who changed it and its history', async () => {
    await saveAuthorityLimit(t.db, admin(), { groupId: group('claims-intake'), maxAmount: null });
    const data = await listThresholds(t.db, admin());
    const texts = data.limits.filter((l) => l.active).map((l) => l.text);
    expect(texts).toContain('Claims adjusters may approve up to 50,000');
    expect(texts).toContain('Senior adjusters may approve up to 100,000');
    expect(texts).toContain('Claims intake may approve any amount');
    const adjusters = data.limits.find((l) => l.subject.id === group('claims-adjusters'))!;
    expect(adjusters.history[0]!.version).toBe(adjusters.version);
    expect(data.varianceShare).toMatchObject({
      value: 0.1,
      text: 'An amount that differs from the recommended payout by more than 10% needs a written reason',
    });
    expect(data.people.find((p) => p.email === 'senior@example.com')!.groups).toEqual([
      'Senior adjusters',
    ]);
  });

  it('a save is a new version in force at once, audited with before and after', async () => {
    const subject = { groupId: group('claims-adjusters') };
    const cur = (await limitOf(subject))!;
    const res = await putLimit({
      ...subject,
      maxAmount: 60000.5,
      expectedVersion: cur.version,
      note: 'Q3 review',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: cur.version + 1,
      changed: true,
      text: 'Claims adjusters may approve up to 60,000.50',
    });
    expect((await authorityOf(t.db, person('adjuster@example.com').id)).maxCents).toBe(6_000_050);
    const [event] = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.action, 'authority_limit.saved'), eq(s.auditEvents.entityId, cur.id)),
      )
      .orderBy(desc(s.auditEvents.id))
      .limit(1);
    expect(event!.before).toMatchObject({
      version: cur.version,
      maxAmountCents: 5_000_000,
      active: true,
    });
    expect(event!.after).toMatchObject({
      version: cur.version + 1,
      maxAmountCents: 6_000_050,
      note: 'Q3 review',
    });
    expect(event!.actorLabel).toBe('admin@example.com');
    const after = (await limitOf(subject))!;
    expect(after).toMatchObject({
      version: cur.version + 1,
      updatedBy: 'Ada Admin',
      note: 'Q3 review',
    });
    expect(after.history.map((h) => h.version).slice(0, 2)).toEqual([cur.version + 1, cur.version]);
    // Saving what is in force writes nothing.
    const rows = await versionRows();
    const again = await putLimit({ ...subject, maxAmount: 60000.5 });
    expect(again.body).toMatchObject({ changed: false, version: cur.version + 1 });
    expect(await versionRows()).toBe(rows);
    await saveAuthorityLimit(t.db, admin(), { ...subject, maxAmount: 50000 });
  });

  it('a save from a stale version is a 409 and writes nothing', async () => {
    const subject = { groupId: group('senior-adjusters') };
    const cur = (await limitOf(subject))!;
    expect(
      (await putLimit({ ...subject, maxAmount: 110000, expectedVersion: cur.version })).status,
    ).toBe(200);
    const rows = await versionRows();
    const stale = await putLimit({ ...subject, maxAmount: 90000, expectedVersion: cur.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', currentVersion: cur.version + 1 });
    expect(stale.body.error.message).toMatch(/Someone saved Senior adjusters meanwhile/);
    // "0" means "I am creating it": a limit that exists is a conflict too.
    expect((await putLimit({ ...subject, maxAmount: 90000, expectedVersion: 0 })).status).toBe(409);
    expect(await versionRows()).toBe(rows);
    await saveAuthorityLimit(t.db, admin(), { ...subject, maxAmount: 100000 });
  });

  it('a removed personal limit falls back to the groups; a removed group limit gives no authority', async () => {
    const sam = person('senior@example.com');
    const created = await putLimit({ userId: sam.id, maxAmount: 75000, expectedVersion: 0 });
    expect(created.status).toBe(201);
    expect(created.body.text).toBe('Sam Senior (personal limit) may approve up to 75,000');
    expect(await authorityOf(t.db, sam.id)).toMatchObject({
      maxCents: 7_500_000,
      source: 'person',
    });
    const removed = await send(
      removeRoute.POST as Handler,
      'POST',
      '/api/admin/thresholds/limits/remove',
      {
        userId: sam.id,
        expectedVersion: 1,
      },
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ version: 2 });
    expect(await authorityOf(t.db, sam.id)).toMatchObject({
      maxCents: 10_000_000,
      source: 'group',
      label: 'Senior adjusters',
    });
    const again = await send(
      removeRoute.POST as Handler,
      'POST',
      '/api/admin/thresholds/limits/remove',
      { userId: sam.id },
    );
    expect(again.status).toBe(409);
    const listed = (await limitOf({ userId: sam.id }))!;
    expect(listed).toMatchObject({ active: false, version: 2 });
    expect(listed.text).toBe("Sam Senior has no personal limit: their groups' limits apply");
    const [event] = await t.db
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.action, 'authority_limit.removed'));
    expect(event!.before).toMatchObject({ active: true, maxAmountCents: 7_500_000 });
    expect(event!.after).toMatchObject({ active: false, version: 2 });

    const intake = group('claims-intake');
    await send(removeRoute.POST as Handler, 'POST', '/api/admin/thresholds/limits/remove', {
      groupId: intake,
    });
    expect((await loadGroupLimits(t.db)).some((g) => g.groupId === intake)).toBe(false);
    expect((await authorityOf(t.db, person('intake@example.com').id)).source).toBe('none');
  });

  it('the variance share is versioned and audited with before and after', async () => {
    const cur = (await listThresholds(t.db, admin())).varianceShare;
    const res = await send(
      shareRoute.PUT as Handler,
      'PUT',
      '/api/admin/thresholds/variance-share',
      {
        value: 0.125,
        expectedVersion: cur.version,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: cur.version + 1, changed: true });
    expect(await loadVarianceShare(t.db)).toBe(0.125);
    const stale = await send(
      shareRoute.PUT as Handler,
      'PUT',
      '/api/admin/thresholds/variance-share',
      {
        value: 0.2,
        expectedVersion: cur.version,
      },
    );
    expect(stale.status).toBe(409);
    const listed = (await listThresholds(t.db, admin())).varianceShare;
    expect(listed).toMatchObject({ value: 0.125, updatedBy: 'Ada Admin' });
    expect(listed.text).toMatch(/more than 12.5% needs a written reason/);
    expect(listed.history[0]).toMatchObject({ before: 0.1, after: 0.125, by: 'admin@example.com' });
    await send(shareRoute.PUT as Handler, 'PUT', '/api/admin/thresholds/variance-share', {
      value: 0.1,
    });
  });
});

describe('automatic approval limit', () => {
  const path = '/api/admin/thresholds/automatic-approval';
  const put = (body: unknown, who?: string) =>
    send(automaticRoute.PUT as Handler, 'PUT', path, body, who);
  const listed = async () => (await listThresholds(t.db, admin())).automaticApproval;
  const savedEvents = async () =>
    t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.action, 'threshold_setting.saved'),
          eq(s.auditEvents.entityId, 'automatic-approval-limit'),
        ),
      )
      .orderBy(desc(s.auditEvents.id));

  it('is listed in words, as the migration installed it', async () => {
    const cur = await listed();
    expect(cur).toMatchObject({
      key: 'automatic-approval-limit',
      value: 5000,
      text: 'Straight-through rules may pay up to 5,000 with no person involved; above that the case needs an approval',
    });
    expect(cur.version).toBeGreaterThanOrEqual(1);
    expect(await loadAutomaticApprovalCents(t.db)).toBe(500_000);
  });

  it('a save is a new version in force at once, audited with before and after', async () => {
    const cur = await listed();
    const res = await put({ value: 7500.5, expectedVersion: cur.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key: 'automatic-approval-limit',
      value: 7500.5,
      version: cur.version + 1,
      changed: true,
      text: 'Straight-through rules may pay up to 7,500.50 with no person involved; above that the case needs an approval',
    });
    expect(await loadAutomaticApprovalCents(t.db)).toBe(750_050);
    const [event] = await savedEvents();
    expect(event).toMatchObject({
      entityType: 'threshold_setting',
      actorLabel: 'admin@example.com',
      before: { value: 5000, version: cur.version },
      after: { value: 7500.5, version: cur.version + 1 },
    });
    expect(event!.summary).toBe(
      `Automatic approval limit v${cur.version + 1}: Straight-through rules may pay up to 7,500.50 with no person involved; above that the case needs an approval (was 5,000)`,
    );
    const after = await listed();
    expect(after).toMatchObject({
      value: 7500.5,
      version: cur.version + 1,
      updatedBy: 'Ada Admin',
    });
    expect(after.history[0]).toMatchObject({
      before: 5000,
      after: 7500.5,
      version: cur.version + 1,
      by: 'admin@example.com',
    });
    // The value in force again: nothing written. The variance share is a separate setting.
    const events = (await savedEvents()).length;
    expect((await put({ value: 7500.5 })).body).toMatchObject({ changed: false });
    expect((await savedEvents()).length).toBe(events);
    expect(await loadVarianceShare(t.db)).toBe(0.1);
    // Zero: every straight-through payout needs an approval.
    expect((await put({ value: 0 })).body.text).toMatch(/every payout needs an approval/);
    expect(await loadAutomaticApprovalCents(t.db)).toBe(0);
    expect((await put({ value: 5000 })).status).toBe(200);
  });

  it('a save from a stale version is a 409 and writes nothing', async () => {
    const cur = await listed();
    expect((await put({ value: 6000, expectedVersion: cur.version })).status).toBe(200);
    const events = (await savedEvents()).length;
    const stale = await put({ value: 9000, expectedVersion: cur.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', currentVersion: cur.version + 1 });
    expect(stale.body.error.message).toMatch(
      /Someone saved the automatic approval limit meanwhile/,
    );
    expect((await savedEvents()).length).toBe(events);
    expect(await loadAutomaticApprovalCents(t.db)).toBe(600_000);
    await put({ value: 5000 });
  });

  it('only admins may change it; a refusal is audited and changes nothing', async () => {
    const cur = await listed();
    for (const who of ['supervisor@example.com', 'adjuster@example.com', 'senior@example.com']) {
      const res = await put({ value: 1, expectedVersion: cur.version }, who);
      expect(res.status, who).toBe(403);
      const [refusal] = await t.db
        .select()
        .from(s.auditEvents)
        .where(
          and(
            eq(s.auditEvents.action, 'auth.refused'),
            eq(s.auditEvents.entityId, 'automatic-approval-limit'),
          ),
        )
        .orderBy(desc(s.auditEvents.id))
        .limit(1);
      expect(refusal!.actorLabel).toBe(who);
    }
    expect(await listed()).toMatchObject({ value: 5000, version: cur.version });
  });
});

describe('concurrent first saves', () => {
  it('two admins creating the same personal limit at once: one creates it, the other is told', async () => {
    const bea = person('adjuster2@example.com');
    const [a, b] = await Promise.all([
      putLimit({ userId: bea.id, maxAmount: 20000, expectedVersion: 0 }),
      putLimit({ userId: bea.id, maxAmount: 30000, expectedVersion: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const listed = (await limitOf({ userId: bea.id }))!;
    expect(listed.history).toHaveLength(1);
    await saveAuthorityLimit(t.db, admin(), { userId: bea.id, maxAmount: null });
    await send(removeRoute.POST as Handler, 'POST', '/api/admin/thresholds/limits/remove', {
      userId: bea.id,
    });
    expect((await authorityOf(t.db, bea.id)).label).toBe('Claims adjusters');
  });
});

describe('only admins edit thresholds', () => {
  it.each(['adjuster@example.com', 'supervisor@example.com'])(
    '%s is refused on every route, audited, and nothing changes',
    async (who) => {
      const rows = await versionRows();
      const subject = { groupId: group('claims-adjusters') };
      const answers = [
        await send(listRoute.GET as Handler, 'GET', '/api/admin/thresholds', undefined, who),
        await putLimit({ ...subject, maxAmount: 1e9 }, who),
        await send(
          limitsRoute.POST as Handler,
          'POST',
          '/api/admin/thresholds/limits',
          { ...subject, maxAmount: null },
          who,
        ),
        await send(
          removeRoute.POST as Handler,
          'POST',
          '/api/admin/thresholds/limits/remove',
          subject,
          who,
        ),
        await send(
          previewRoute.POST as Handler,
          'POST',
          '/api/admin/thresholds/limits/preview',
          { ...subject, maxAmount: 1 },
          who,
        ),
        await send(
          shareRoute.PUT as Handler,
          'PUT',
          '/api/admin/thresholds/variance-share',
          { value: 1 },
          who,
        ),
        // Raising one's own limit is no way round it either.
        await putLimit({ userId: person(who).id, maxAmount: null }, who),
      ];
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
      expect(await versionRows()).toBe(rows);
      expect(await loadVarianceShare(t.db)).toBe(0.1);
      // The refusal is audited on the setting, but it is no change in its history.
      const { history } = (await listThresholds(t.db, admin())).varianceShare;
      expect(history.every((h) => h.after !== null && h.by === 'admin@example.com')).toBe(true);
      const refused = await t.db
        .select({ n: count() })
        .from(s.auditEvents)
        .where(and(eq(s.auditEvents.action, 'auth.refused'), eq(s.auditEvents.actorLabel, who)));
      expect(refused[0]!.n).toBeGreaterThanOrEqual(answers.length);
    },
  );

  it('without a session the answer is 401', async () => {
    const res = await call(listRoute.GET as Handler, request('GET', '/api/admin/thresholds'), {});
    expect(res.status).toBe(401);
  });
});

describe('hostile input', () => {
  const BAD_NUMBERS = [
    -1,
    -0.01,
    1e9 + 1,
    1e300,
    0.001,
    Number.MAX_VALUE,
    '50000',
    'NaN',
    'Infinity',
    true,
    {},
    [1],
  ];
  const BAD_IDS = [
    '',
    'not-a-uuid',
    'Ada\u0000',
    '\ud800',
    42,
    null,
    '00000000-0000-4000-8000-000000000000',
  ];
  const BAD_TEXT = ['\u0000', 'note \ud800', 'x'.repeat(501), 5, { a: 1 }];
  /** A valid body, then one field made hostile: the answer must be a 400 naming that field. */
  const corrupted = fc.oneof(
    fc.record({ field: fc.constant('groupId'), value: fc.constantFrom(...BAD_IDS) }),
    fc.record({ field: fc.constant('maxAmount'), value: fc.constantFrom(...BAD_NUMBERS) }),
    fc.record({
      field: fc.constant('maxAmount'),
      value: fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .filter((d) => d < 0 || d > 1e9 || Number(d.toFixed(2)) !== d),
    }),
    fc.record({ field: fc.constant('note'), value: fc.constantFrom(...BAD_TEXT) }),
    fc.record({
      field: fc.constant('expectedVersion'),
      value: fc.constantFrom(-1, 1.5, '1', 1e300, null, true),
    }),
    fc.record({ field: fc.constant('userId'), value: fc.constantFrom('also-a-person') }),
  );

  it('saving a limit: every corrupted field is a 400 naming it, never a 5xx, and nothing is written', async () => {
    const rows = await versionRows();
    await fc.assert(
      fc.asyncProperty(corrupted, async ({ field, value }) => {
        const body = {
          groupId: group('claims-adjusters'),
          maxAmount: 45000,
          note: 'ok',
          [field]: value,
        };
        const res = await putLimit(body);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(Object.keys(res.body.error.fields)).toContain(field);
      }),
      { numRuns: 120, seed: 20_261_212 },
    );
    expect(await versionRows()).toBe(rows);
  });

  const NOT_NUMBERS = ['5000', 'NaN', 'Infinity', null, true, {}, [1]];
  const settings = [
    {
      route: shareRoute,
      path: '/api/admin/thresholds/variance-share',
      bad: fc.oneof(
        fc.constantFrom<unknown>(...NOT_NUMBERS, -0.01, 1.01, 0.12345, 1e300, Number.MAX_VALUE),
        fc
          .double({ noNaN: true, noDefaultInfinity: true })
          .filter((d) => d < 0 || d > 1 || Number(d.toFixed(4)) !== d),
      ),
    },
    {
      route: automaticRoute,
      path: '/api/admin/thresholds/automatic-approval',
      bad: fc.oneof(
        fc.constantFrom<unknown>(...NOT_NUMBERS, -1, -0.01, 1e9 + 0.01, 0.001, 1e300, -1e300),
        fc
          .double({ noNaN: true, noDefaultInfinity: true })
          .filter((d) => d < 0 || d > 1e9 || Number(d.toFixed(2)) !== d),
      ),
    },
  ];
  it.each(settings)(
    '$path: every corrupted field is a 400 naming it, never a 5xx, and nothing is written',
    async ({ route, path, bad }) => {
      const events = async () =>
        (
          await t.db
            .select({ n: count() })
            .from(s.auditEvents)
            .where(eq(s.auditEvents.action, 'threshold_setting.saved'))
        )[0]!.n;
      const before = await events();
      const corrupt = fc.oneof(
        fc.record({ field: fc.constant('value'), value: bad }),
        fc.record({
          field: fc.constant('expectedVersion'),
          value: fc.constantFrom<unknown>(-1, 0, 1.5, '1', 1e300, null, true, 1_000_001),
        }),
      );
      await fc.assert(
        fc.asyncProperty(corrupt, async ({ field, value }) => {
          const res = await send(route.PUT as Handler, 'PUT', path, { value: 0, [field]: value });
          expect(res.status, JSON.stringify(res.body)).toBe(400);
          expect(Object.keys(res.body.error.fields)).toContain(field);
        }),
        { numRuns: 100, seed: 20_261_213 },
      );
      const missing = await send(route.PUT as Handler, 'PUT', path, {});
      expect(missing.body.error.fields).toHaveProperty('value');
      const extra = await send(route.PUT as Handler, 'PUT', path, { value: 0, key: 'other' });
      expect(extra.status).toBe(400);
      expect(await events()).toBe(before);
    },
  );

  it('the variance share and the preview refuse out-of-range and mistyped values, naming the field', async () => {
    for (const value of [-0.1, 1.01, 0.12345, 1e300, '0.1', null, 'NaN'] as unknown[]) {
      const res = await send(
        shareRoute.PUT as Handler,
        'PUT',
        '/api/admin/thresholds/variance-share',
        { value },
      );
      expect(res.status, String(value)).toBe(400);
      expect(res.body.error.fields).toHaveProperty('value');
    }
    for (const maxAmount of [-5, 1e12, 'lots', 0.005] as unknown[]) {
      const res = await send(
        previewRoute.POST as Handler,
        'POST',
        '/api/admin/thresholds/limits/preview',
        {
          groupId: group('claims-adjusters'),
          maxAmount,
        },
      );
      expect(res.status, String(maxAmount)).toBe(400);
      expect(res.body.error.fields).toHaveProperty('maxAmount');
    }
    const both = await send(
      previewRoute.POST as Handler,
      'POST',
      '/api/admin/thresholds/limits/preview',
      {
        groupId: group('claims-adjusters'),
        maxAmount: 1,
        remove: true,
      },
    );
    expect(both.body.error.fields).toHaveProperty('maxAmount');
    expect((await putLimit({ maxAmount: 1 })).body.error.fields).toHaveProperty('groupId');
    expect(
      (await putLimit({ groupId: group('claims-adjusters') })).body.error.fields,
    ).toHaveProperty('maxAmount');
    expect(
      (await putLimit({ groupId: group('claims-adjusters'), maxAmount: 1, extra: 1 })).status,
    ).toBe(400);
  });

  it('raw JSON the schema never sees: 1e400, broken JSON, deep nesting, wrong content type', async () => {
    const raw = (text: string, type = 'application/json') =>
      call(
        limitsRoute.PUT as Handler,
        request('PUT', '/api/admin/thresholds/limits', {
          cookie: cookie.get('admin@example.com'),
          body: text,
          headers: { 'content-type': type },
        }),
        {},
      );
    const g = group('claims-adjusters');
    const huge = await raw(`{"groupId":"${g}","maxAmount":1e400}`);
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields).toHaveProperty('maxAmount');
    expect((await raw('{"groupId":')).status).toBe(400);
    expect((await raw(`${'['.repeat(200)}${']'.repeat(200)}`)).body.error.fields).toHaveProperty(
      '(body)',
    );
    const form = await raw(`groupId=${g}&maxAmount=1`, 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(form.body.error.fields).toHaveProperty('content-type');
  });
});

describe('preview of a change', () => {
  /** Every open task that decides a payout, with what the expectation needs. */
  async function openPayoutTasks() {
    const rows = await t.db
      .select({
        id: s.tasks.id,
        status: s.tasks.status,
        assigneeId: s.tasks.assigneeId,
        groupId: s.tasks.candidateGroupId,
        outcomes: s.tasks.outcomes,
        amountCents: s.cases.amountCents,
      })
      .from(s.tasks)
      .innerJoin(s.cases, eq(s.cases.id, s.tasks.caseId))
      .where(inArray(s.tasks.status, ['ready', 'claimed']));
    return rows.filter((r) =>
      r.outcomes.some((o) => o.fields.some((f) => f.name === 'payoutAmount')),
    );
  }
  const within = (low: number, high: number) => (c: number | null) =>
    c !== null && c > low && c <= high;

  it('lowering a group limit names the open tasks of its queue and members that would need approval, and no others', async () => {
    const g = group('claims-adjusters');
    const queued = await open(45000);
    const small = await open(30000);
    const claimed = await open(46000);
    await claimTask(t.db, person('adjuster@example.com'), { taskId: claimed.task.id });
    expect(queued.task.group?.key).toBe('claims-adjusters');
    const members = [person('adjuster@example.com').id, person('adjuster2@example.com').id];
    const inRange = within(4_000_000, 5_000_000);
    const expected = (await openPayoutTasks())
      .filter((x) => inRange(x.amountCents))
      .filter((x) =>
        x.assigneeId ? members.includes(x.assigneeId) : x.groupId === g && x.status === 'ready',
      )
      .map((x) => x.id)
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const rows = await versionRows();
    const preview = await previewAuthorityLimit(
      t.db,
      admin(),
      { groupId: g, maxAmount: 40000 },
      { limit: 1000 },
    );
    expect(preview.tasks.map((x) => x.taskId).sort()).toEqual(expected);
    expect(preview.count).toBe(expected.length);
    expect(preview.beforeText).toBe('Claims adjusters may approve up to 50,000');
    expect(preview.afterText).toBe('Claims adjusters may approve up to 40,000');
    const ids = preview.tasks.map((x) => x.taskId);
    expect(ids).toContain(queued.task.id);
    expect(ids).not.toContain(small.task.id);
    expect(preview.tasks.find((x) => x.taskId === claimed.task.id)).toMatchObject({
      assigneeName: 'Alex Adjuster',
      amountCents: 4_600_000,
      decidedBy: 'assignee',
      flip: 'needs_approval',
    });
    expect(preview.tasks.every((x) => x.flip === 'needs_approval')).toBe(true);
    expect(await versionRows()).toBe(rows); // previewing saves nothing

    // Through the route: at most 20 listed, the count beside them; raising flips the other way.
    const res = await send(
      previewRoute.POST as Handler,
      'POST',
      '/api/admin/thresholds/limits/preview',
      {
        groupId: g,
        maxAmount: 40000,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.tasks.length).toBe(Math.min(20, expected.length));
    const raised = await previewAuthorityLimit(
      t.db,
      admin(),
      { groupId: g, maxAmount: 47000 },
      { limit: 1000 },
    );
    expect(raised.tasks.map((x) => x.taskId)).not.toContain(queued.task.id);
    const up = await previewAuthorityLimit(
      t.db,
      admin(),
      { groupId: g, maxAmount: 60000 },
      { limit: 1000 },
    );
    expect(up.tasks.every((x) => x.flip === 'within_authority' && x.amountCents > 5_000_000)).toBe(
      true,
    );
  });

  it("a personal limit flips only that person's tasks and the queues they may take from", async () => {
    const sam = person('senior@example.com');
    const g = group('senior-adjusters');
    const flips = await open(80000);
    const queued = await open(90000);
    const stays = await open(60000);
    expect(flips.task.group?.key).toBe('senior-adjusters');
    await claimTask(t.db, sam, { taskId: flips.task.id });
    const inRange = within(7_500_000, 10_000_000);
    const expected = (await openPayoutTasks())
      .filter((x) => inRange(x.amountCents))
      .filter((x) =>
        x.assigneeId ? x.assigneeId === sam.id : x.groupId === g && x.status === 'ready',
      )
      .map((x) => x.id)
      .sort();
    const preview = await previewAuthorityLimit(
      t.db,
      admin(),
      { userId: sam.id, maxAmount: 75000 },
      { limit: 1000 },
    );
    expect(preview.beforeText).toBe("Sam Senior has no personal limit: their groups' limits apply");
    expect(preview.afterText).toBe('Sam Senior (personal limit) may approve up to 75,000');
    expect(preview.tasks.map((x) => x.taskId).sort()).toEqual(expected);
    expect(preview.tasks.find((x) => x.taskId === flips.task.id)).toMatchObject({
      assigneeName: 'Sam Senior',
      decidedBy: 'assignee',
      flip: 'needs_approval',
    });
    expect(preview.tasks.find((x) => x.taskId === queued.task.id)).toMatchObject({
      assigneeName: null,
      groupName: 'Senior adjusters',
      decidedBy: 'queue',
    });
    expect(preview.tasks.map((x) => x.taskId)).not.toContain(stays.task.id);
    // With the override in place, removing it previews the way back.
    await saveAuthorityLimit(t.db, admin(), { userId: sam.id, maxAmount: 75000 });
    const back = await previewAuthorityLimit(
      t.db,
      admin(),
      { userId: sam.id, remove: true },
      { limit: 1000 },
    );
    expect(back.tasks.map((x) => x.taskId).sort()).toEqual(expected);
    expect(back.tasks.every((x) => x.flip === 'within_authority')).toBe(true);
    // A group change passes over a member whose personal limit decides for them.
    const group_ = await previewAuthorityLimit(
      t.db,
      admin(),
      { groupId: g, maxAmount: 70000 },
      { limit: 1000 },
    );
    expect(group_.tasks.map((x) => x.taskId)).not.toContain(flips.task.id);
    expect(group_.tasks.map((x) => x.taskId)).toContain(queued.task.id);
  });

  it('limiting a group that had no limit flips its queue above the new limit to needing approval', async () => {
    const g = group('senior-adjusters');
    await saveAuthorityLimit(t.db, admin(), { groupId: g, maxAmount: null });
    const big = await open(150000);
    const preview = await previewAuthorityLimit(
      t.db,
      admin(),
      { groupId: g, maxAmount: 100000 },
      { limit: 1000 },
    );
    expect(preview.beforeText).toBe('Senior adjusters may approve any amount');
    expect(preview.tasks.find((x) => x.taskId === big.task.id)).toMatchObject({
      decidedBy: 'queue',
      flip: 'needs_approval',
    });
    expect(preview.tasks.every((x) => x.amountCents > 10_000_000)).toBe(true);
    await saveAuthorityLimit(t.db, admin(), { groupId: g, maxAmount: 100000 });
  });

  it('the count is bounded: above the cap it says "more than"', async () => {
    const preview = await previewAuthorityLimit(
      t.db,
      admin(),
      { groupId: group('claims-adjusters'), maxAmount: 0 },
      { limit: 3, cap: 2 },
    );
    expect(preview.tasks.length).toBeLessThanOrEqual(3);
    expect(preview).toMatchObject({ count: 2, more: true, countText: 'more than 2' });
  });
});
