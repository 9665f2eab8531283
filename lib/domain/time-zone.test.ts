import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, selectableTimeZones, timeZoneProblem, utcOffsetLabel } from './time-zone';

describe('time zones a person may choose', () => {
  it('lists UTC first and the IANA zones after it', () => {
    const zones = selectableTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('America/New_York');
    expect(zones).toContain('Asia/Tokyo');
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('accepts IANA names (current and older ones) and refuses made-up or odd spellings', () => {
    for (const ok of ['UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Kyiv'])
      expect(timeZoneProblem(ok)).toBeNull();
    const bad = ['Mars/Olympus', '', 'utc', 'europe/paris', '+05:30', 'Asia/Tokyo\u0000', 'GMT+5'];
    for (const b of bad) {
      expect(timeZoneProblem(b)).toMatch(/not a known IANA time zone/);
    }
    expect(timeZoneProblem('x'.repeat(65))).toMatch(/at most 64/);
  });

  it('never accepts arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        // Only IANA-shaped names the runtime resolves; never control characters or free text.
        if (timeZoneProblem(s) === null) {
          expect(isKnownTimeZone(s)).toBe(true);
          expect(s).toMatch(/^(UTC|[A-Z][A-Za-z]*(\/[A-Za-z0-9_+-]+){1,2})$/);
        }
      }),
    );
  });

  it('labels the offset at a given instant (summer time included)', () => {
    expect(utcOffsetLabel('UTC', new Date('2026-01-15T12:00:00Z'))).toBe('UTC');
    expect(utcOffsetLabel('Asia/Kolkata', new Date('2026-01-15T12:00:00Z'))).toBe('UTC+05:30');
    expect(utcOffsetLabel('America/New_York', new Date('2026-01-15T12:00:00Z'))).toBe('UTC−05:00');
    expect(utcOffsetLabel('America/New_York', new Date('2026-07-15T12:00:00Z'))).toBe('UTC−04:00');
  });
});
