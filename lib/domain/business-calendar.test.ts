import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessHours,
  addBusinessMinutes,
  addDuration,
  businessMinutesBetween,
  clockMinutes,
  endOfLocalDay,
  isBusinessTime,
  makeCalendar,
  nextBusinessInstant,
  type BusinessCalendar,
} from './business-calendar';
import { withoutDayCache } from './calendar-day-cache';

const weekdays = (start: string, end: string) =>
  Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start, end }]]));

const ny = makeCalendar({
  timeZone: 'America/New_York',
  workingHours: weekdays('09:00', '17:00'),
  holidays: ['2026-11-26', '2026-12-25', '2027-01-01'],
});

const d = (iso: string) => new Date(iso);
const iso = (x: Date) => x.toISOString();

describe('addBusinessDays', () => {
  it('Friday 16:00 plus 2 business days is Tuesday 16:00, not Sunday', () => {
    // 2026-11-20 is a Friday; New York is UTC-5 in November.
    expect(iso(addBusinessDays(d('2026-11-20T21:00:00Z'), 2, ny))).toBe('2026-11-24T21:00:00.000Z');
  });

  it('skips a holiday (Thanksgiving) on the way', () => {
    expect(iso(addBusinessDays(d('2026-11-25T21:00:00Z'), 1, ny))).toBe('2026-11-27T21:00:00.000Z');
  });

  it('counts from the next working instant when opened after hours', () => {
    // Friday 18:00 → counts from Monday 09:00 → Tuesday 09:00
    expect(iso(addBusinessDays(d('2026-11-20T23:00:00Z'), 1, ny))).toBe('2026-11-24T14:00:00.000Z');
  });

  it('keeps the local time of day across the autumn DST change', () => {
    // Fri 30 Oct 2026 16:00 EDT (UTC-4) + 1 → Mon 2 Nov 16:00 EST (UTC-5)
    expect(iso(addBusinessDays(d('2026-10-30T20:00:00Z'), 1, ny))).toBe('2026-11-02T21:00:00.000Z');
  });

  it('keeps the local time of day across the spring DST change', () => {
    // Fri 12 Mar 2027 16:00 EST + 1 → Mon 15 Mar 16:00 EDT
    expect(iso(addBusinessDays(d('2027-03-12T21:00:00Z'), 1, ny))).toBe('2027-03-15T20:00:00.000Z');
  });

  it('moves a target time outside a short day into its working hours', () => {
    const shortFriday = makeCalendar({
      timeZone: 'America/New_York',
      workingHours: { ...weekdays('09:00', '17:00'), '5': [{ start: '09:00', end: '13:00' }] },
    });
    // Thu 19 Nov 15:00 + 1 → Fri 20 Nov, but Friday ends at 13:00
    expect(iso(addBusinessDays(d('2026-11-19T20:00:00Z'), 1, shortFriday))).toBe(
      '2026-11-20T18:00:00.000Z',
    );
  });

  it('moves a target time in a lunch break to the next interval', () => {
    const split = makeCalendar({
      timeZone: 'UTC',
      workingHours: Object.fromEntries(
        ['1', '2', '3', '4', '5'].map((x) => [
          x,
          [
            { start: '13:00', end: '17:00' },
            { start: '09:00', end: '12:00' },
          ],
        ]),
      ),
    });
    // Monday 11:00 + 1 → Tuesday 11:00 (inside the morning interval, order of the config does not matter)
    expect(iso(addBusinessDays(d('2026-11-23T11:00:00Z'), 1, split))).toBe(
      '2026-11-24T11:00:00.000Z',
    );
    // Monday 12:30 is in the break → counts from 13:00 → Tuesday 13:00
    expect(iso(addBusinessDays(d('2026-11-23T12:30:00Z'), 1, split))).toBe(
      '2026-11-24T13:00:00.000Z',
    );
  });

  it('rejects negative or fractional days, and zero is the start itself', () => {
    expect(() => addBusinessDays(d('2026-11-20T21:00:00Z'), -1, ny)).toThrow(RangeError);
    expect(() => addBusinessDays(d('2026-11-20T21:00:00Z'), 1.5, ny)).toThrow(RangeError);
    expect(iso(addBusinessDays(d('2026-11-21T12:00:00Z'), 0, ny))).toBe('2026-11-21T12:00:00.000Z');
  });
});

