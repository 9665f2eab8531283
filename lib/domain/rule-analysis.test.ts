import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRule, latestLivePosition } from './rule-analysis';
import type { LeafCondition, RuleCondition } from './routing-rule-types';
import { evaluateCondition } from './routing-rules';

const earlier = [
  {
    name: 'Fraud',
    active: true,
    condition: { field: 'fraudScore', op: 'gte' as const, value: 0.8 },
  },
  {
    name: 'Large',
    active: true,
    condition: { field: 'recommendedPayout', op: 'gt' as const, value: 50000 },
  },
];

describe('analyzeRule', () => {
  it('flags a contradiction as never matching', () => {
    const w = analyzeRule(
      {
        condition: {
          all: [
            { field: 'recommendedPayout', op: 'gt', value: 100 },
            { field: 'recommendedPayout', op: 'lt', value: 50 },
          ],
        },
      },
      [],
    );
    expect(w).toEqual([
      { code: 'never_matches', message: expect.stringContaining('recommendedPayout') },
    ]);
    expect(
      analyzeRule(
        {
          condition: {
            all: [
              { field: 'x', op: 'gt', value: 5 },
              { field: 'x', op: 'lte', value: 5 },
            ],
          },
        },
        [],
      )[0]?.code,
    ).toBe('never_matches');
    expect(analyzeRule({ condition: { any: [] } }, [])[0]?.code).toBe('never_matches');
  });

  it('flags a rule fully covered by an earlier one', () => {
    const w = analyzeRule(
      { condition: { field: 'recommendedPayout', op: 'gte', value: 60000 } },
      earlier,
    );
    expect(w).toEqual([
      { code: 'shadowed', message: expect.stringContaining('"Large"'), byRules: ['Large'] },
    ]);
  });

  it('does not flag rules that still catch something', () => {
    expect(
      analyzeRule({ condition: { field: 'recommendedPayout', op: 'gte', value: 50000 } }, earlier),
    ).toEqual([]);
    expect(
      analyzeRule(
        {
          condition: {
            all: [
              { field: 'recommendedPayout', op: 'gt', value: 1000 },
              { field: 'recommendedPayout', op: 'lte', value: 50000 },
            ],
          },
        },
        earlier,
      ),
    ).toEqual([]);
    expect(
      analyzeRule({ condition: { field: 'claimant.name', op: 'eq', value: 'Ada' } }, earlier),
    ).toEqual([]);
  });

  it('ignores inactive earlier rules and rules it cannot reason about', () => {
    expect(
      analyzeRule({ condition: { field: 'recommendedPayout', op: 'gt', value: 60000 } }, [
        { ...earlier[1]!, active: false },
      ]),
    ).toEqual([]);
    expect(
      analyzeRule({ condition: { field: 'recommendedPayout', op: 'gt', value: 60000 } }, [
        { name: 'Any', active: true, condition: { any: [{ field: 'a', op: 'eq', value: 1 }] } },
      ]),
    ).toEqual([]);
  });

  it('an earlier rule with more fields covers only when every one of its fields covers', () => {
    const both = [
      {
        name: 'Both',
        active: true,
        condition: {
          all: [
            { field: 'recommendedPayout', op: 'gt' as const, value: 1000 },
            { field: 'fraudScore', op: 'lt' as const, value: 0.5 },
          ],
        },
      },
    ];
    expect(
      analyzeRule({ condition: { field: 'recommendedPayout', op: 'gt', value: 2000 } }, both),
    ).toEqual([]);
    expect(
      analyzeRule(
        {
          condition: {
            all: [
              { field: 'recommendedPayout', op: 'gt', value: 2000 },
              { field: 'fraudScore', op: 'lt', value: 0.3 },
            ],
          },
        },
        both,
      )[0]?.code,
    ).toBe('shadowed');
  });
});

