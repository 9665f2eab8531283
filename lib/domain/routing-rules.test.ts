import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateRules, type RuleVersion } from './routing-rules';

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
