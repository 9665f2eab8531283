import { describe, expect, it } from 'vitest';
import { makeCalendar } from './business-calendar';
import { computeTaskDeadlines, dueState, escalationTime, type SlaPolicySpec } from './sla';

const cal = makeCalendar({
  timeZone: 'America/New_York',
  workingHours: Object.fromEntries(
    ['1', '2', '3', '4', '5'].map((x) => [x, [{ start: '09:00', end: '17:00' }]]),
  ),
  holidays: ['2026-11-26'],
});

const policy: SlaPolicySpec = {
  due: { amount: 2, unit: 'business_days' },
  reminder: { before: { amount: 4, unit: 'business_hours' } },
  escalations: [
    { level: 1, after: { amount: 0, unit: 'minutes' }, action: 'notify_supervisor' },
    { level: 2, after: { amount: 8, unit: 'business_hours' }, action: 'reassign_to_supervisor' },
  ],
};

describe('computeTaskDeadlines', () => {
  it('puts due, reminder and first escalation on the business calendar', () => {
    const t = computeTaskDeadlines(new Date('2026-11-20T21:00:00Z'), policy, cal); // Fri 16:00
    expect(t.dueAt.toISOString()).toBe('2026-11-24T21:00:00.000Z'); // Tue 16:00
    expect(t.remindAt?.toISOString()).toBe('2026-11-24T17:00:00.000Z'); // Tue 12:00
    expect(t.nextEscalationAt?.toISOString()).toBe('2026-11-24T21:00:00.000Z');
    // Level 2: 8 business hours after due → Wed 16:00 → skips Thanksgiving → Fri 16:00
    expect(escalationTime(t.dueAt, policy, 2, cal)?.toISOString()).toBe('2026-11-25T21:00:00.000Z');
    expect(escalationTime(t.dueAt, policy, 3, cal)).toBeNull();
  });

  it('supports a reminder at a percentage of the allowed time', () => {
    const t = computeTaskDeadlines(
      new Date('2026-11-23T14:00:00Z'),
      { due: { amount: 8, unit: 'hours' }, reminder: { atPercent: 75 }, escalations: [] },
      cal,
    );
    expect(t.remindAt?.toISOString()).toBe('2026-11-23T20:00:00.000Z');
    expect(t.nextEscalationAt).toBeNull();
  });

  it('drops a reminder that would precede the task', () => {
    const t = computeTaskDeadlines(
      new Date('2026-11-23T14:00:00Z'),
      {
        due: { amount: 1, unit: 'business_hours' },
        reminder: { before: { amount: 4, unit: 'business_hours' } },
        escalations: [],
      },
      cal,
    );
    expect(t.remindAt).toBeNull();
  });
});

describe('dueState', () => {
  const createdAt = new Date('2026-11-23T00:00:00Z');
  const dueAt = new Date('2026-11-23T08:00:00Z');
  it('is on time, then due soon in the last quarter, then overdue', () => {
    expect(dueState(new Date('2026-11-23T01:00:00Z'), { createdAt, dueAt })).toBe('on_time');
    expect(dueState(new Date('2026-11-23T06:30:00Z'), { createdAt, dueAt })).toBe('due_soon');
    expect(dueState(new Date('2026-11-23T08:00:00Z'), { createdAt, dueAt })).toBe('overdue');
  });
  it('is due soon once the reminder time has passed', () => {
    expect(
      dueState(new Date('2026-11-23T02:00:00Z'), {
        createdAt,
        dueAt,
        remindAt: new Date('2026-11-23T01:00:00Z'),
      }),
    ).toBe('due_soon');
  });
  it('has no state without a due time', () => {
    expect(dueState(new Date('2026-11-23T00:00:00Z'), { createdAt, dueAt: null })).toBe('none');
  });
});