/** The seed's auto-claim rules: fraud first, then rules 2–4 split every payout between them. */
const seed = [
  { name: 'Fraud score 0.8 or more', active: true, condition: leaf('fraudScore', 'gte', 0.8) },
  { name: 'Payout up to 5,000', active: true, condition: leaf('recommendedPayout', 'lte', 5000) },
  {
    name: 'Payout 5,001–50,000',
    active: true,
    condition: leaf('recommendedPayout', 'lte', 50000),
  },
  { name: 'Payout over 50,000', active: true, condition: leaf('recommendedPayout', 'gt', 50000) },
];

function leaf(field: string, op: LeafCondition['op'], value?: LeafCondition['value']) {
  return value === undefined ? { field, op } : { field, op, value };
}

const fraudyLarge: { condition: RuleCondition } = {
  condition: {
    all: [leaf('recommendedPayout', 'gt', 10000), leaf('fraudScore', 'gte', 0.5)],
  },
};

describe('coverage by the union of earlier rules', () => {
  it('a new rule "payout > 10,000 and fraud ≥ 0.5" after the seed rules never matches, and says which rules take its cases', () => {
    expect(analyzeRule(fraudyLarge, seed)).toEqual([
      {
        code: 'shadowed',
        message:
          'Every case this rule matches is already taken by the earlier rules "Payout 5,001–50,000" and "Payout over 50,000" together.',
        byRules: ['Payout 5,001–50,000', 'Payout over 50,000'],
      },
    ]);
    // Before rule 4 it still catches payouts over 50,000 with a fraud score from 0.5 to 0.8.
    expect(analyzeRule(fraudyLarge, seed.slice(0, 3))).toEqual([]);
    expect(latestLivePosition(fraudyLarge, seed)).toBe(3);
  });

  it('a rule that also matches cases without a payout is not covered by payout rules', () => {
    expect(analyzeRule({ condition: leaf('fraudScore', 'gte', 0.5) }, seed)).toEqual([]);
    expect(latestLivePosition({ condition: leaf('fraudScore', 'gte', 0.5) }, seed)).toBe(4);
    // An inactive rule 4 leaves payouts over 50,000 to the new rule.
    expect(
      analyzeRule(
        fraudyLarge,
        seed.map((r, i) => ({ ...r, active: i !== 3 })),
      ),
    ).toEqual([]);
  });

  it('reasons through "any", neq/not_in, dates and text of any case', () => {
    const split = [
      {
        name: 'Either side',
        active: true,
        condition: { any: [leaf('x', 'lt', 10), leaf('x', 'gte', 10)] },
      },
    ];
    expect(analyzeRule({ condition: leaf('x', 'eq', 3) }, split)[0]?.code).toBe('shadowed');
    expect(analyzeRule({ condition: leaf('x', 'exists') }, split)).toEqual([]);
    const named = [
      { name: 'Gold', active: true, condition: leaf('tier', 'in', ['Gold', 'Silver']) },
      { name: 'Not gold', active: true, condition: leaf('tier', 'neq', 'gold') },
    ];
    expect(analyzeRule({ condition: leaf('tier', 'eq', 'SILVER') }, named.slice(0, 1))).toEqual([
      expect.objectContaining({ byRules: ['Gold'] }),
    ]);
    expect(analyzeRule({ condition: leaf('anything', 'exists') }, named)[0]?.byRules).toEqual([
      'Gold',
      'Not gold',
    ]);
    const dated = [
      { name: 'Old', active: true, condition: leaf('d', 'lt', '2026-01-01') },
      { name: 'New', active: true, condition: leaf('d', 'gte', '2026-01-01T00:00:00Z') },
    ];
    expect(analyzeRule({ condition: leaf('d', 'eq', '2026-05-01') }, dated)[0]?.byRules).toEqual([
      'New',
    ]);
    expect(
      analyzeRule({ condition: leaf('d', 'gt', '2025-12-31T23:00:00-02:00') }, dated)[0]?.byRules,
    ).toEqual(['New']);
  });

  it('does not claim what it cannot show: contains and text ordering', () => {
    const c = [{ name: 'VIP', active: true, condition: leaf('name', 'contains', 'vip') }];
    expect(analyzeRule({ condition: leaf('name', 'eq', 'VIP') }, c)).toEqual([]);
    expect(
      analyzeRule(
        { condition: { all: [leaf('name', 'contains', 'a'), leaf('name', 'eq', 3)] } },
        [],
      )[0]?.code,
    ).toBe('never_matches');
  });
});

