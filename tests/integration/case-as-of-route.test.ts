import fc from 'fast-check';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { useDatabaseForTests } from '../../lib/data/database';
import * as asOfRoute from '../../app/api/cases/[id]/as-of/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let caseId: string;
let otherCaseEvent: number;
let firstEvent: number;
let lastEvent: number;
const cookie = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) cookie.set(u.email, await sessionCookie(u));
  const [a, b] = await t.db.select().from(s.cases).orderBy(asc(s.cases.createdAt)).limit(2);
  caseId = a!.id;
  const events = await t.db
    .select()
    .from(s.auditEvents)
    .where(eq(s.auditEvents.caseId, caseId))
    .orderBy(asc(s.auditEvents.chainSeq));
  firstEvent = events[0]!.id;
  lastEvent = events.at(-1)!.id;
  const [other] = await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.caseId, b!.id));
  otherCaseEvent = other!.id;
});
afterAll(async () => {
  await t?.close();
});

function get(query: string, who = 'admin@example.com', id = caseId) {
  return call(
    asOfRoute.GET,
    request('GET', `/api/cases/${id}/as-of?${query}`, { cookie: cookie.get(who) }),
    { id },
  );
}

describe('GET /api/cases/:id/as-of', () => {
  it('shows the case as of an event, as of a time, and what changed between two', async () => {
    const first = await get(`event=${firstEvent}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ mode: 'view', view: { snapshot: { caseId } } });
    expect(first.body.view.stoppedAt.id).toBeGreaterThanOrEqual(firstEvent);
    const now = await get(`at=${encodeURIComponent(new Date().toISOString())}`);
    expect(now.body.view.stoppedAt.id).toBe(lastEvent);
    const compare = await get(`fromEvent=${firstEvent}&to=${new Date().toISOString()}`);
    expect(compare.status).toBe(200);
    expect(compare.body.mode).toBe('compare');
    expect(Array.isArray(compare.body.changes)).toBe(true);
  });

  it('refuses what is not a moment with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['at=2026-02-30T10:00:00Z', 'at'],
      ['at=2026-13-01T10:00:00Z', 'at'],
      ['at=2026-11-20T10:00:00', 'at'],
      ['at=1800-01-01T00:00:00Z', 'at'],
      ['at=99999-01-01T00:00:00Z', 'at'],
      ['event=99999999999999999999', 'event'],
      ['event=-1', 'event'],
      ['event=1.5', 'event'],
      [`event=${otherCaseEvent}`, 'event'],
      ['from=2026-01-01T00:00:00Z', 'to'],
      ['toEvent=1', 'from'],
      ['', 'at'],
      ['at=2026-01-01T00:00:00Z&event=1', 'event'],
    ];
    for (const [query, field] of cases) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(r.body.error.fields, query).toHaveProperty(field);
    }
    const nul = await get('at=2026-01-01T00:00:00Z%00');
    expect(nul.status).toBe(400);
  });

  it('is refused to someone who may not read the case, and 404s an unknown case', async () => {
    const [adjusterCase] = await t.db
      .select({ caseId: s.tasks.caseId })
      .from(s.tasks)
      .innerJoin(s.groups, eq(s.groups.id, s.tasks.candidateGroupId))
      .where(eq(s.groups.key, 'claims-adjusters'))
      .limit(1);
    const own = await get('at=2030-01-01T00:00:00Z', 'adjuster@example.com', adjusterCase!.caseId);
    expect(own.status).toBe(200);
    const outsider = await get('at=2030-01-01T00:00:00Z', 'siu@example.com', adjusterCase!.caseId);
    expect(outsider.status).toBe(404);
    expect(outsider.body.view).toBeUndefined();
    const unknown = await get(`event=${firstEvent}`, 'admin@example.com', 'not-a-uuid');
    expect(unknown.status).toBe(404);
    const anonymous = await call(
      asOfRoute.GET,
      request('GET', `/api/cases/${caseId}/as-of?event=${firstEvent}`),
      { id: caseId },
    );
    expect(anonymous.status).toBe(401);
  });

  it('answers every query string with 200 or 400, never a 500', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 20, unit: 'binary' }),
      fc.date({ noInvalidDate: false }).map((d) => (isNaN(d.getTime()) ? 'NaN' : d.toISOString())),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
      fc.constantFrom('\u0000', '2026-02-29T00:00:00Z', '9999-12-31T23:59:59.999999+14:00', '0'),
    );
    const param = fc.constantFrom('at', 'event', 'from', 'to', 'fromEvent', 'toEvent', 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(param, value), { maxLength: 3 }), async (pairs) => {
        const q = new URLSearchParams(pairs).toString();
        const r = await get(q);
        expect([200, 400], `${q} → ${JSON.stringify(r.body)}`).toContain(r.status);
      }),
      { numRuns: 150 },
    );
  });
});
