import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, request, sessionCookie } from '../helpers/http';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadSlaPolicy } from '../../lib/data/definitions';
import { computeTaskDeadlines } from '../../lib/domain/sla';
import { createTestDb, type TestDb } from '../helpers/test-db';
import * as slaRoute from '../../app/api/admin/sla/route';
import * as policyRoute from '../../app/api/admin/sla/[id]/route';
import * as calendarsRoute from '../../app/api/admin/calendar/route';
import * as calendarRoute from '../../app/api/admin/calendar/[id]/route';
import * as holidaysRoute from '../../app/api/admin/calendar/[id]/holidays/route';
import * as holidayRoute from '../../app/api/admin/calendar/[id]/holidays/[holidayId]/route';

let t: TestDb;
const cookie = new Map<string, string>();
const ADMIN = 'admin@example.com';
const as = (email: string) => cookie.get(email)!;
let calendarId: string;

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

const policyByKey = async (key: string) =>
  (await t.db.select().from(s.slaPolicies).where(eq(s.slaPolicies.key, key)))[0]!;
const putPolicy = (id: string, body: unknown, email = ADMIN) =>
  call(policyRoute.PUT, request('PUT', `/api/admin/sla/${id}`, { cookie: as(email), body }), {
    id,
  });
const patchCalendar = (body: unknown, email = ADMIN) =>
  call(
    calendarRoute.PATCH,
    request('PATCH', `/api/admin/calendar/${calendarId}`, { cookie: as(email), body }),
    { id: calendarId },
  );
const addHoliday = (body: unknown, email = ADMIN) =>
  call(
    holidaysRoute.POST,
    request('POST', `/api/admin/calendar/${calendarId}/holidays`, { cookie: as(email), body }),
    { id: calendarId },
  );
const removeHoliday = (holidayId: string, email = ADMIN) =>
  call(
    holidayRoute.DELETE,
    request('DELETE', `/api/admin/calendar/${calendarId}/holidays/${holidayId}`, {
      cookie: as(email),
      body: {},
    }),
    { id: calendarId, holidayId },
  );
const auditOf = (action: string, entityId: string) =>
  t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, entityId)))
    .orderBy(s.auditEvents.id);

const weekdays = (start: string, end: string) =>
  Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start, end }]]));

