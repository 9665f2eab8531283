import { describe, expect, it } from 'vitest';
import {
  isWebhookEventType,
  matchingSubscriptions,
  WEBHOOK_EVENT_TYPES,
  webhookEventData,
  webhookEventTypeOf,
} from './webhook-events';

describe('event mapping', () => {
  it('maps the documented audit actions and nothing else', () => {
    for (const t of [
      'case.opened',
      'case.closed',
      'task.created',
      'task.completed',
      'task.escalated',
    ])
      expect(isWebhookEventType(t)).toBe(true);
    for (const t of ['task.commented', 'auth.refused', 'user.created', 'toString', '__proto__'])
      expect(isWebhookEventType(t)).toBe(false);
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(11);
  });

  it('announces a task returned to its queue (assignee deactivated) as task.released', () => {
    expect(webhookEventTypeOf('task.returned_to_queue')).toBe('task.released');
    expect(webhookEventTypeOf('task.released')).toBe('task.released');
    expect(webhookEventTypeOf('task.completed')).toBe('task.completed');
    for (const t of ['task.commented', 'user.deactivated', 'toString', '__proto__'])
      expect(webhookEventTypeOf(t)).toBeNull();
  });

  it('keeps only cases:read-level keys in data', () => {
    expect(
      webhookEventData(
        { status: 'claimed', assigneeEmail: 'a@example.com' },
        {
          status: 'completed',
          outcome: 'approve',
          data: { iban: 'x' },
          comment: 'secret',
          level: 1,
        },
      ),
    ).toEqual({
      before: { status: 'claimed' },
      after: { status: 'completed', outcome: 'approve', level: 1 },
    });
    expect(webhookEventData(null, { nested: { status: 'x' } })).toEqual({});
  });

  it('matches subscriptions by type and case type (null = all)', () => {
    const subs = [
      { id: 'a', eventTypes: ['task.completed'], caseTypeId: null },
      { id: 'b', eventTypes: ['task.completed', 'case.opened'], caseTypeId: 'ct1' },
      { id: 'c', eventTypes: ['case.opened'], caseTypeId: 'ct2' },
    ];
    expect(matchingSubscriptions(subs, 'task.completed', 'ct1').map((s) => s.id)).toEqual([
      'a',
      'b',
    ]);
    expect(matchingSubscriptions(subs, 'task.completed', 'ct2').map((s) => s.id)).toEqual(['a']);
    expect(matchingSubscriptions(subs, 'case.opened', null).map((s) => s.id)).toEqual([]);
  });
});