/** Small vocabularies so random rules and random cases meet at the boundaries. */
const numbers = [-1, 0, 0.5, 1, 2, 10];
const texts = ['a', 'A', 'b', '', '2026-01-01'];
const dates = ['2025-12-31', '2026-01-01', '2026-01-01T12:00:00Z', '2026-01-02T00:00:00+01:00'];
const values = [...numbers, ...texts, ...dates, true, false, null, undefined, ['a']];
const arbLeaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc.record({
    field: fc.constantFrom('n', 'm'),
    op: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'),
    value: fc.constantFrom(...numbers),
  }),
  fc.record({
    field: fc.constantFrom('n', 'm'),
    op: fc.constantFrom('in', 'not_in'),
    value: fc.subarray([...numbers, 'a', 'B'], { minLength: 1 }),
  }),
  fc.record({
    field: fc.constant('t'),
    op: fc.constantFrom('eq', 'neq', 'contains', 'exists'),
    value: fc.constantFrom(...texts),
  }),
  fc.record({
    field: fc.constant('d'),
    op: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'),
    value: fc.constantFrom(...dates),
  }),
);
const arbCondition: fc.Arbitrary<RuleCondition> = fc.oneof(
  { weight: 3, arbitrary: arbLeaf },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('all', 'any'), fc.array(arbLeaf, { minLength: 1, maxLength: 3 }))
      .map(([k, xs]) => (k === 'all' ? { all: xs } : { any: xs })),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.array(arbLeaf, { minLength: 1, maxLength: 2 }).map((xs) => ({ any: xs })),
        { minLength: 1, maxLength: 2 },
      )
      .map((xs) => ({ all: xs })),
  },
);
const arbCase = fc.record(
  {
    n: fc.constantFrom(...values),
    m: fc.constantFrom(...values),
    t: fc.constantFrom(...values),
    d: fc.constantFrom(...values),
  },
  { requiredKeys: [] },
);

describe('the analysis is sound', () => {
  it('when it says "covered" or "never matches", no case proves it wrong', () => {
    fc.assert(
      fc.property(
        arbCondition,
        fc.array(fc.record({ condition: arbCondition, active: fc.boolean() }), { maxLength: 4 }),
        fc.array(arbCase, { minLength: 40, maxLength: 40 }),
        (condition, rules, cases) => {
          const earlier = rules.map((r, i) => ({ ...r, name: `r${i}` }));
          const [w] = analyzeRule({ condition }, earlier);
          if (!w) return;
          for (const c of cases) {
            if (!evaluateCondition(condition, c)) continue;
            expect(w.code).toBe('shadowed');
            const by = earlier.filter((r) => w.byRules!.includes(r.name));
            expect(by.some((r) => r.active && evaluateCondition(r.condition, c))).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('says "covered" for the shapes it models when a rule is covered', () => {
    // Completeness on a simple family: two rules splitting one field cover any rule on it.
    fc.assert(
      fc.property(
        fc.constantFrom(...numbers),
        arbLeaf.filter((l) => l.field === 'n' && l.op !== 'exists' && l.op !== 'neq'),
        (cut, l) => {
          if (l.op === 'not_in') return;
          const w = analyzeRule({ condition: l }, [
            { name: 'below', active: true, condition: leaf('n', 'lt', cut) },
            { name: 'above', active: true, condition: leaf('n', 'gte', cut) },
            { name: 'text', active: true, condition: leaf('n', 'in', ['a', 'b']) },
          ]);
          expect(w.length).toBe(1);
        },
      ),
    );
  });
});
