import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant } from './format-instant';

/** 27 Nov 2026, 21:05 UTC: 16:05 in New York, 06:05 on the 28th in Tokyo. */
const now = new Date('2026-11-27T21:05:00Z');

describe('formatInstant', () => {
  it('shows an instant of this year without the year, in the viewer’s zone', () => {
    expect(formatInstant('2026-11-27T21:05:00Z', 'America/New_York', 'short', now)).toBe(
      '27 Nov, 16:05',
    );
    expect(formatInstant('2026-11-27T21:05:00Z', 'Asia/Tokyo', 'short', now)).toBe('28 Nov, 06:05');
    expect(formatInstant(new Date('2026-03-08T06:30:00Z'), 'UTC', 'short', now)).toBe(
      '8 Mar, 06:30',
    );
  });

  it('adds the year when the instant is in another year in the viewer’s zone', () => {
    expect(formatInstant('2025-01-03T21:05:00Z', 'America/New_York', 'short', now)).toBe(
      '3 Jan 2025, 16:05',
    );
    expect(formatInstant('2027-02-01T09:00:00Z', 'UTC', 'short', now)).toBe('1 Feb 2027, 09:00');
  });

  it('decides "this year" in the viewer’s zone, not in UTC', () => {
    // 03:00 UTC on 1 Jan 2027 is still 31 Dec 2026 in New York: this year there.
    expect(formatInstant('2027-01-01T03:00:00Z', 'America/New_York', 'short', now)).toBe(
      '31 Dec, 22:00',
    );
    expect(formatInstant('2027-01-01T03:00:00Z', 'UTC', 'short', now)).toBe('1 Jan 2027, 03:00');
    // New Year's Eve 2026 in Tokyo is already 2027 there: the viewer's "now" is 2027.
    const tokyoNewYear = new Date('2026-12-31T16:00:00Z');
    expect(formatInstant('2026-12-30T12:00:00Z', 'Asia/Tokyo', 'short', tokyoNewYear)).toBe(
      '30 Dec 2026, 21:00',
    );
  });

  it('reads "medium" as the same one format, and keeps the full form for hover titles', () => {
    expect(formatInstant('2026-11-27T21:05:00Z', 'America/New_York', 'medium', now)).toBe(
      '27 Nov, 16:05',
    );
    expect(formatInstant('2026-11-27T21:05:00Z', 'America/New_York', 'full', now)).toMatch(
      /^Friday,? 27 November 2026 at 16:05:00 /,
    );
    expect(formatInstant('2026-11-27T21:05:00Z', 'Asia/Tokyo', 'date', now)).toBe('2026-11-28');
  });

  it('shows a dash for no value or an unreadable one', () => {
    expect(formatInstant(null, 'UTC')).toBe('—');
    expect(formatInstant(undefined, 'UTC')).toBe('—');
    expect(formatInstant('not a date', 'UTC')).toBe('—');
  });
});

describe('formatDay', () => {
  it('names a calendar day with its weekday, the year only when not this year', () => {
    expect(formatDay('2026-11-26', 'America/New_York', now)).toBe('Thu 26 Nov');
    expect(formatDay('2027-01-01', 'America/New_York', now)).toBe('Fri 1 Jan 2027');
    expect(formatDay('2026-11-26', 'UTC', now, { weekday: false })).toBe('26 Nov');
  });

  it('is the same day in every zone (a holiday is a date, not an instant)', () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])
      expect(formatDay('2026-07-04', zone, now)).toBe('Sat 4 Jul');
  });
});
