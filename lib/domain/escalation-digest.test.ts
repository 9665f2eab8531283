import { describe, expect, it } from 'vitest';
import { makeCalendar } from './business-calendar';
import {
  acknowledgementHolds,
  closedPeriodEnd,
  DIGEST_GRACE_MS,
  DIGEST_LOOKBACK_MAX_MS,
  digestIsEmpty,
  digestMessage,
  digestPeriod,
  sendsAt,
  snoozeEnd,
  type DigestContent,
} from './escalation-digest';

const z = (iso: string) => new Date(iso);
const cal = makeCalendar({
  timeZone: 'America/New_York',
  workingHours: {
    '1': [{ start: '09:00', end: '17:00' }],
    '2': [{ start: '09:00', end: '17:00' }],
    '3': [{ start: '09:00', end: '17:00' }],
    '4': [{ start: '09:00', end: '17:00' }],
    '5': [{ start: '09:00', end: '17:00' }],
  },
});
const empty: DigestContent = {
  escalations: { items: [], total: 0 },
  atRisk: { items: [], total: 0 },
  unassignedDueSoon: { items: [], total: 0 },
  absentHolders: { items: [], total: 0 },
};

describe('digestPeriod', () => {
  it('names the last whole aligned period closed five minutes before now, whoever computes it', () => {
    expect(digestPeriod(z('2026-12-01T10:59:59Z'), 60, null)).toEqual({
      periodStart: z('2026-12-01T09:00:00Z'),
      periodEnd: z('2026-12-01T10:00:00Z'),
    });
    expect(digestPeriod(z('2026-12-01T10:05:00Z'), 15, null)?.periodEnd).toEqual(
      z('2026-12-01T10:00:00Z'),
    );
    expect(digestPeriod(z('2026-12-01T10:07:00Z'), 15, null)?.periodStart).toEqual(
      z('2026-12-01T09:45:00Z'),
    );
  });
  it('keeps a period open for the grace after its end (a sweep of its last tick may still commit)', () => {
    expect(DIGEST_GRACE_MS).toBe(5 * 60_000);
    // 10:04:59: the period ending 10:00 is not closed yet; the one before it is named.
    expect(digestPeriod(z('2026-12-01T10:04:59Z'), 60, null)?.periodEnd).toEqual(
      z('2026-12-01T09:00:00Z'),
    );
    expect(closedPeriodEnd(z('2026-12-01T10:04:59Z'), 15)).toEqual(z('2026-12-01T09:45:00Z'));
    expect(closedPeriodEnd(z('2026-12-01T10:05:00Z'), 15)).toEqual(z('2026-12-01T10:00:00Z'));
  });
  it('starts where the previous digest ended, at most a week back', () => {
    expect(
      digestPeriod(z('2026-12-01T14:10:00Z'), 60, z('2026-11-30T22:00:00Z'))?.periodStart,
    ).toEqual(z('2026-11-30T22:00:00Z'));
    const long = digestPeriod(z('2026-12-01T14:10:00Z'), 60, z('2026-01-01T00:00:00Z'))!;
    expect(long.periodEnd.getTime() - long.periodStart.getTime()).toBe(DIGEST_LOOKBACK_MAX_MS);
  });
  it('never starts before the switch to digests; nothing when the switch came after the period', () => {
    // Switched at 10:20: the first hourly digest covers 10:20–11:00, not 10:00–11:00.
    expect(digestPeriod(z('2026-12-01T11:06:00Z'), 60, null, z('2026-12-01T10:20:00Z'))).toEqual({
      periodStart: z('2026-12-01T10:20:00Z'),
      periodEnd: z('2026-12-01T11:00:00Z'),
    });
    // An older digest (before switching away and back) does not reach behind the switch.
    expect(
      digestPeriod(
        z('2026-12-01T11:06:00Z'),
        60,
        z('2026-11-28T09:00:00Z'),
        z('2026-12-01T10:20:00Z'),
      )?.periodStart,
    ).toEqual(z('2026-12-01T10:20:00Z'));
    expect(digestPeriod(z('2026-12-01T11:06:00Z'), 60, null, z('2026-12-01T11:01:00Z'))).toBeNull();
  });
  it('clamps intervals out of range', () => {
    expect(digestPeriod(z('2026-12-01T10:07:00Z'), 1, null)?.periodEnd).toEqual(
      z('2026-12-01T10:00:00Z'),
    );
    expect(digestPeriod(z('2026-12-01T10:07:00Z'), Number.NaN, null)?.periodEnd).toEqual(
      z('2026-12-01T10:00:00Z'),
    );
  });
});

