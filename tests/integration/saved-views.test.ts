import { and, eq, inArray, or } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as inboxRoute from '../../app/api/inbox/route';
import * as viewsRoute from '../../app/api/views/route';
import * as viewRoute from '../../app/api/views/[id]/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const cookie = new Map<string, string>();
const group = new Map<string, string>();
/** Tasks whose case data holds what a number filter must survive. */
const odd: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    user.set(u.email, u);
    cookie.set(u.email, await sessionCookie(u));
  }
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
  // Cases whose stored payout is not a number (text, an object, null): never matched, never a 500.
  const [c] = await t.db.select().from(s.cases).limit(1);
  const { id: _id, reference: _r, data, ...rest } = c!;
  const odds: unknown[] = ['lots', '50000', { value: 90000 }, null];
  for (const [i, payout] of odds.entries()) {
    const [own] = await t.db
      .insert(s.cases)
      .values({
        ...rest,
        reference: `CLM-ODD-00000${i}`,
        data: { ...data, recommendedPayout: payout, incidentDate: 'yesterday' },
      })
      .returning();
    const [task] = await t.db
      .insert(s.tasks)
      .values({
        caseId: own!.id,
        stepKey: 'adjuster-review',
        name: 'Adjuster review',
        status: 'ready',
        candidateGroupId: group.get('claims-adjusters')!,
        dueAt: new Date(Date.now() + 86_400_000),
        outcomes: [],
      })
      .returning();
    odd.push(task!.id);
  }
});
afterAll(async () => {
  await t?.close();
});

const inbox = (email: string, qs: string) =>
  call(inboxRoute.GET, request('GET', `/api/inbox?${qs}`, { cookie: cookie.get(email) }), {});
const listViews = async (email: string) => {
  const r = await call(
    viewsRoute.GET,
    request('GET', '/api/views', { cookie: cookie.get(email) }),
    {},
  );
  expect(r.status).toBe(200);
  return r.body.views as {
    id: string;
    name: string;
    count: number | null;
    countCapped: boolean;
    groupName: string | null;
    canDelete: boolean;
  }[];
};
const save = (email: string, body: unknown) =>
  call(viewsRoute.POST, request('POST', '/api/views', { cookie: cookie.get(email), body }), {});
const remove = (email: string, id: string) =>
  call(
    viewRoute.DELETE,
    request('DELETE', `/api/views/${id}`, {
      cookie: cookie.get(email),
      headers: { 'content-type': 'application/json' },
    }),
    {
      id,
    },
  );

/** Open tasks `email` sees (own + groups' queues) whose case's payout is a number ≥ `min`. */
async function expectedBigClaims(email: string, min: number) {
  const u = user.get(email)!;
  const groups = await t.db
    .select()
    .from(s.groupMemberships)
    .where(eq(s.groupMemberships.userId, u.id));
  const rows = await t.db
    .select({ id: s.tasks.id, data: s.cases.data })
    .from(s.tasks)
    .innerJoin(s.cases, eq(s.cases.id, s.tasks.caseId))
    .where(
      and(
        inArray(s.tasks.status, ['ready', 'claimed']),
        or(
          eq(s.tasks.assigneeId, u.id),
          inArray(
            s.tasks.candidateGroupId,
            groups.map((g) => g.groupId),
          ),
        ),
      ),
    );
  return rows
    .filter((r) => typeof r.data.recommendedPayout === 'number' && r.data.recommendedPayout >= min)
    .map((r) => r.id)
    .sort();
}

