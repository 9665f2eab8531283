import { describe, expect, it } from 'vitest';
import { slaVersionAt, type CurrentPolicy, type PolicyEdit } from './sla-policy-versions';

const snap = (version: number) => ({
  name: `Review v${version}`,
  due: { unit: 'business_days', amount: version },
  reminder: null,
  escalations: [],
  onReassign: 'restart',
  version,
});
const policy: CurrentPolicy = { id: 'p1', key: 'review', ...snap(3) };
const edits: PolicyEdit[] = [
  {
    eventId: 20,
    policyId: 'p1',
    occurredAt: new Date('2026-03-10T00:00:00Z'),
    before: snap(2),
    after: snap(3),
  },
  {
    eventId: 10,
    policyId: 'p1',
    occurredAt: new Date('2026-03-01T00:00:00Z'),
    before: snap(1),
    after: snap(2),
  },
  {
    eventId: 15,
    policyId: 'other',
    occurredAt: new Date('2026-03-05T00:00:00Z'),
    before: snap(7),
    after: snap(8),
  },
];
const at = (iso: string) => slaVersionAt(policy, edits, new Date(iso));

describe('slaVersionAt', () => {
  it('takes the version in force at the moment, from the edits of that policy only', () => {
    expect(at('2026-02-01T00:00:00Z')).toMatchObject({
      version: 1,
      source: 'audit',
      auditEventId: 10,
    });
    expect(at('2026-03-01T00:00:00Z')).toMatchObject({ version: 2, auditEventId: 10 });
    expect(at('2026-03-06T00:00:00Z')).toMatchObject({ version: 2, name: 'Review v2' });
    expect(at('2026-04-01T00:00:00Z')).toMatchObject({
      version: 3,
      source: 'audit',
      auditEventId: 20,
    });
  });

  it('is the policy as it stands when it was never edited', () => {
    expect(slaVersionAt(policy, [], new Date())).toMatchObject({
      policyId: 'p1',
      key: 'review',
      version: 3,
      source: 'current',
      auditEventId: null,
    });
  });
});
