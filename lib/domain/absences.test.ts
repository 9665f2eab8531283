import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absenceDueAction,
  absencePeriod,
  periodsOverlap,
  startOfZonedDay,
  stopAbsence,
} from './absences';

const NOW = new Date('2026-11-24T17:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('startOfZonedDay', () => {
  it('is 00:00 of the date in the zone', () => {
    expect(startOfZonedDay('2026-12-01', 'Europe/Berlin')).toEqual(at('2026-11-30T23:00:00Z'));
    expect(startOfZonedDay('2026-07-01', 'Europe/Berlin')).toEqual(at('2026-06-30T22:00:00Z'));
    expect(startOfZonedDay('2026-12-01', 'America/New_York')).toEqual(at('2026-12-01T05:00:00Z'));
    expect(startOfZonedDay('2026-12-01', 'Asia/Kolkata')).toEqual(at('2026-11-30T18:30:00Z'));
    expect(startOfZonedDay('2026-12-01', 'UTC')).toEqual(at('2026-12-01T00:00:00Z'));
  });

  it('is the first moment that exists where DST skips midnight', () => {
    // Santiago springs forward at 00:00 on 2026-09-06: the day starts at 01:00 (UTC−3).
    expect(startOfZonedDay('2026-09-06', 'America/Santiago')).toEqual(at('2026-09-06T03:00:00Z'));
  });
});

describe('absencePeriod', () => {
  it('reads dates in the person’s zone: from 00:00 of the start to 24:00 of the end', () => {
    expect(
      absencePeriod({ startsAt: '2026-12-01', endsAt: '2026-12-05' }, 'Europe/Berlin', NOW),
    ).toEqual({
      ok: true,
      period: { startsAt: at('2026-11-30T23:00:00Z'), endsAt: at('2026-12-05T23:00:00Z') },
    });
  });

  it('takes exact instants too, and a one-day absence is the whole day', () => {
    const r = absencePeriod({ startsAt: '2026-11-25', endsAt: '2026-11-25' }, 'UTC', NOW);
    expect(r).toEqual({
      ok: true,
      period: { startsAt: at('2026-11-25T00:00:00Z'), endsAt: at('2026-11-26T00:00:00Z') },
    });
    expect(
      absencePeriod(
        { startsAt: '2026-11-24T18:00:00.000Z', endsAt: '2026-11-24T19:00:00.000Z' },
        'UTC',
        NOW,
      ).ok,
    ).toBe(true);
  });

  it.each([
    [{ startsAt: '2026-02-30', endsAt: '2026-12-01' }, 'startsAt', 'exists'],
    [{ startsAt: '2026-12-01', endsAt: 'tomorrow' }, 'endsAt', 'exists'],
    [{ startsAt: '2026-12-05', endsAt: '2026-12-01' }, 'endsAt', 'after the start'],
    [{ startsAt: '2026-11-01', endsAt: '2026-11-10' }, 'endsAt', 'future'],
    [{ startsAt: '2026-12-01', endsAt: '2028-01-01' }, 'endsAt', 'at most 366 days'],
    [{ startsAt: '2026-11-01', endsAt: '2026-12-10' }, 'startsAt', 'two days in the past'],
    [{ startsAt: '2030-01-01', endsAt: '2030-01-05' }, 'startsAt', 'days ahead'],
    [{ startsAt: '0001-01-01', endsAt: '2026-12-01' }, 'startsAt', 'between the years'],
    [{ startsAt: '+275760-09-13T00:00:00Z', endsAt: '2026-12-01' }, 'startsAt', 'exists'],
  ])('refuses %o naming %s', (input, field, words) => {
    const r = absencePeriod(input, 'Europe/Berlin', NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields[field]).toContain(words);
  });

  it('never throws, whatever text arrives', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (startsAt, endsAt) => {
        const r = absencePeriod({ startsAt, endsAt }, 'Europe/Berlin', NOW);
        if (r.ok) expect(r.period.endsAt.getTime()).toBeGreaterThan(r.period.startsAt.getTime());
      }),
    );
  });
});

describe('periods and the scheduler', () => {
  const p = (s: string, e: string) => ({ startsAt: at(s), endsAt: at(e) });

  it('back-to-back absences do not overlap; shared moments do', () => {
    expect(periodsOverlap(p('2026-12-01Z', '2026-12-05Z'), p('2026-12-05Z', '2026-12-08Z'))).toBe(
      false,
    );
    expect(periodsOverlap(p('2026-12-01Z', '2026-12-05Z'), p('2026-12-04Z', '2026-12-08Z'))).toBe(
      true,
    );
    expect(periodsOverlap(p('2026-12-01Z', '2026-12-10Z'), p('2026-12-04Z', '2026-12-05Z'))).toBe(
      true,
    );
  });

  it('starts at the start, ends at the end, lets lapse what nobody started', () => {
    const a = p('2026-12-01T00:00:00Z', '2026-12-05T00:00:00Z');
    expect(absenceDueAction({ ...a, status: 'scheduled' }, at('2026-11-30T23:59:59Z'))).toBe(null);
    expect(absenceDueAction({ ...a, status: 'scheduled' }, at('2026-12-01T00:00:00Z'))).toBe(
      'start',
    );
    expect(absenceDueAction({ ...a, status: 'scheduled' }, at('2026-12-05T00:00:00Z'))).toBe(
      'lapse',
    );
    expect(absenceDueAction({ ...a, status: 'active' }, at('2026-12-04T00:00:00Z'))).toBe(null);
    expect(absenceDueAction({ ...a, status: 'active' }, at('2026-12-05T00:00:00Z'))).toBe('end');
    expect(absenceDueAction({ ...a, status: 'ended' }, at('2026-12-06T00:00:00Z'))).toBe(null);
    expect(stopAbsence('scheduled')).toBe('cancel');
    expect(stopAbsence('active')).toBe('end');
    expect(stopAbsence('cancelled')).toBe(null);
  });
});
