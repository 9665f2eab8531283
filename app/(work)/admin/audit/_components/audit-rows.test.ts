import { describe, expect, it } from 'vitest';
import { groupSignIns, splitInstants, subjectText, type AuditEvent } from './audit-rows';

let id = 100;
const ev = (action: string, actorLabel: string, occurredAt: string): AuditEvent =>
  ({
    id: id--,
    action,
    actorLabel,
    occurredAt,
    entityType: 'user',
    before: null,
    after: null,
    summary: '',
    caseRef: null,
    taskName: null,
  }) as unknown as AuditEvent;

describe('groupSignIns', () => {
  it('folds one person’s consecutive sign-ins into one row, newest and first kept', () => {
    const rows = groupSignIns([
      ev('auth.signed_in', 'a@x', '2026-11-27T10:03:00Z'),
      ev('auth.signed_in', 'a@x', '2026-11-27T10:02:00Z'),
      ev('auth.signed_in', 'a@x', '2026-11-27T10:01:00Z'),
      ev('auth.signed_in', 'b@x', '2026-11-27T10:00:00Z'),
      ev('task.claimed', 'b@x', '2026-11-27T09:59:00Z'),
      ev('auth.signed_in', 'b@x', '2026-11-27T09:58:00Z'),
    ]);
    expect(
      rows.map((r) => (r.kind === 'event' ? r.event.action : `${r.count}×${r.actorLabel}`)),
    ).toEqual(['3×a@x', 'auth.signed_in', 'task.claimed', 'auth.signed_in']);
    expect(rows[0]).toMatchObject({
      newest: '2026-11-27T10:03:00Z',
      oldest: '2026-11-27T10:01:00Z',
    });
  });
});

describe('splitInstants', () => {
  it('cuts a summary at each ISO instant so it can be shown in the viewer’s zone', () => {
    expect(splitInstants('paused until 2026-11-27T21:05:00.000Z (too many)')).toEqual([
      { text: 'paused until ' },
      { text: '2026-11-27T21:05:00.000Z', instant: '2026-11-27T21:05:00.000Z' },
      { text: ' (too many)' },
    ]);
    expect(splitInstants('no dates here')).toEqual([{ text: 'no dates here' }]);
  });
});

describe('subjectText', () => {
  it('names the thing by its name, e-mail or key when the event carries one', () => {
    const e = {
      ...ev('user.created', 'admin@x', '2026-11-27T10:00:00Z'),
      after: { email: 'n@x' },
    } as unknown as AuditEvent;
    expect(subjectText(e)).toBe('user n@x');
    expect(subjectText({ ...e, entityType: 'api_token', after: null })).toBe('api token');
  });
});
