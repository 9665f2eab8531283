import { describe, expect, it } from 'vitest';
import { makeCalendar } from './business-calendar';
import {
  computeTaskDeadlines,
  dueState,
  escalationAfterReassign,
  escalationTime,
  reminderForNewHolder,
  type SlaPolicySpec,
} from './sla';

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

describe('percentage reminders count business time', () => {
  const oneDay75: SlaPolicySpec = {
    due: { amount: 1, unit: 'business_days' },
    reminder: { atPercent: 75 },
    escalations: [],
  };
  it('Friday 16:00 + 1 business day reminds on Monday at 14:00, not on Sunday night', () => {
    const t = computeTaskDeadlines(new Date('2026-11-20T21:00:00Z'), oneDay75, cal); // Fri 16:00
    expect(t.dueAt.toISOString()).toBe('2026-11-23T21:00:00.000Z'); // Mon 16:00
    expect(t.remindAt?.toISOString()).toBe('2026-11-23T19:00:00.000Z'); // Mon 14:00
    expect(t.dueSoonAt.toISOString()).toBe('2026-11-23T19:00:00.000Z');
  });
  it('Wednesday 16:00 before Thanksgiving reminds on Friday at 14:00, not at 04:00', () => {
    const t = computeTaskDeadlines(new Date('2026-11-25T21:00:00Z'), oneDay75, cal); // Wed 16:00
    expect(t.dueAt.toISOString()).toBe('2026-11-27T21:00:00.000Z'); // Fri 16:00
    expect(t.remindAt?.toISOString()).toBe('2026-11-27T19:00:00.000Z'); // Fri 14:00
  });
  it('without a reminder, due soon is the last quarter of the business time', () => {
    const t = computeTaskDeadlines(
      new Date('2026-11-20T21:00:00Z'),
      { ...oneDay75, reminder: null },
      cal,
    );
    expect(t.remindAt).toBeNull();
    expect(t.dueSoonAt.toISOString()).toBe('2026-11-23T19:00:00.000Z'); // Mon 14:00
  });
  it('a reminder point before the opening makes the task due soon from the start', () => {
    const openedAt = new Date('2026-11-23T14:00:00Z');
    const t = computeTaskDeadlines(
      openedAt,
      {
        due: { amount: 1, unit: 'business_hours' },
        reminder: { before: { amount: 4, unit: 'business_hours' } },
        escalations: [],
      },
      cal,
    );
    expect(t.remindAt).toBeNull();
    expect(t.dueSoonAt.toISOString()).toBe(openedAt.toISOString());
  });
});

describe('reminderForNewHolder', () => {
  const createdAt = new Date('2026-11-20T21:00:00Z'); // Fri 16:00
  const dueAt = new Date('2026-11-24T21:00:00Z'); // Tue 16:00
  const dueSoonAt = new Date('2026-11-24T17:00:00Z'); // Tue 12:00
  const task = { createdAt, dueAt, dueSoonAt };
  it('never reminds under a policy without a reminder', () => {
    const now = new Date('2026-11-23T15:00:00Z');
    expect(reminderForNewHolder(now, task, { ...policy, reminder: null }, cal)).toBeNull();
  });
  it('keeps the reminder point while it is ahead, reminds at once inside the window', () => {
    expect(
      reminderForNewHolder(new Date('2026-11-23T15:00:00Z'), task, policy, cal)?.toISOString(),
    ).toBe(dueSoonAt.toISOString());
    const late = new Date('2026-11-24T18:00:00Z');
    expect(reminderForNewHolder(late, task, policy, cal)?.toISOString()).toBe(late.toISOString());
  });
  it('does not remind about work already due', () => {
    expect(reminderForNewHolder(new Date('2026-11-24T21:00:00Z'), task, policy, cal)).toBeNull();
  });
});

describe('escalationAfterReassign', () => {
  const now = new Date('2026-11-30T15:00:00Z'); // Mon 10:00
  it('restarts the remaining ladder from the reassignment by default', () => {
    expect(escalationAfterReassign(now, 1, policy, cal)?.toISOString()).toBe(
      '2026-12-01T15:00:00.000Z', // 8 business hours later: Tue 10:00
    );
    expect(escalationAfterReassign(now, 2, policy, cal)).toBeNull();
  });
  it('stops the ladder when the policy says so', () => {
    expect(escalationAfterReassign(now, 1, { ...policy, onReassign: 'stop' }, cal)).toBeNull();
  });
});

describe('dueState', () => {
  const dueAt = new Date('2026-11-23T08:00:00Z');
  const dueSoonAt = new Date('2026-11-23T06:00:00Z');
  it('is on time, then due soon from the due-soon point, then overdue', () => {
    const t = { dueAt, dueSoonAt };
    expect(dueState(new Date('2026-11-23T01:00:00Z'), t)).toBe('on_time');
    expect(dueState(new Date('2026-11-23T05:59:59Z'), t)).toBe('on_time');
    expect(dueState(new Date('2026-11-23T06:00:00Z'), t)).toBe('due_soon');
    expect(dueState(new Date('2026-11-23T08:00:00Z'), t)).toBe('overdue');
  });
  it('is on time until due without a due-soon point', () => {
    expect(dueState(new Date('2026-11-23T07:59:00Z'), { dueAt, dueSoonAt: null })).toBe('on_time');
  });
  it('has no state without a due time', () => {
    expect(dueState(new Date('2026-11-23T00:00:00Z'), { dueAt: null, dueSoonAt: null })).toBe(
      'none',
    );
  });
});