describe('addBusinessHours / addBusinessMinutes', () => {
  it('carries the rest of the day over the weekend', () => {
    // Fri 16:00 + 2h → 1h Friday, 1h Monday → Mon 10:00
    expect(iso(addBusinessHours(d('2026-11-20T21:00:00Z'), 2, ny))).toBe(
      '2026-11-23T15:00:00.000Z',
    );
  });

  it('ends exactly at closing time rather than jumping to the next day', () => {
    expect(iso(addBusinessHours(d('2026-11-20T14:00:00Z'), 8, ny))).toBe(
      '2026-11-20T22:00:00.000Z',
    );
  });

  it('starts counting at opening time when started on a weekend', () => {
    expect(iso(addBusinessHours(d('2026-11-21T15:00:00Z'), 1, ny))).toBe(
      '2026-11-23T15:00:00.000Z',
    );
  });

  it('skips holidays', () => {
    // Wed 25 Nov 16:00 + 2h → 1h Wed, Thu holiday, 1h Fri → Fri 10:00
    expect(iso(addBusinessHours(d('2026-11-25T21:00:00Z'), 2, ny))).toBe(
      '2026-11-27T15:00:00.000Z',
    );
  });

  it('counts business hours, not elapsed hours, over the DST change', () => {
    // Fri 30 Oct 16:00 EDT + 2h → Mon 2 Nov 10:00 EST
    expect(iso(addBusinessHours(d('2026-10-30T20:00:00Z'), 2, ny))).toBe(
      '2026-11-02T15:00:00.000Z',
    );
  });

  it('subtracts with a negative amount', () => {
    // Mon 10:00 − 2h → Fri 16:00
    expect(iso(addBusinessMinutes(d('2026-11-23T15:00:00Z'), -120, ny))).toBe(
      '2026-11-20T21:00:00.000Z',
    );
    // Fri 27 Nov 10:00 − 2h → skips Thanksgiving → Wed 16:00
    expect(iso(addBusinessMinutes(d('2026-11-27T15:00:00Z'), -120, ny))).toBe(
      '2026-11-25T21:00:00.000Z',
    );
  });

  it('in a round-the-clock calendar, a 25-hour DST day holds 25 business hours', () => {
    const allDay = makeCalendar({
      timeZone: 'Europe/London',
      workingHours: Object.fromEntries(
        ['1', '2', '3', '4', '5', '6', '7'].map((x) => [x, [{ start: '00:00', end: '24:00' }]]),
      ),
    });
    // Sun 25 Oct 2026 00:00 BST = 24 Oct 23:00Z; clocks go back at 02:00 BST
    const midnight = d('2026-10-24T23:00:00Z');
    expect(iso(addBusinessHours(midnight, 24, allDay))).toBe('2026-10-25T23:00:00.000Z');
    expect(businessMinutesBetween(midnight, d('2026-10-26T00:00:00Z'), allDay)).toBe(25 * 60);
  });

  it('fails loudly for a calendar with no working time', () => {
    const never = makeCalendar({ timeZone: 'UTC', workingHours: {} });
    expect(() => addBusinessHours(d('2026-11-20T12:00:00Z'), 1, never)).toThrow(/no working time/);
  });
});

describe('calendar helpers', () => {
  it('knows business time from closed time', () => {
    expect(isBusinessTime(d('2026-11-20T15:00:00Z'), ny)).toBe(true); // Fri 10:00
    expect(isBusinessTime(d('2026-11-20T22:00:00Z'), ny)).toBe(false); // Fri 17:00 (end exclusive)
    expect(isBusinessTime(d('2026-11-26T15:00:00Z'), ny)).toBe(false); // Thanksgiving
    expect(isBusinessTime(d('2026-11-21T15:00:00Z'), ny)).toBe(false); // Saturday
  });

  it('finds the next working instant', () => {
    expect(iso(nextBusinessInstant(d('2026-11-21T15:00:00Z'), ny))).toBe(
      '2026-11-23T14:00:00.000Z',
    );
    expect(iso(nextBusinessInstant(d('2026-11-20T15:00:00Z'), ny))).toBe(
      '2026-11-20T15:00:00.000Z',
    );
  });

  it('measures business minutes between two instants, signed', () => {
    const fri = d('2026-11-20T21:00:00Z');
    const mon = d('2026-11-23T15:00:00Z');
    expect(businessMinutesBetween(fri, mon, ny)).toBe(120);
    expect(businessMinutesBetween(mon, fri, ny)).toBe(-120);
  });

  it('rejects unknown zones and inverted working hours', () => {
    expect(() => makeCalendar({ timeZone: 'Mars/Olympus', workingHours: {} })).toThrow(/time zone/);
    expect(() =>
      makeCalendar({ timeZone: 'UTC', workingHours: { '1': [{ start: '17:00', end: '09:00' }] } }),
    ).toThrow(/not after/);
    expect(() =>
      makeCalendar({ timeZone: 'UTC', workingHours: { '1': [{ start: '9am', end: '17:00' }] } }),
    ).toThrow(/HH:MM/);
  });

  it('adds wall-clock units without the calendar', () => {
    expect(iso(addDuration(d('2026-11-21T15:00:00Z'), { amount: 90, unit: 'minutes' }, ny))).toBe(
      '2026-11-21T16:30:00.000Z',
    );
    expect(iso(addDuration(d('2026-11-21T15:00:00Z'), { amount: 2, unit: 'hours' }, ny))).toBe(
      '2026-11-21T17:00:00.000Z',
    );
  });
});