describe('case-field filters in the inbox', () => {
  it('return exactly the tasks whose case matches, skipping data of another shape', async () => {
    const expected = await expectedBigClaims('adjuster@example.com', 40000);
    expect(expected.length).toBeGreaterThan(0);
    const r = await inbox(
      'adjuster@example.com',
      'queue=all&limit=100&cf.recommendedPayout.min=40,000',
    );
    expect(r.status).toBe(200);
    expect(r.body.tasks.map((x: { id: string }) => x.id).sort()).toEqual(expected);
    expect(r.body.total).toBe(expected.length);
    for (const id of odd) expect(r.body.tasks.map((x: { id: string }) => x.id)).not.toContain(id);
    // A range and a date on data that holds "yesterday": no error, no odd case.
    const d = await inbox(
      'adjuster@example.com',
      'queue=all&limit=100&cf.recommendedPayout.max=1000000&cf.incidentDate.from=2000-01-01',
    );
    expect(d.status).toBe(200);
    for (const id of odd) expect(d.body.tasks.map((x: { id: string }) => x.id)).not.toContain(id);
  });

  it('text filters: a policy number exactly and by prefix, ignoring case', async () => {
    const [c] = await t.db
      .select({ data: s.cases.data })
      .from(s.tasks)
      .innerJoin(s.cases, eq(s.cases.id, s.tasks.caseId))
      .where(
        and(
          eq(s.tasks.assigneeId, user.get('adjuster@example.com')!.id),
          inArray(s.tasks.status, ['ready', 'claimed']),
        ),
      )
      .limit(1);
    const policy = c!.data.policyNumber as string;
    const eqR = await inbox(
      'adjuster@example.com',
      `queue=mine&cf.policyNumber.eq=${policy.toLowerCase()}`,
    );
    expect(eqR.status).toBe(200);
    expect(eqR.body.tasks.length).toBeGreaterThan(0);
    for (const x of eqR.body.tasks) expect(x.status).toMatch(/ready|claimed/);
    const pre = await inbox(
      'adjuster@example.com',
      'queue=all&limit=100&cf.policyNumber.prefix=POL-',
    );
    const all = await inbox('adjuster@example.com', 'queue=all&limit=100');
    expect(pre.body.tasks.length).toBe(all.body.tasks.length);
  });

  it('bad values are a 400 naming fields.<path>.<op>', async () => {
    const cases: [string, string][] = [
      ['cf.recommendedPayout.min=lots', 'fields.recommendedPayout.min'],
      ['cf.fraudScore.max=7', 'fields.fraudScore.max'],
      ['cf.incidentDate.from=2026-02-30', 'fields.incidentDate.from'],
      // NUL is refused by the route's parameter check, naming the parameter as sent.
      ['cf.policyNumber.eq=a%00b', 'cf.policyNumber.eq'],
      ['cf.noSuchField.min=1', 'fields.noSuchField'],
      ['cf.recommendedPayout.min=1e999', 'fields.recommendedPayout.min'],
    ];
    for (const [qs, field] of cases) {
      const r = await inbox('adjuster@example.com', `queue=all&${qs}`);
      expect(r.status, qs).toBe(400);
      expect(Object.keys(r.body.error.fields), qs).toContain(field);
    }
  });
});

