import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { businessMinutesBetween, makeCalendar } from '../../lib/domain/business-calendar';
import type { CaseDefinition } from '../../lib/domain/case-definition';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
import { slaFigures } from '../../lib/use-cases/sla-figures';
import { createTestDb, type TestDb } from '../helpers/test-db';

/*
 * A hand-computed fixture. Calendar: New York, Monday–Friday 09:00–17:00, with Friday
 * 20 November 2026 a holiday. New York is on EST (UTC−5) all month, so 09:00 NY = 14:00Z and
 * 17:00 NY = 22:00Z. The clock: Wednesday 25 November 12:00 NY. The 7-day window starts
 * Wednesday 18 November 12:00 NY. Every task's due time is set by hand from a 16-business-hour
 * policy; the figures read the due time as stored.
 *
 * Tasks (business hours on the calendar, wall hours in brackets):
 *   T1 Assess  Thu 19 10:00 → Thu 19 15:00          5 bh (5 h)   due Tue 24 10:00   met
 *   T2 Assess  Thu 19 16:00 → Mon 23 11:00          3 bh (91 h)  due Tue 24 16:00   met
 *              (Thu 16–17 = 1, Fri holiday, weekend, Mon 09–11 = 2)
 *   T3 Assess  Mon 23 09:00 → Wed 25 10:00         17 bh (49 h)  due Tue 24 17:00   late
 *   T4 Review  Tue 24 09:30 → Tue 24 11:30          2 bh          due Thu 26 09:30   met
 *   B1 Assess  Thu 19 09:00 → Thu 19 11:00          2 bh  "request information"     met
 *   B2 Assess  Mon 23 09:00 → Mon 23 13:00          4 bh  the follow-up             met
 *   T0 Assess  Mon 2 10:00 → Mon 2 12:00            2 bh  due Mon 2 11:00, late: only in 30 days
 *   O1 Assess  open (ready), due Thu 12 Nov         open overdue, from before the window
 *   O2 Review  open (claimed), due Tue 24 10:00     open overdue
 *   O3 Review  open (ready), due Thu 26 09:00       not yet due: in no count
 *
 * Cases:
 *   A  (T1, T2)  Thu 19 10:00 → Mon 23 11:00: Thu 7 + Mon 2 = 9 bh, no waiting
 *   B  (B1, B2)  Thu 19 09:00 → Mon 23 13:00: Thu 8 + Mon 4 = 12 bh; waiting from Thu 11:00
 *                (case.waiting) to Mon 09:00 (case.resumed) = Thu 11–17 = 6 bh; active 6 bh
 *   C  (T3, T4, O1–O3) still open: in no case figure
 *   E  (T0)      Mon 2 10:00 → Mon 2 12:00 = 2 bh: only in 30 days
 */
const NOW = new Date('2026-11-25T17:00:00Z');
const at = (iso: string) => new Date(iso);
let t: TestDb;
let lead: UserActor;

