import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadSlaPolicy } from '../../lib/data/definitions';
import { computeTaskDeadlines } from '../../lib/domain/sla';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { standardCalendar } from '../../scripts/seed/auto-claim-policies';
import * as rulesRoute from '../../app/api/admin/calendar/[id]/holiday-rules/route';
import * as ruleRoute from '../../app/api/admin/calendar/[id]/holiday-rules/[ruleId]/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
const cookie = new Map<string, string>();
const ADMIN = 'admin@example.com';
const ADJUSTER = 'adjuster@example.com';
let calendarId: string;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) cookie.set(u.email, await sessionCookie(u));
  calendarId = (await t.db.select().from(s.businessCalendars))[0]!.id;
});
afterAll(async () => {
  await t?.close();
});

const url = () => `/api/admin/calendar/${calendarId}/holiday-rules`;
const listRules = (email = ADMIN) =>
  call(rulesRoute.GET, request('GET', url(), { cookie: cookie.get(email)! }), { id: calendarId });
const addRule = (body: unknown, email = ADMIN) =>
  call(rulesRoute.POST, request('POST', url(), { cookie: cookie.get(email)!, body }), {
    id: calendarId,
  });
const removeRule = (ruleId: string, email = ADMIN) =>
  call(
    ruleRoute.DELETE,
    request('DELETE', `${url()}/${ruleId}`, { cookie: cookie.get(email)!, body: {} }),
    { id: calendarId, ruleId },
  );
const holidaysNamed = async (name: string) =>
  (
    await t.db
      .select()
      .from(s.calendarHolidays)
      .where(and(eq(s.calendarHolidays.calendarId, calendarId), eq(s.calendarHolidays.name, name)))
  )
    .map((h) => h.day)
    .sort();
const auditOf = (action: string) =>
  t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, calendarId)));
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A Tuesday–Thursday in October next year: no seeded holiday or clock change near it. */
function midweekOctoberDay() {
  for (let day = 13; ; day++) {
    const d = new Date(Date.UTC(year + 1, 9, day));
    if (d.getUTCDay() >= 2 && d.getUTCDay() <= 4) return d;
  }
}

describe('holiday rules', () => {
  it('lists the seeded rules of the demo calendar', async () => {
    const res = await listRules();
    expect(res.status).toBe(200);
    expect(res.body.rules.map((r: { name: string }) => r.name)).toEqual(
      standardCalendar.holidayRules.map((r) => r.name),
    );
  });

  it('adds a rule: its days from last year to three ahead become holidays, audited, and deadlines skip them', async () => {
    const holiday = midweekOctoberDay();
    const before = iso(new Date(holiday.getTime() - 86_400_000));
    const loaded = (await loadSlaPolicy(t.db, 'senior-review'))!;
    const spec = { ...loaded.spec, due: { amount: 1, unit: 'business_days' as const } };
    const opened = new Date(`${before}T15:00:00Z`);
    expect(iso(computeTaskDeadlines(opened, spec, loaded.calendar).dueAt)).toBe(iso(holiday));

    const res = await addRule({
      kind: 'fixed',
      name: 'Founders Day',
      month: 10,
      day: holiday.getUTCDate(),
      observeOnWeekday: false,
    });
    expect(res.status).toBe(201);
    const days = await holidaysNamed('Founders Day');
    expect(days.map((d) => Number(d.slice(0, 4)))).toEqual([
      year - 1,
      year,
      year + 1,
      year + 2,
      year + 3,
    ]);
    expect(days).toContain(iso(holiday));
    const [audit] = await auditOf('calendar.holiday_rule_added');
    expect(audit).toMatchObject({ actorLabel: ADMIN });
    expect(
      (await listRules()).body.rules.find((r: { name: string }) => r.name === 'Founders Day'),
    ).toMatchObject({
      kind: 'fixed',
      name: 'Founders Day',
      month: 10,
    });

    const reloaded = (await loadSlaPolicy(t.db, 'senior-review'))!;
    expect(iso(computeTaskDeadlines(opened, spec, reloaded.calendar).dueAt)).toBe(
      iso(new Date(holiday.getTime() + 86_400_000)),
    );
  });

  it('removes a rule: its future days go, days up to today stay', async () => {
    const res = await addRule({
      kind: 'nth_weekday',
      name: 'Harvest Day',
      month: 9,
      weekday: 3,
      n: 3,
    });
    expect(res.status).toBe(201);
    const days = await holidaysNamed('Harvest Day');
    expect(days).toHaveLength(5);
    const removed = await removeRule(res.body.rule.id);
    expect(removed.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: standardCalendar.timeZone }).format(
      new Date(),
    );
    expect(await holidaysNamed('Harvest Day')).toEqual(days.filter((d) => d <= today));
    expect(await holidaysNamed('Harvest Day')).toContain(days[0]);
    expect(await auditOf('calendar.holiday_rule_removed')).toHaveLength(1);
    expect((await removeRule(res.body.rule.id)).status).toBe(404);
  });

  it('refuses people who may not edit calendars', async () => {
    const [rule] = await t.db.select().from(s.calendarHolidayRules);
    expect((await listRules(ADJUSTER)).status).toBe(403);
    expect(
      (await addRule({ kind: 'last_weekday', name: 'Nope', month: 5, weekday: 1 }, ADJUSTER))
        .status,
    ).toBe(403);
    expect((await removeRule(rule!.id, ADJUSTER)).status).toBe(403);
    expect(await t.db.select().from(s.calendarHolidayRules)).toHaveLength(
      standardCalendar.holidayRules.length + 1,
    );
  });

  it('names the field of a bad rule with a 400', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'fixed', name: 'Thirteenth', month: 13, day: 1 }, 'month'],
      [{ kind: 'fixed', name: 'Leap', month: 2, day: 31 }, 'day'],
      [{ kind: 'fixed', name: 'Leap', month: 2, day: 29 }, 'day'],
      [{ kind: 'nth_weekday', name: 'Sixth', month: 1, weekday: 1, n: 6 }, 'n'],
      [{ kind: 'last_weekday', name: 'Bad\u0000day', month: 1, weekday: 1 }, 'name'],
      [{ kind: 'last_weekday', name: 'Eighth', month: 1, weekday: 7 }, 'weekday'],
      [{ kind: 'yearly', name: 'Odd', month: 1 }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await addRule(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toHaveProperty(field);
    }
  });

  it('never answers hostile input with a 500', async () => {
    const count = (await t.db.select().from(s.calendarHolidayRules)).length;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            kind: fc.oneof(fc.constantFrom('fixed', 'nth_weekday', 'last_weekday'), fc.string()),
            name: fc.oneof(fc.string(), fc.constant('\u0000'), fc.integer()),
            month: fc.oneof(fc.integer({ min: -2, max: 14 }), fc.double(), fc.string()),
            day: fc.oneof(fc.integer({ min: -1, max: 33 }), fc.constant(null)),
            weekday: fc.integer({ min: -1, max: 8 }),
            n: fc.integer({ min: -1, max: 7 }),
            observeOnWeekday: fc.oneof(fc.boolean(), fc.string()),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await addRule(body);
          expect([201, 400]).toContain(res.status);
          if (res.status === 400)
            expect(Object.keys(res.body.error.fields).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
    expect((await t.db.select().from(s.calendarHolidayRules)).length).toBeGreaterThanOrEqual(count);
  });
});
