import { describe, expect, it } from 'vitest';
import { compliance, deadlineVerdict, hoursOf, sumCompliance } from './sla-figures';

describe('compliance', () => {
  it('counts open overdue work as missed', () => {
    // 3 met of 3 + 1 late + 2 open overdue = 6 → 50 %
    expect(compliance({ met: 3, completedLate: 1, openOverdue: 2 })).toEqual({
      met: 3,
      completedLate: 1,
      openOverdue: 2,
      total: 6,
      percent: 50,
    });
  });

  it('is null with nothing to count, and 0 % when only a backlog is left', () => {
    expect(compliance({ met: 0, completedLate: 0, openOverdue: 0 }).percent).toBeNull();
    expect(compliance({ met: 0, completedLate: 0, openOverdue: 4 }).percent).toBe(0);
  });

  it('rounds to one decimal and sums rows', () => {
    const t = sumCompliance([
      { met: 1, completedLate: 0, openOverdue: 1 },
      { met: 1, completedLate: 1, openOverdue: 0 },
    ]);
    expect(t).toMatchObject({ met: 2, completedLate: 1, openOverdue: 1, total: 4, percent: 50 });
    expect(compliance({ met: 2, completedLate: 1, openOverdue: 0 }).percent).toBe(66.7);
  });
});

describe('hoursOf', () => {
  it('turns seconds (numbers or numeric strings from the driver) into hours to one decimal', () => {
    expect(hoursOf(5400)).toBe(1.5);
    expect(hoursOf('37800')).toBe(10.5);
    expect(hoursOf(null)).toBeNull();
  });
});

describe('deadlineVerdict', () => {
  const sla = new Date('2026-11-30T17:00:00Z');
  const extended = new Date('2026-12-01T14:00:00Z');
  const now = new Date('2026-12-02T09:00:00Z');
  const done = (completedAt: string, pausedAt: string | null = null) => ({
    status: 'completed',
    completedAt: new Date(completedAt),
    pausedAt: pausedAt ? new Date(pausedAt) : null,
  });

  it('an extension cannot hide a breach: late for the SLA, met as extended', () => {
    const t = done('2026-12-01T10:00:00Z');
    expect(deadlineVerdict(t, sla, now)).toBe('breached');
    expect(deadlineVerdict(t, extended, now)).toBe('met');
  });

  it('reads the clock at the pause for work waiting paused, at completion for work completed while paused', () => {
    // Paused before the SLA deadline, completed after it without resuming: still a breach.
    expect(deadlineVerdict(done('2026-12-01T10:00:00Z', '2026-11-30T12:00:00Z'), sla, now)).toBe(
      'breached',
    );
    expect(deadlineVerdict(done('2026-11-30T16:00:00Z', '2026-11-30T12:00:00Z'), sla, now)).toBe(
      'met',
    );
    const waiting = {
      status: 'claimed',
      completedAt: null,
      pausedAt: new Date('2026-11-30T12:00:00Z'),
    };
    expect(deadlineVerdict(waiting, sla, now)).toBe('open');
    expect(deadlineVerdict({ ...waiting, pausedAt: null }, sla, now)).toBe('overdue');
  });
});
