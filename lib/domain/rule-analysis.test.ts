import { describe, expect, it } from 'vitest';
import { analyzeRule } from './rule-analysis';

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
      { code: 'shadowed', message: expect.stringContaining('"Large"'), byRule: 'Large' },
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
