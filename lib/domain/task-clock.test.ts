import { describe, expect, it } from 'vitest';
import { makeCalendar } from './business-calendar';
import type { SlaPolicySpec } from './sla';
import {
  extendDeadline,
  pauseClock,
  resumeClock,
  slaDeadlineOf,
  type ClockTask,
} from './task-clock';

const day = { start: '09:00', end: '17:00' };
const cal = makeCalendar({
  timeZone: 'Europe/London',
  workingHours: { '1': [day], '2': [day], '3': [day], '4': [day], '5': [day] },
});
const spec: SlaPolicySpec = {
  due: { amount: 2, unit: 'business_days' },
  reminder: { before: { amount: 2, unit: 'business_hours' } },
  escalations: [
    { level: 1, after: { amount: 0, unit: 'minutes' }, action: 'notify_supervisor' },
    { level: 2, after: { amount: 4, unit: 'business_hours' }, action: 'reassign_to_supervisor' },
  ],
};
const at = (s: string) => new Date(s);

// 2026-11-27 is a Friday; London is on UTC in November.
const open = (over: Partial<ClockTask> = {}): ClockTask => ({
  status: 'claimed',
  dueAt: at('2026-12-01T15:00:00Z'),
  slaDueAt: null,
  dueSoonAt: at('2026-12-01T13:00:00Z'),
  remindAt: at('2026-12-01T13:00:00Z'),
  remindedAt: null,
  nextEscalationAt: at('2026-12-01T15:00:00Z'),
  ladderStartedAt: at('2026-12-01T15:00:00Z'),
  escalationLevel: 0,
  pausedAt: null,
  pausedClock: null,
  pausedMinutes: 0,
  ...over,
});

function paused(task: ClockTask, when: string): ClockTask {
  const p = pauseClock(task, { reason: 'Waiting for the repair invoice' }, at(when));
  if (!p.ok) throw new Error(p.message);
  return { ...task, ...p.changes };
}

describe('pauseClock', () => {
  it('parks the pending reminder and escalation so the sweeps skip the task', () => {
    const p = pauseClock(
      open(),
      { reason: '  Waiting for photos  ', resumeOnEvent: 'information_received' },
      at('2026-11-27T16:00:00Z'),
    );
    expect(p).toMatchObject({
      ok: true,
      changes: {
        pausedAt: at('2026-11-27T16:00:00Z'),
        pauseReason: 'Waiting for photos',
        pausedForEvent: 'information_received',
        pausedClock: {
          remindAt: '2026-12-01T13:00:00.000Z',
          nextEscalationAt: '2026-12-01T15:00:00.000Z',
        },
        remindAt: null,
        nextEscalationAt: null,
      },
    });
  });

  it('refuses a closed task, a paused one, an empty reason and a bad event name', () => {
    const now = at('2026-11-27T16:00:00Z');
    expect(pauseClock(open({ status: 'completed' }), { reason: 'x' }, now)).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
    expect(pauseClock(paused(open(), '2026-11-27T15:00:00Z'), { reason: 'x' }, now)).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
    expect(pauseClock(open(), { reason: '   ' }, now)).toMatchObject({ field: 'reason' });
    expect(pauseClock(open(), { reason: 'a\u0000b' }, now)).toMatchObject({ field: 'reason' });
    expect(pauseClock(open(), { reason: 'x'.repeat(501) }, now)).toMatchObject({
      field: 'reason',
    });
    expect(pauseClock(open(), { reason: 'ok', resumeOnEvent: 'DROP TABLE' }, now)).toMatchObject({
      field: 'resumeOnEvent',
    });
  });
});