describe('SLA policies', () => {
  it('lists every policy with its due time, reminder, ladder and calendar, and the groups a level may name', async () => {
    const res = await call(
      slaRoute.GET,
      request('GET', '/api/admin/sla', { cookie: as(ADMIN) }),
      {},
    );
    expect(res.status).toBe(200);
    expect(res.body.policies).toHaveLength(6);
    const review = res.body.policies.find((p: { key: string }) => p.key === 'adjuster-review');
    expect(review).toMatchObject({
      due: { amount: 2, unit: 'business_days' },
      reminder: { before: { amount: 4, unit: 'business_hours' } },
      escalations: [
        { level: 1, action: 'notify_supervisor' },
        { level: 2, action: 'reassign_to_supervisor' },
      ],
      version: 1,
      calendar: { key: 'us-east-business' },
    });
    expect(res.body.groups.map((g: { key: string }) => g.key)).toContain('special-investigations');
  });

  it('saves a new ladder: version + 1, audited with before and after, used by the next deadlines', async () => {
    const p = await policyByKey('supervisor-approval');
    const body = {
      due: { amount: 6, unit: 'business_hours' },
      reminder: { atPercent: 50 },
      escalations: [
        { level: 1, after: { amount: 0, unit: 'minutes' }, action: 'notify_supervisor' },
        {
          level: 2,
          after: { amount: 4, unit: 'business_hours' },
          action: 'reassign_to_group',
          groupKey: 'special-investigations',
        },
        {
          level: 3,
          after: { amount: 1, unit: 'business_days' },
          action: 'reassign_to_supervisor',
          groupKey: 'ignored-for-this-action',
        },
      ],
      version: p.version,
    };
    const res = await putPolicy(p.id, body);
    expect(res.status).toBe(200);
    expect(res.body.policy).toMatchObject({
      version: p.version + 1,
      due: body.due,
      reminder: body.reminder,
    });
    expect(res.body.policy.escalations[2]).toEqual({
      level: 3,
      after: { amount: 1, unit: 'business_days' },
      action: 'reassign_to_supervisor',
    });
    const [audit] = await auditOf('sla_policy.updated', p.id);
    expect(audit).toMatchObject({
      actorLabel: ADMIN,
      before: { due: { amount: 1, unit: 'business_days' }, version: 1 },
      after: {
        due: { amount: 6, unit: 'business_hours' },
        reminder: { atPercent: 50 },
        version: 2,
      },
    });

    // Monday 2026-11-30 10:00 New York + 6 business hours = 16:00; reminder half-way at 13:00.
    const loaded = (await loadSlaPolicy(t.db, 'supervisor-approval'))!;
    const d = computeTaskDeadlines(new Date('2026-11-30T15:00:00Z'), loaded.spec, loaded.calendar);
    expect(d.dueAt.toISOString()).toBe('2026-11-30T21:00:00.000Z');
    expect(d.remindAt?.toISOString()).toBe('2026-11-30T18:00:00.000Z');

    // Saving what is already there changes nothing; a stale version is a conflict.
    const again = await putPolicy(p.id, { ...body, version: p.version + 1 });
    expect(again.body.policy.version).toBe(p.version + 1);
    expect(await auditOf('sla_policy.updated', p.id)).toHaveLength(1);
    const stale = await putPolicy(p.id, {
      ...body,
      due: { amount: 7, unit: 'business_hours' },
      version: p.version,
    });
    expect(stale.status).toBe(409);
    expect((await policyByKey('supervisor-approval')).due).toEqual({
      amount: 6,
      unit: 'business_hours',
    });
  });

  it('names every invalid field and writes nothing', async () => {
    const p = await policyByKey('adjuster-review');
    const res = await putPolicy(p.id, {
      due: { amount: 0, unit: 'weeks' },
      reminder: { before: { amount: 1.5, unit: 'business_days' } },
      escalations: [
        { level: 2, after: { amount: -1, unit: 'minutes' }, action: 'notify_supervisor' },
        { level: 2, after: { amount: 8, unit: 'business_hours' }, action: 'reassign_to_group' },
        { level: 3, after: { amount: 9, unit: 'business_hours' }, action: 'page_someone' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.fields).toEqual({
      'due.amount': 'must be a positive whole number',
      'due.unit': 'must be one of business_hours, business_days, hours, minutes',
      'reminder.before.amount': 'must be a whole number',
      'reminder.before.unit': 'must be one of business_hours, hours, minutes',
      'escalations.0.after.amount': 'must be 0 or more',
      'escalations.0.level': 'must be 1: levels rise by one from 1',
      'escalations.1.groupKey': 'is required for reassign_to_group',
      'escalations.2.action':
        'must be one of notify_supervisor, reassign_to_supervisor, reassign_to_group',
    });

    const both = await putPolicy(p.id, {
      due: { amount: 2, unit: 'business_days' },
      reminder: { atPercent: 100, before: { amount: 1, unit: 'hours' } },
      escalations: [],
    });
    expect(both.body.error.fields).toEqual({
      'reminder.atPercent': 'must be between 1 and 99',
      reminder: 'must set either before or atPercent',
    });

    const gap = await putPolicy(p.id, {
      due: { amount: 2, unit: 'business_days' },
      reminder: null,
      escalations: [
        { level: 1, after: { amount: 0, unit: 'minutes' }, action: 'notify_supervisor' },
        {
          level: 3,
          after: { amount: 8, unit: 'business_hours' },
          action: 'reassign_to_supervisor',
        },
      ],
    });
    expect(gap.body.error.fields).toEqual({
      'escalations.1.level': 'must be 2: levels rise by one from 1',
    });

    const unknownGroup = await putPolicy(p.id, {
      due: { amount: 2, unit: 'business_days' },
      reminder: null,
      escalations: [
        {
          level: 1,
          after: { amount: 0, unit: 'minutes' },
          action: 'reassign_to_group',
          groupKey: 'no-such-group',
        },
      ],
    });
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body.error.fields).toEqual({
      'escalations.0.groupKey': 'is not a group (no group has the key "no-such-group")',
    });

    expect(await policyByKey('adjuster-review')).toEqual(p);
    expect(await auditOf('sla_policy.updated', p.id)).toHaveLength(0);
    expect(
      (
        await putPolicy('00000000-0000-4000-8000-000000000000', {
          due: { amount: 1, unit: 'hours' },
          reminder: null,
          escalations: [],
        })
      ).status,
    ).toBe(404);
  });
});

describe('business calendar', () => {
  it('lists the calendar with its working hours and holidays', async () => {
    const res = await call(
      calendarsRoute.GET,
      request('GET', '/api/admin/calendar', { cookie: as(ADMIN) }),
      {},
    );
    expect(res.status).toBe(200);
    const [cal] = res.body.calendars;
    expect(cal).toMatchObject({
      id: calendarId,
      timeZone: 'America/New_York',
      workingHours: { '1': [{ start: '09:00', end: '17:00' }] },
    });
    expect(cal.holidays).toContainEqual(
      expect.objectContaining({ day: '2026-11-26', name: 'Thanksgiving Day' }),
    );
  });

  it('adds and removes holidays, audited; deadlines skip a new holiday', async () => {
    const added = await addHoliday({ day: '2026-12-28', name: 'Company day' });
    expect(added.status).toBe(201);
    expect(added.body.holiday).toMatchObject({ day: '2026-12-28', name: 'Company day' });
    const [audit] = await auditOf('calendar.holiday_added', calendarId);
    expect(audit).toMatchObject({ after: { day: '2026-12-28', name: 'Company day' } });

    // Friday 2026-12-25 is Christmas, Monday the 28th now a holiday: 1 business day from Thursday the 24th 10:00 is Tuesday.
    const loaded = (await loadSlaPolicy(t.db, 'senior-review'))!;
    const due = computeTaskDeadlines(
      new Date('2026-12-24T15:00:00Z'),
      { ...loaded.spec, due: { amount: 1, unit: 'business_days' } },
      loaded.calendar,
    ).dueAt;
    expect(due.toISOString()).toBe('2026-12-29T15:00:00.000Z');

    const dup = await addHoliday({ day: '2026-12-28', name: 'Twice' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual({ day: 'is already a holiday (Company day)' });
    const bad = await addHoliday({ day: '2026-02-30', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({
      day: 'is not a real date',
      name: 'must be at least 2 characters',
    });
    expect(
      (await addHoliday({ day: '28/12/2026', name: 'Wrong format' })).body.error.fields,
    ).toEqual({ day: 'must be a date YYYY-MM-DD' });

    const removed = await removeHoliday(added.body.holiday.id);
    expect(removed.status).toBe(200);
    const [gone] = await auditOf('calendar.holiday_removed', calendarId);
    expect(gone).toMatchObject({ before: { day: '2026-12-28', name: 'Company day' } });
    expect(
      await t.db.select().from(s.calendarHolidays).where(eq(s.calendarHolidays.day, '2026-12-28')),
    ).toHaveLength(0);
    expect((await removeHoliday(added.body.holiday.id)).status).toBe(404);
  });

  it('validates time zone and working hours, naming each field', async () => {
    const zone = await patchCalendar({
      timeZone: 'Mars/Olympus_Mons',
      workingHours: weekdays('09:00', '17:00'),
    });
    expect(zone.status).toBe(400);
    expect(zone.body.error.fields).toEqual({
      timeZone: 'is not a known IANA time zone (e.g. America/New_York)',
    });

    const hours = await patchCalendar({
      timeZone: 'Europe/Berlin',
      workingHours: {
        '1': [{ start: '17:00', end: '09:00' }],
        '2': [{ start: '9am', end: '17:00' }],
        '3': [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '15:00' },
        ],
        '8': [],
      },
    });
    expect(hours.status).toBe(400);
    expect(hours.body.error.fields).toEqual({
      'workingHours.1.0.end': 'must be after the start',
      'workingHours.2.0.start': 'must be a time HH:MM between 00:00 and 24:00',
      'workingHours.3.1.start': 'overlaps another interval of the day',
      workingHours: 'has weekdays 1 (Monday) to 7 (Sunday) only',
    });
    const none = await patchCalendar({ timeZone: 'Europe/Berlin', workingHours: {} });
    expect(none.body.error.fields).toEqual({
      workingHours: 'must have working time on at least one day',
    });

    const [cal] = await t.db
      .select()
      .from(s.businessCalendars)
      .where(eq(s.businessCalendars.id, calendarId));
    expect(cal!.timeZone).toBe('America/New_York');
    expect(await auditOf('calendar.updated', calendarId)).toHaveLength(0);
  });

  it('saves the time zone and working hours, audited with before and after', async () => {
    const workingHours = { ...weekdays('08:00', '16:00'), '6': [{ start: '09:00', end: '12:00' }] };
    const res = await patchCalendar({ timeZone: 'Europe/Berlin', workingHours });
    expect(res.status).toBe(200);
    expect(res.body.calendar).toMatchObject({ timeZone: 'Europe/Berlin', workingHours });
    const [audit] = await auditOf('calendar.updated', calendarId);
    expect(audit).toMatchObject({
      before: {
        timeZone: 'America/New_York',
        workingHours: { '1': [{ start: '09:00', end: '17:00' }] },
      },
      after: {
        timeZone: 'Europe/Berlin',
        workingHours: { '6': [{ start: '09:00', end: '12:00' }] },
      },
    });
    // Saturday 2026-12-05 09:00 Berlin + 2 business hours = 11:00 Berlin.
    const loaded = (await loadSlaPolicy(t.db, 'adjuster-review'))!;
    const due = computeTaskDeadlines(
      new Date('2026-12-05T08:00:00Z'),
      { ...loaded.spec, due: { amount: 2, unit: 'business_hours' } },
      loaded.calendar,
    ).dueAt;
    expect(due.toISOString()).toBe('2026-12-05T10:00:00.000Z');
  });
});

describe('authorization', () => {
  it('refuses a supervisor every SLA and calendar route with 403, writes nothing and audits the refusal', async () => {
    const sup = 'supervisor@example.com';
    const p = await policyByKey('adjuster-review');
    const [holiday] = await t.db.select().from(s.calendarHolidays).limit(1);
    const snapshot = async () => ({
      policies: await t.db.select().from(s.slaPolicies).orderBy(s.slaPolicies.id),
      calendars: await t.db.select().from(s.businessCalendars),
      holidays: await t.db.select().from(s.calendarHolidays).orderBy(s.calendarHolidays.id),
      audit: (
        await t.db
          .select({ n: count() })
          .from(s.auditEvents)
          .where(sql`${s.auditEvents.action} <> 'auth.refused'`)
      )[0]!.n,
    });
    const refusals = async () =>
      (
        await t.db
          .select({ n: count() })
          .from(s.auditEvents)
          .where(and(eq(s.auditEvents.action, 'auth.refused'), eq(s.auditEvents.actorLabel, sup)))
      )[0]!.n;
    const before = await snapshot();
    const refusedBefore = await refusals();
    const results = [
      await call(slaRoute.GET, request('GET', '/api/admin/sla', { cookie: as(sup) }), {}),
      await putPolicy(
        p.id,
        { due: { amount: 1, unit: 'hours' }, reminder: null, escalations: [] },
        sup,
      ),
      await call(
        calendarsRoute.GET,
        request('GET', '/api/admin/calendar', { cookie: as(sup) }),
        {},
      ),
      await patchCalendar({ timeZone: 'UTC', workingHours: weekdays('00:00', '24:00') }, sup),
      await addHoliday({ day: '2026-12-31', name: 'Sneaky day off' }, sup),
      await removeHoliday(holiday!.id, sup),
    ];
    for (const res of results) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await snapshot()).toEqual(before);
    expect(await refusals()).toBe(refusedBefore + results.length);
  });
});