describe('saved views', () => {
  it('a person saves "Big claims" and sees it in their list with the live count', async () => {
    const r = await save('adjuster@example.com', {
      name: 'Big claims',
      groupId: null,
      queue: 'all',
      sort: 'due',
      filters: { 'cf.recommendedPayout.min': '40000' },
    });
    expect(r.status).toBe(201);
    const views = await listViews('adjuster@example.com');
    const big = views.find((v) => v.name === 'Big claims')!;
    expect(big.count).toBe((await expectedBigClaims('adjuster@example.com', 40000)).length);
    expect(big.groupName).toBeNull();
    // Personal: a colleague of the same group does not see it.
    expect((await listViews('adjuster2@example.com')).map((v) => v.name)).not.toContain(
      'Big claims',
    );
    const events = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.action, 'view.saved'), eq(s.auditEvents.entityId, r.body.view.id)),
      );
    expect(events).toHaveLength(1);

    // The count is live: a new matching task moves it.
    const before = big.count!;
    const [match] = await t.db
      .select({ caseId: s.tasks.caseId })
      .from(s.tasks)
      .where(inArray(s.tasks.id, await expectedBigClaims('adjuster@example.com', 40000)))
      .limit(1);
    await t.db.insert(s.tasks).values({
      caseId: match!.caseId,
      stepKey: 'adjuster-review',
      name: 'Adjuster review',
      status: 'ready',
      candidateGroupId: group.get('claims-adjusters')!,
      outcomes: [],
    });
    const after = (await listViews('adjuster@example.com')).find((v) => v.name === 'Big claims')!;
    expect(after.count).toBe(before + 1);
  });

  it('names are unique per person, ignoring case (409 naming name), also when saved at once', async () => {
    const body = { name: 'big CLAIMS', groupId: null, queue: 'mine', filters: {} };
    const dup = await save('adjuster@example.com', body);
    expect(dup.status).toBe(409);
    expect(Object.keys(dup.body.error.fields)).toEqual(['name']);
    // Another person may use the name.
    expect((await save('adjuster2@example.com', body)).status).toBe(201);
    const both = await Promise.all([
      save('senior@example.com', { ...body, name: 'Twice' }),
      save('senior@example.com', { ...body, name: 'twice' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('validates name, queue and filters with the inbox’s rules', async () => {
    const bad: [unknown, string][] = [
      [{ name: '', queue: 'mine' }, 'name'],
      [{ name: 'x'.repeat(81), queue: 'mine' }, 'name'],
      [{ name: 'ok', queue: 'everything' }, 'queue'],
      [{ name: 'ok', queue: 'escalated' }, 'queue'],
      [{ name: 'ok', queue: `group:${group.get('special-investigations')}` }, 'queue'],
      [{ name: 'ok', queue: 'mine', filters: { priority: 'asap' } }, 'filters.priority'],
      [{ name: 'ok', queue: 'mine', filters: { cursor: 'x' } }, 'filters.cursor'],
      [
        { name: 'ok', queue: 'mine', filters: { 'cf.fraudScore.min': '-1' } },
        'fields.fraudScore.min',
      ],
    ];
    for (const [body, field] of bad) {
      const r = await save('adjuster@example.com', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.body.error.fields), JSON.stringify(body)).toContain(field);
    }
  });

  it('sharing: adjusters may not, supervisors only with groups they supervise, admins with any', async () => {
    const adjusters = group.get('claims-adjusters')!;
    const siu = group.get('special-investigations')!;
    const a = await save('adjuster@example.com', {
      name: 'Mine to share',
      groupId: adjusters,
      queue: 'mine',
    });
    expect(a.status).toBe(403);
    expect(Object.keys(a.body.error.fields)).toEqual(['groupId']);
    const s1 = await save('supervisor@example.com', {
      name: 'For SIU',
      groupId: siu,
      queue: 'mine',
    });
    expect(s1.status).toBe(403);
    expect(Object.keys(s1.body.error.fields)).toEqual(['groupId']);
    expect(
      (await save('admin@example.com', { name: 'For SIU', groupId: siu, queue: 'all' })).status,
    ).toBe(201);
    expect(
      await t.db.select().from(s.savedViews).where(eq(s.savedViews.name, 'Mine to share')),
    ).toEqual([]);
  });

  it('a shared view: its group sees it, counted with each viewer’s own visibility; others do not', async () => {
    const adjusters = group.get('claims-adjusters')!;
    const r = await save('supervisor@example.com', {
      name: 'Team big claims',
      groupId: adjusters,
      queue: 'all',
      filters: { 'cf.recommendedPayout.min': '40000' },
    });
    expect(r.status).toBe(201);
    const forAlex = (await listViews('adjuster@example.com')).find(
      (v) => v.name === 'Team big claims',
    )!;
    expect(forAlex.groupName).toBe('Claims adjusters');
    expect(forAlex.canDelete).toBe(false);
    expect(forAlex.count).toBe((await expectedBigClaims('adjuster@example.com', 40000)).length);
    const forSue = (await listViews('supervisor@example.com')).find(
      (v) => v.name === 'Team big claims',
    )!;
    const sueInbox = await inbox(
      'supervisor@example.com',
      'queue=all&limit=100&cf.recommendedPayout.min=40000',
    );
    expect(forSue.count).toBe(sueInbox.body.total);
    // Ivy (special investigations) neither sees it nor can delete it.
    expect((await listViews('siu@example.com')).map((v) => v.name)).not.toContain(
      'Team big claims',
    );
    expect((await remove('siu@example.com', r.body.view.id)).status).toBe(404);
    // Alex sees it but may not delete it; Sue may.
    expect((await remove('adjuster@example.com', r.body.view.id)).status).toBe(403);
    const refused = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.action, 'auth.refused'), eq(s.auditEvents.entityId, r.body.view.id)),
      );
    expect(refused).toHaveLength(1);
    expect((await remove('supervisor@example.com', r.body.view.id)).status).toBe(200);
    expect((await listViews('adjuster@example.com')).map((v) => v.name)).not.toContain(
      'Team big claims',
    );
    const deleted = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.action, 'view.deleted'), eq(s.auditEvents.entityId, r.body.view.id)),
      );
    expect(deleted).toHaveLength(1);
  });

  it('a personal view is its owner’s alone to delete; unknown ids are 404', async () => {
    const r = await save('adjuster@example.com', { name: 'Mine only', queue: 'mine' });
    expect((await remove('adjuster2@example.com', r.body.view.id)).status).toBe(404);
    expect((await remove('admin@example.com', r.body.view.id)).status).toBe(404);
    expect((await remove('adjuster@example.com', 'not-a-uuid')).status).toBe(404);
    expect((await remove('adjuster@example.com', r.body.view.id)).status).toBe(200);
    expect((await remove('adjuster@example.com', r.body.view.id)).status).toBe(404);
  });

  it('renames, keeping names unique', async () => {
    const a = await save('intake@example.com', { name: 'One', queue: 'mine' });
    await save('intake@example.com', { name: 'Two', queue: 'mine' });
    const patch = (name: unknown) =>
      call(
        viewRoute.PATCH,
        request('PATCH', `/api/views/${a.body.view.id}`, {
          cookie: cookie.get('intake@example.com'),
          body: { name },
        }),
        { id: a.body.view.id },
      );
    expect((await patch('TWO')).status).toBe(409);
    expect((await patch('  ')).status).toBe(400);
    const ok = await patch('Three');
    expect(ok.status).toBe(200);
    expect(ok.body.view.name).toBe('Three');
  });

  it('hostile names and filters are a 2xx or a 4xx, never a 500', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\u0000', '\ud800', 'x'.repeat(500), '1e400', '2026-13-45', '__proto__'),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: fc.oneof(text, fc.integer(), fc.constant(null)),
          queue: fc.oneof(fc.constantFrom('mine', 'all', 'due_today'), text),
          sort: fc.oneof(fc.constantFrom('due', 'age'), text),
          filters: fc.dictionary(
            fc.oneof(
              fc.constantFrom(
                'cf.recommendedPayout.min',
                'cf.incidentDate.to',
                'cf.policyNumber.prefix',
                'priority',
                'q',
              ),
              text.map((x) => `cf.${x}`),
              text,
            ),
            text,
            { maxKeys: 4 },
          ),
        }),
        async (body) => {
          const r = await save('senior@example.com', {
            ...body,
            name: `${String(body.name)}${n++}`,
          });
          expect([201, 400, 403, 404, 409]).toContain(r.status);
        },
      ),
      { numRuns: 60 },
    );
    const views = await listViews('senior@example.com');
    expect(views.length).toBeLessThanOrEqual(20);
  });
});