describe('sendsAt', () => {
  it('in working hours only: not at night or at weekends, yes for the first period of the day', () => {
    // 15:00 UTC = 10:00 New York (Tuesday): working.
    expect(sendsAt(z('2026-12-01T15:00:00Z'), 60, true, cal)).toBe(true);
    // 07:00 UTC = 02:00 New York: not.
    expect(sendsAt(z('2026-12-01T07:00:00Z'), 60, true, cal)).toBe(false);
    // 14:00 New York the Saturday: not.
    expect(sendsAt(z('2026-12-05T19:00:00Z'), 60, true, cal)).toBe(false);
    // The hour ending 10:00 New York holds 09:00–10:00 of working time.
    expect(sendsAt(z('2026-12-01T15:00:00Z'), 60, true, cal)).toBe(true);
    expect(sendsAt(z('2026-12-01T14:00:00Z'), 60, true, cal)).toBe(false);
  });
  it('always when not limited to working hours', () => {
    expect(sendsAt(z('2026-12-05T07:00:00Z'), 60, false, cal)).toBe(true);
  });
});

describe('digest texts', () => {
  it('empty only when every section is', () => {
    expect(digestIsEmpty(empty)).toBe(true);
    expect(digestIsEmpty({ ...empty, atRisk: { items: [], total: 1 } })).toBe(false);
  });
  it('says how many, lists the first ten escalations and counts the rest', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({
      taskId: `t${i}`,
      caseId: 'c',
      reference: `CLM-${i}`,
      name: 'Adjuster review',
      dueAt: null,
      escalationLevel: 1,
      assigneeName: null,
    }));
    const m = digestMessage('Claims adjusters', {
      ...empty,
      escalations: { items, total: 500 },
      absentHolders: { items: [], total: 1 },
    });
    expect(m.title).toBe('Escalation digest for Claims adjusters: 500 new escalations');
    expect(m.body).toContain('1 absent person holding work');
    expect(m.body).toContain('- and 490 more');
  });
});

describe('acknowledgementHolds', () => {
  it('holds for the ladder it was given on, not after the ladder restarts', () => {
    expect(acknowledgementHolds(null, null)).toBe(false);
    expect(acknowledgementHolds(z('2026-12-01T10:00:00Z'), null)).toBe(true);
    expect(acknowledgementHolds(z('2026-12-01T10:00:00Z'), z('2026-12-01T09:00:00Z'))).toBe(true);
    expect(acknowledgementHolds(z('2026-12-01T10:00:00Z'), z('2026-12-03T09:00:00Z'))).toBe(false);
  });
});

describe('snoozeEnd', () => {
  const now = z('2026-12-01T10:00:00Z');
  it('a duration or a time, between 5 minutes and 7 days ahead', () => {
    expect(snoozeEnd({ minutes: 60 }, now)).toEqual({ ok: true, until: z('2026-12-01T11:00:00Z') });
    expect(snoozeEnd({ until: z('2026-12-02T10:00:00Z') }, now).ok).toBe(true);
    expect(snoozeEnd({ until: z('2026-12-01T09:00:00Z') }, now)).toMatchObject({
      ok: false,
      field: 'until',
    });
    expect(snoozeEnd({ minutes: 8 * 24 * 60 }, now)).toMatchObject({ ok: false, field: 'minutes' });
    expect(snoozeEnd({ until: new Date(Number.NaN) }, now)).toMatchObject({ ok: false });
  });
});
