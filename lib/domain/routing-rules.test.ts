import { describe, expect, it } from 'vitest';
import {
  dateValueProblem,
  evaluateCondition,
  evaluateRules,
  parseDateValue,
  type RuleVersion,
} from './routing-rules';

const rules: RuleVersion[] = [
  {
    ruleId: 'r1',
    version: 2,
    name: 'Fraud',
    active: true,
    condition: { field: 'fraudScore', op: 'gte', value: 0.8 },
    actions: [
      { type: 'route_to_group', groupKey: 'siu', stepKey: 'fraud-review' },
      { type: 'set_priority', priority: 'high' },
    ],
  },
  {
    ruleId: 'r2',
    version: 1,
    name: 'Small',
    active: true,
    condition: { field: 'recommendedPayout', op: 'lte', value: 5000 },
    actions: [{ type: 'straight_through', stepKey: 'issue-payment' }],
  },
  {
    ruleId: 'r3',
    version: 3,
    name: 'Mid',
    active: true,
    condition: { field: 'recommendedPayout', op: 'lte', value: 50000 },
    actions: [{ type: 'route_to_group', groupKey: 'adj', stepKey: 'adjuster-review' }],
  },
  {
    ruleId: 'r4',
    version: 1,
    name: 'Large',
    active: true,
    condition: { field: 'recommendedPayout', op: 'gt', value: 50000 },
    actions: [
      { type: 'route_to_group', groupKey: 'senior', stepKey: 'senior-review' },
      { type: 'add_approval_step', stepKey: 'supervisor-approval' },
      { type: 'override_sla', slaPolicyKey: 'fast' },
    ],
  },
];

describe('evaluateRules', () => {
  it('first match wins, and the decision names the rule and its version', () => {
    expect(evaluateRules(rules, { fraudScore: 0.9, recommendedPayout: 1000 }, 'default')).toEqual({
      rule: { id: 'r1', version: 2, name: 'Fraud' },
      stepKey: 'fraud-review',
      groupKey: 'siu',
      priority: 'high',
      straightThrough: false,
    });
    expect(
      evaluateRules(rules, { fraudScore: 0.1, recommendedPayout: 11500 }, 'default'),
    ).toMatchObject({ rule: { id: 'r3', version: 3 }, stepKey: 'adjuster-review' });
  });
  it('boundaries: 5,000 is straight through, 50,000 is mid, 50,001 is large', () => {
    expect(evaluateRules(rules, { fraudScore: 0, recommendedPayout: 5000 }, 'd')).toMatchObject({
      straightThrough: true,
      stepKey: 'issue-payment',
    });
    expect(evaluateRules(rules, { fraudScore: 0, recommendedPayout: 50000 }, 'd').rule?.id).toBe(
      'r3',
    );
    expect(evaluateRules(rules, { fraudScore: 0, recommendedPayout: 50001 }, 'd')).toMatchObject({
      rule: { id: 'r4' },
      approvalStepKey: 'supervisor-approval',
      slaPolicyKey: 'fast',
    });
  });
  it('skips inactive rules and falls back to the default when nothing matches', () => {
    const off = rules.map((r) => ({ ...r, active: false }));
    expect(evaluateRules(off, { fraudScore: 0.9 }, 'adjuster-review')).toEqual({
      rule: null,
      stepKey: 'adjuster-review',
      straightThrough: false,
    });
  });
});

describe('evaluateCondition', () => {
  const data = { a: 5, s: 'Gold', d: '2026-11-20', b: true, nested: { tags: ['x', 'y'] } };
  it.each([
    [{ field: 'a', op: 'gt', value: 4 }, true],
    [{ field: 'a', op: 'lt', value: 5 }, false],
    [{ field: 'a', op: 'neq', value: 5 }, false],
    [{ field: 's', op: 'eq', value: 'Gold' }, true],
    [{ field: 's', op: 'contains', value: 'ol' }, true],
    [{ field: 's', op: 'in', value: ['Silver', 'Gold'] }, true],
    [{ field: 's', op: 'not_in', value: ['Silver', 'Gold'] }, false],
    [{ field: 'd', op: 'gte', value: '2026-11-01' }, true],
    [{ field: 'd', op: 'lt', value: '2026-11-20T00:00:00Z' }, false],
    [{ field: 'b', op: 'eq', value: true }, true],
    // Text compares without regard to case, for eq/neq/in/not_in as for contains.
    [{ field: 's', op: 'eq', value: 'GOLD' }, true],
    [{ field: 's', op: 'neq', value: 'gold' }, false],
    [{ field: 's', op: 'in', value: ['silver', 'gold'] }, true],
    [{ field: 's', op: 'not_in', value: ['SILVER', 'GOLD'] }, false],
    [{ field: 's', op: 'contains', value: 'OL' }, true],
    // Dates compare as instants (a date alone is midnight UTC), also for eq.
    [{ field: 'd', op: 'eq', value: '2026-11-20T00:00:00Z' }, true],
    [{ field: 'd', op: 'eq', value: '2026-11-20T01:00:00+01:00' }, true],
    [{ field: 'd', op: 'gt', value: '2026-11-19T23:00:00-02:00' }, false],
    // Impossible and zone-less dates are not dates, and text never compares with a date.
    [{ field: 'd', op: 'lt', value: '2026-11-31' }, false],
    [{ field: 'd', op: 'gt', value: '2026-11-19T10:00' }, false],
    [{ field: 's', op: 'gt', value: '2026-01-01' }, false],
    [{ field: 'd', op: 'eq', value: '2026-11-20' }, true],
    [{ field: 'b', op: 'eq', value: 'true' }, false],
    [{ field: 'nested.tags', op: 'contains', value: 'y' }, true],
    [{ field: 'missing', op: 'gt', value: 0 }, false],
    [{ field: 'missing', op: 'exists' }, false],
    [{ field: 's', op: 'gt', value: 3 }, false],
    [
      {
        all: [
          { field: 'a', op: 'gte', value: 5 },
          {
            any: [
              { field: 's', op: 'eq', value: 'x' },
              { field: 'b', op: 'eq', value: true },
            ],
          },
        ],
      },
      true,
    ],
    [{ any: [] }, false],
    [{ all: [] }, true],
  ] as const)('%j → %s', (cond, expected) => {
    expect(evaluateCondition(cond as never, data)).toBe(expected);
  });
});

describe('date values', () => {
  it('reads calendar dates and zoned date-times, and nothing else', () => {
    expect(parseDateValue('2026-02-28')).toBe(Date.UTC(2026, 1, 28));
    expect(parseDateValue('2026-03-01T09:30:00+01:00')).toBe(Date.UTC(2026, 2, 1, 8, 30));
    expect(parseDateValue('2026-03-01T09:30Z')).toBe(Date.UTC(2026, 2, 1, 9, 30));
    for (const bad of ['2026-02-30', '2026-13-01', '2026-03-01T09:30:00', '2026-03-01T24:00Z', '1'])
      expect(parseDateValue(bad)).toBeNull();
  });
  it('says why a rule value is refused', () => {
    expect(dateValueProblem('2026-02-28')).toBeNull();
    expect(dateValueProblem('2026-02-30')).toMatch(/real calendar date/);
    expect(dateValueProblem('2026-03-01T09:30:00')).toMatch(/time zone/);
    expect(dateValueProblem(5)).toMatch(/must be a date/);
  });
});