beforeAll(async () => {
  t = await createTestDb();
  const [u] = await t.db
    .insert(s.users)
    .values({
      email: 'fig-lead@example.com',
      name: 'Fig Lead',
      role: 'supervisor',
      timeZone: 'America/New_York',
    })
    .returning();
  const [g] = await t.db
    .insert(s.groups)
    .values({ key: 'fixture-team', name: 'Fixture team', supervisorId: u!.id })
    .returning();
  lead = (await loadUserActor(t.db, u!.id))!;
  const day = [{ start: '09:00', end: '17:00' }];
  const [cal] = await t.db
    .insert(s.businessCalendars)
    .values({
      key: 'fixture-ny',
      name: 'Fixture New York',
      timeZone: 'America/New_York',
      workingHours: { '1': day, '2': day, '3': day, '4': day, '5': day },
    })
    .returning();
  await t.db
    .insert(s.calendarHolidays)
    .values({ calendarId: cal!.id, day: '2026-11-20', name: 'Fixture holiday' });
  const [policy] = await t.db
    .insert(s.slaPolicies)
    .values({
      key: 'fixture-16h',
      name: 'Fixture 16 business hours',
      calendarId: cal!.id,
      due: { amount: 16, unit: 'business_hours' },
    })
    .returning();
  const [ct] = await t.db
    .insert(s.caseTypes)
    .values({ key: 'fixture-claim', name: 'Fixture claim' })
    .returning();
  const [ctv] = await t.db
    .insert(s.caseTypeVersions)
    .values({ caseTypeId: ct!.id, version: 1, definition: {} as CaseDefinition })
    .returning();
  const kase = async (ref: string, created: string, closed: string | null) => {
    const [c] = await t.db
      .insert(s.cases)
      .values({
        reference: ref,
        caseTypeId: ct!.id,
        caseTypeVersionId: ctv!.id,
        status: closed ? 'closed' : 'open',
        data: {},
        openedByActor: 'test',
        createdAt: at(created),
        closedAt: closed ? at(closed) : null,
      })
      .returning();
    return c!.id;
  };
  const caseA = await kase('FIX-A', '2026-11-19T15:00:00Z', '2026-11-23T16:00:00Z');
  const caseB = await kase('FIX-B', '2026-11-19T14:00:00Z', '2026-11-23T18:00:00Z');
  const caseC = await kase('FIX-C', '2026-11-10T15:00:00Z', null);
  const caseE = await kase('FIX-E', '2026-11-02T15:00:00Z', '2026-11-02T17:00:00Z');

  const task = (
    caseId: string,
    name: string,
    created: string,
    due: string,
    completed: string | null,
    status: 'completed' | 'ready' | 'claimed' = completed ? 'completed' : 'ready',
  ) => ({
    caseId,
    stepKey: name.toLowerCase(),
    name,
    status,
    candidateGroupId: g!.id,
    slaPolicyId: policy!.id,
    createdAt: at(created),
    dueAt: at(due),
    completedAt: completed ? at(completed) : null,
  });
  await t.db.insert(s.tasks).values([
    task(caseA, 'Assess', '2026-11-19T15:00:00Z', '2026-11-24T15:00:00Z', '2026-11-19T20:00:00Z'), // T1
    task(caseA, 'Assess', '2026-11-19T21:00:00Z', '2026-11-24T21:00:00Z', '2026-11-23T16:00:00Z'), // T2
    task(caseC, 'Assess', '2026-11-23T14:00:00Z', '2026-11-24T22:00:00Z', '2026-11-25T15:00:00Z'), // T3
    task(caseC, 'Review', '2026-11-24T14:30:00Z', '2026-11-26T14:30:00Z', '2026-11-24T16:30:00Z'), // T4
    task(caseB, 'Assess', '2026-11-19T14:00:00Z', '2026-11-23T14:00:00Z', '2026-11-19T16:00:00Z'), // B1
    task(caseB, 'Assess', '2026-11-23T14:00:00Z', '2026-11-24T22:00:00Z', '2026-11-23T18:00:00Z'), // B2
    task(caseE, 'Assess', '2026-11-02T15:00:00Z', '2026-11-02T16:00:00Z', '2026-11-02T17:00:00Z'), // T0
    task(caseC, 'Assess', '2026-11-10T15:00:00Z', '2026-11-12T15:00:00Z', null), // O1
    task(caseC, 'Review', '2026-11-23T15:00:00Z', '2026-11-24T15:00:00Z', null, 'claimed'), // O2
    task(caseC, 'Review', '2026-11-25T14:00:00Z', '2026-11-26T14:00:00Z', null), // O3
  ]);
  const event = (caseId: string, action: string, occurredAt: string) => ({
    actorType: 'system' as const,
    actorLabel: 'system:engine',
    action,
    entityType: 'case',
    entityId: caseId,
    caseId,
    occurredAt: at(occurredAt),
  });
  // In id order, as the engine writes them: the resume pairs with the wait before it.
  await t.db.insert(s.auditEvents).values(event(caseE, 'case.closed', '2026-11-02T17:00:00Z'));
  await t.db.insert(s.auditEvents).values(event(caseB, 'case.waiting', '2026-11-19T16:00:00Z'));
  await t.db.insert(s.auditEvents).values(event(caseB, 'case.resumed', '2026-11-23T14:00:00Z'));
  await t.db.insert(s.auditEvents).values(event(caseA, 'case.closed', '2026-11-23T16:00:00Z'));
  await t.db.insert(s.auditEvents).values(event(caseB, 'case.closed', '2026-11-23T18:00:00Z'));
});
afterAll(async () => {
  await t?.close();
});