describe('resumeClock', () => {
  it('counts only working time across a weekend: Friday 16:00 to Monday 10:00 is 2 hours', () => {
    const r = resumeClock(paused(open(), '2026-11-27T16:00:00Z'), at('2026-11-30T10:00:00Z'), cal);
    expect(r).toMatchObject({ ok: true, minutes: 120 });
    if (!r.ok) return;
    // Tuesday 15:00 + 2 working hours = Tuesday 17:00, the end of the working day.
    expect(r.changes.dueAt).toEqual(at('2026-12-01T17:00:00Z'));
    expect(r.changes.dueSoonAt).toEqual(at('2026-12-01T15:00:00Z'));
    expect(r.changes.remindAt).toEqual(at('2026-12-01T15:00:00Z'));
    expect(r.changes.nextEscalationAt).toEqual(at('2026-12-01T17:00:00Z'));
    expect(r.changes.ladderStartedAt).toEqual(at('2026-12-01T17:00:00Z'));
    expect(r.changes.pausedMinutes).toBe(120);
    expect(r.changes).toMatchObject({ pausedAt: null, pausedClock: null, pausedForEvent: null });
  });

  it('adds to the minutes of earlier pauses and shifts an extended task’s SLA deadline too', () => {
    const task = open({ pausedMinutes: 30, slaDueAt: at('2026-11-30T12:00:00Z') });
    const r = resumeClock(paused(task, '2026-11-27T16:30:00Z'), at('2026-11-30T09:15:00Z'), cal);
    if (!r.ok) throw new Error(r.message);
    expect(r.minutes).toBe(45);
    expect(r.changes.pausedMinutes).toBe(75);
    expect(r.changes.slaDueAt).toEqual(at('2026-11-30T12:45:00Z'));
  });

  it('does not move what had already passed at the pause: an overdue task stays overdue', () => {
    const overdue = open({
      dueAt: at('2026-11-27T10:00:00Z'),
      dueSoonAt: at('2026-11-27T08:00:00Z'),
      remindAt: null,
      escalationLevel: 1,
      ladderStartedAt: at('2026-11-27T10:00:00Z'),
      nextEscalationAt: at('2026-11-30T09:00:00Z'),
    });
    const r = resumeClock(paused(overdue, '2026-11-27T16:00:00Z'), at('2026-11-30T10:00:00Z'), cal);
    if (!r.ok) throw new Error(r.message);
    expect(r.changes.dueAt).toEqual(at('2026-11-27T10:00:00Z'));
    expect(slaDeadlineOf(r.changes)).toEqual(at('2026-11-27T10:00:00Z'));
    // The level still ahead keeps its working time: Monday 09:00 + 2h.
    expect(r.changes.nextEscalationAt).toEqual(at('2026-11-30T11:00:00Z'));
  });

  it('moves nothing for a pause wholly outside working time', () => {
    const r = resumeClock(paused(open(), '2026-11-28T10:00:00Z'), at('2026-11-29T20:00:00Z'), cal);
    expect(r).toMatchObject({ ok: true, minutes: 0, changes: { dueAt: open().dueAt } });
  });

  it('refuses a clock that is not paused', () => {
    expect(resumeClock(open(), at('2026-11-30T10:00:00Z'), cal)).toMatchObject({ ok: false });
  });
});

describe('extendDeadline', () => {
  const now = at('2026-11-30T10:00:00Z');
  const sla = { spec, calendar: cal };

  it('keeps the SLA deadline and times reminder and ladder from the new deadline', () => {
    const r = extendDeadline(
      open({ remindedAt: null }),
      { dueAt: at('2026-12-03T14:00:00Z'), reason: 'Loss adjuster on leave' },
      now,
      sla,
    );
    expect(r).toMatchObject({
      ok: true,
      reason: 'Loss adjuster on leave',
      changes: {
        dueAt: at('2026-12-03T14:00:00Z'),
        slaDueAt: at('2026-12-01T15:00:00Z'),
        dueSoonAt: at('2026-12-03T12:00:00Z'),
        remindAt: at('2026-12-03T12:00:00Z'),
        nextEscalationAt: at('2026-12-03T14:00:00Z'),
        ladderStartedAt: at('2026-12-03T14:00:00Z'),
      },
    });
  });

  it('a second extension keeps the first SLA deadline; a reached level stays reached', () => {
    const r = extendDeadline(
      open({
        slaDueAt: at('2026-11-27T15:00:00Z'),
        dueAt: at('2026-11-30T09:30:00Z'),
        escalationLevel: 1,
        nextEscalationAt: at('2026-11-30T13:30:00Z'),
      }),
      { dueAt: at('2026-12-01T10:00:00Z'), reason: 'Second extension' },
      now,
      sla,
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.changes.slaDueAt).toEqual(at('2026-11-27T15:00:00Z'));
    // Level 2 is 4 working hours after the new deadline.
    expect(r.changes.nextEscalationAt).toEqual(at('2026-12-01T14:00:00Z'));
  });

  it('refuses an earlier, past, too distant or missing date, a bad reason and a paused clock', () => {
    const ext = (dueAt: unknown, reason: unknown = 'why', task = open()) =>
      extendDeadline(task, { dueAt, reason }, now, sla);
    expect(ext(at('2026-12-01T14:00:00Z'))).toMatchObject({ ok: false, field: 'dueAt' });
    expect(ext(at('2027-12-30T10:00:00Z'))).toMatchObject({ ok: false, field: 'dueAt' });
    expect(ext(new Date(NaN))).toMatchObject({ ok: false, field: 'dueAt' });
    expect(ext('2026-12-03T14:00:00Z')).toMatchObject({ ok: false, field: 'dueAt' });
    expect(
      ext(at('2026-11-30T09:00:00Z'), 'why', open({ dueAt: at('2026-11-29T09:00:00Z') })),
    ).toMatchObject({ ok: false, field: 'dueAt' });
    expect(ext(at('2026-12-03T14:00:00Z'), '')).toMatchObject({ ok: false, field: 'reason' });
    expect(ext(at('2026-12-03T14:00:00Z'), '\ud800')).toMatchObject({ ok: false, field: 'reason' });
    expect(
      ext(at('2026-12-03T14:00:00Z'), 'why', paused(open(), '2026-11-30T09:00:00Z')),
    ).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(ext(at('2026-12-03T14:00:00Z'), 'why', open({ status: 'completed' }))).toMatchObject({
      ok: false,
      code: 'invalid_transition',
    });
  });
});