describe('clockMinutes', () => {
  it('counts minutes since midnight, 24:00 being the end of the day', () => {
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('24:00')).toBe(1440);
  });
});

describe('endOfLocalDay', () => {
  it('is the end of the day in the given zone, not in UTC', () => {
    // 02:00 UTC on 21 Nov is still 20 Nov in New York (UTC-5).
    expect(iso(endOfLocalDay(d('2026-11-21T02:00:00Z'), 'America/New_York'))).toBe(
      '2026-11-21T04:59:59.999Z',
    );
  });
});

describe('remembered days (calendar-day-cache.ts)', () => {
  // Zones with DST changes, half- and quarter-hour offsets, a midnight DST change (Santiago,
  // Havana) and a skipped date (Apia, 30 Dec 2011).
  const zones = [
    'America/New_York',
    'Europe/London',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Adelaide',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/St_Johns',
    'America/Santiago',
    'America/Havana',
    'Asia/Tehran',
    'Pacific/Apia',
    'UTC',
  ];
  const clock = fc
    .integer({ min: 0, max: 96 })
    .map(
      (q) =>
        `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`,
    );
  const range = fc
    .tuple(clock, clock)
    .filter(([a, b]) => a < b)
    .map(([start, end]) => ({ start, end }));
  const hours = fc.dictionary(
    fc.constantFrom('1', '2', '3', '4', '5', '6', '7'),
    fc.array(range, { minLength: 1, maxLength: 2 }),
    { minKeys: 1 },
  );
  const DAY = 86_400_000;
  const outcome = (f: () => Date | number | boolean) => {
    try {
      const v = f();
      return v instanceof Date ? v.toISOString() : v;
    } catch (e) {
      return `throws ${(e as Error).message}`;
    }
  };

  it('give the same answers as days computed afresh, across DST changes and holidays', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        hours,
        fc.array(fc.integer({ min: -40, max: 40 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: Date.UTC(2011, 0, 1), max: Date.UTC(2028, 0, 1) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: -6_000, max: 6_000 }),
        fc.integer({ min: 0, max: 12 }),
        (timeZone, workingHours, holidayOffsets, instants, minutes, days) => {
          const holidays = holidayOffsets.map((h) =>
            new Date(instants[0]! + h * DAY).toISOString().slice(0, 10),
          );
          const cached = makeCalendar({ timeZone, workingHours, holidays });
          const fresh = withoutDayCache(cached);
          // Several questions to one calendar, so later ones are answered from remembered days.
          for (const t of instants) {
            const at = new Date(t);
            const later = new Date(t + minutes * 97_000);
            for (const ask of [
              (c: BusinessCalendar) => addBusinessMinutes(at, minutes, c),
              (c: BusinessCalendar) => addBusinessDays(at, days, c),
              (c: BusinessCalendar) => nextBusinessInstant(at, c),
              (c: BusinessCalendar) => isBusinessTime(at, c),
              (c: BusinessCalendar) => businessMinutesBetween(at, later, c),
            ])
              expect(outcome(() => ask(cached))).toEqual(outcome(() => ask(fresh)));
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('walk over the date Samoa skipped (30 Dec 2011) in both directions', () => {
    const apia = makeCalendar({
      timeZone: 'Pacific/Apia',
      workingHours: weekdays('09:00', '17:00'),
    });
    // Thu 29 Dec 16:00 (UTC-10) + 2h → 1h Thursday, Friday 30 Dec never happened → Mon 2 Jan 10:00 (UTC+14)
    const thu = d('2011-12-30T02:00:00Z');
    const mon = d('2012-01-01T20:00:00Z');
    expect(iso(addBusinessHours(thu, 2, apia))).toBe(iso(mon));
    expect(iso(addBusinessHours(mon, -2, apia))).toBe(iso(thu));
    expect(businessMinutesBetween(thu, mon, apia)).toBe(120);
  });
});