describe('SLA figures on a hand-computed fixture', () => {
  it('compliance counts open overdue work as missed and shows it apart (7 days)', async () => {
    const f = await slaFigures(t.db, lead, 7, NOW);
    // Assess: met T1, T2, B1, B2 = 4; late T3 = 1; open overdue O1 = 1 → 4 / 6 = 66.7 %
    // Review: met T4 = 1; open overdue O2 = 1 (O3 is not due yet) → 1 / 2 = 50 %
    expect(f.compliance).toEqual([
      {
        group: 'Fixture team',
        step: 'Assess',
        met: 4,
        completedLate: 1,
        openOverdue: 1,
        total: 6,
        percent: 66.7,
      },
      {
        group: 'Fixture team',
        step: 'Review',
        met: 1,
        completedLate: 0,
        openOverdue: 1,
        total: 2,
        percent: 50,
      },
    ]);
    // 5 met of 5 + 1 + 2 = 8 → 62.5 % (counting completed tasks only it would be 5 of 6)
    expect(f.complianceTotal).toEqual({
      met: 5,
      completedLate: 1,
      openOverdue: 2,
      total: 8,
      percent: 62.5,
    });
  });

  it('the 30-day window adds the older late task; the open backlog is the same', async () => {
    const f = await slaFigures(t.db, lead, 30, NOW);
    // Assess: 4 met, late T3 + T0 = 2, open overdue 1 → 4 / 7 = 57.1 %
    expect(f.compliance.find((c) => c.step === 'Assess')).toMatchObject({
      met: 4,
      completedLate: 2,
      openOverdue: 1,
      percent: 57.1,
    });
    expect(f.complianceTotal).toMatchObject({ openOverdue: 2, total: 9 });
  });

  it('cycle time is in business hours on the task’s calendar', async () => {
    const f = await slaFigures(t.db, lead, 7, NOW);
    // T1 5, T2 3, T3 17, T4 2, B1 2, B2 4 → sorted 2, 2, 3, 4, 5, 17
    // median (3 + 4) / 2 = 3.5; p90 at rank 0.9 × 5 = 4.5 → 5 + 0.5 × (17 − 5) = 11
    // (in wall-clock hours the median would be 4.5 and T2 alone 91 h)
    expect(f.cycle).toEqual([
      { group: 'Fixture team', completed: 6, medianHours: 3.5, p90Hours: 11 },
    ]);
  });

  it('end-to-end case time runs through a request for information, with the waiting apart', async () => {
    const f = await slaFigures(t.db, lead, 7, NOW);
    // A 9 bh (0 waiting), B 12 bh (6 waiting, 6 active) → median 10.5, p90 9 + 0.9 × 3 = 11.7;
    // waiting median (0 + 6) / 2 = 3; active median (9 + 6) / 2 = 7.5; one case waited
    expect(f.cases).toEqual([
      {
        caseType: 'Fixture claim',
        closed: 2,
        withWaiting: 1,
        medianHours: 10.5,
        p90Hours: 11.7,
        medianWaitingHours: 3,
        medianActiveHours: 7.5,
      },
    ]);
    // 30 days adds E (2 bh): 2, 9, 12 → median 9, p90 at rank 1.8 → 9 + 0.8 × 3 = 11.4
    const f30 = await slaFigures(t.db, lead, 30, NOW);
    expect(f30.cases[0]).toMatchObject({ closed: 3, medianHours: 9, p90Hours: 11.4 });
  });

  it('business hours in SQL follow the domain calendar across a DST change and a 24:00 end', async () => {
    // London, weekdays 09:00–17:00 and Sunday 00:00–24:00. BST ends Sunday 25 October 2026, so
    // that Sunday is 25 hours long. Saturday 24 Oct 12:00Z → Monday 26 Oct 10:00Z (09:00–10:00
    // GMT on Monday) = 25 + 1 = 26 business hours.
    const day = [{ start: '09:00', end: '17:00' }];
    const workingHours = {
      '1': day,
      '2': day,
      '3': day,
      '4': day,
      '5': day,
      '7': [{ start: '00:00', end: '24:00' }],
    };
    const [u] = await t.db
      .insert(s.users)
      .values({ email: 'dst-lead@example.com', name: 'Dee Lead', role: 'supervisor' })
      .returning();
    const [g] = await t.db
      .insert(s.groups)
      .values({ key: 'dst-team', name: 'DST team', supervisorId: u!.id })
      .returning();
    const [cal] = await t.db
      .insert(s.businessCalendars)
      .values({ key: 'dst-london', name: 'London', timeZone: 'Europe/London', workingHours })
      .returning();
    const [policy] = await t.db
      .insert(s.slaPolicies)
      .values({
        key: 'dst-policy',
        name: 'DST policy',
        calendarId: cal!.id,
        due: { amount: 30, unit: 'business_hours' },
      })
      .returning();
    const [c] = await t.db.select({ id: s.cases.id }).from(s.cases).limit(1);
    const from = at('2026-10-24T12:00:00Z');
    const to = at('2026-10-26T10:00:00Z');
    await t.db.insert(s.tasks).values({
      caseId: c!.id,
      stepKey: 'dst',
      name: 'DST',
      status: 'completed',
      candidateGroupId: g!.id,
      slaPolicyId: policy!.id,
      createdAt: from,
      dueAt: at('2026-10-27T12:00:00Z'),
      completedAt: to,
    });
    const dee = (await loadUserActor(t.db, u!.id))!;
    const f = await slaFigures(t.db, dee, 7, at('2026-10-27T12:00:00Z'));
    const domainHours =
      businessMinutesBetween(from, to, makeCalendar({ timeZone: 'Europe/London', workingHours })) /
      60;
    expect(domainHours).toBe(26);
    expect(f.cycle).toEqual([{ group: 'DST team', completed: 1, medianHours: 26, p90Hours: 26 }]);
  });
});
