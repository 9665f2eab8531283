import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decidePayout,
  describePayoutDecision,
  differsBeyondShare,
  effectiveAuthority,
  fourEyesRefusal,
  lowestCoveringGroup,
  payoutProblems,
  type GroupLimit,
} from './payout-authority';

const g = (key: string, maxCents: number | null): GroupLimit => ({
  groupId: `id-${key}`,
  groupKey: key,
  groupName: key,
  limitId: `l-${key}`,
  version: 1,
  maxCents,
});
const adjusters = g('Claims adjusters', 5_000_000);
const seniors = g('Senior adjusters', 10_000_000);
const supervisors = g('Claims supervisors', 25_000_000);
const management = g('Claims management', null);
const groups = [management, supervisors, adjusters, seniors];

describe('effectiveAuthority', () => {
  it('takes the highest of the person’s groups; without limit beats any amount', () => {
    expect(effectiveAuthority(null, [adjusters, seniors])).toMatchObject({
      maxCents: 10_000_000,
      source: 'group',
      label: 'Senior adjusters',
    });
    expect(effectiveAuthority(null, [supervisors, management]).maxCents).toBeNull();
  });
  it('a personal limit overrides the groups’, lower or higher', () => {
    const personal = { limitId: 'p', version: 3, maxCents: 1_000_000 };
    expect(effectiveAuthority(personal, [supervisors])).toMatchObject({
      maxCents: 1_000_000,
      source: 'person',
      version: 3,
    });
  });
  it('no group limit and no personal limit: no authority at all', () => {
    expect(effectiveAuthority(null, [])).toMatchObject({ maxCents: 0, source: 'none' });
  });
});

describe('lowestCoveringGroup', () => {
  it('picks the group with the smallest limit that covers the amount', () => {
    expect(lowestCoveringGroup(groups, 6_000_000)?.groupKey).toBe('Senior adjusters');
    expect(lowestCoveringGroup(groups, 10_000_000)?.groupKey).toBe('Senior adjusters');
    expect(lowestCoveringGroup(groups, 10_000_001)?.groupKey).toBe('Claims supervisors');
    expect(lowestCoveringGroup(groups, 99_000_000)?.groupKey).toBe('Claims management');
    expect(lowestCoveringGroup([adjusters], 6_000_000)).toBeNull();
  });
  it('respects a floor (a rule-required approval never goes to a lower group)', () => {
    expect(lowestCoveringGroup(groups, 100, 25_000_000)?.groupKey).toBe('Claims supervisors');
  });
});

describe('payoutProblems', () => {
  const base = {
    recommendedCents: 2_770_000,
    maxPayableCents: 9_950_000,
    varianceShare: 0.1,
    reason: null,
  };
  it('refuses more than coverage less deductible', () => {
    expect(payoutProblems({ ...base, amountCents: 999_999_900 }).payoutAmount).toMatch(
      /coverage limit less the deductible \(99,500\)/,
    );
    expect(payoutProblems({ ...base, amountCents: 9_950_000, reason: 'x' })).toEqual({});
  });
  it('needs a reason beyond the share, and only then', () => {
    expect(payoutProblems({ ...base, amountCents: 3_047_000 })).toEqual({}); // exactly 10%
    expect(payoutProblems({ ...base, amountCents: 3_047_001 }).varianceReason).toMatch(/10%/);
    expect(payoutProblems({ ...base, amountCents: 2_000_000 }).varianceReason).toBeDefined();
    expect(
      payoutProblems({ ...base, amountCents: 2_000_000, reason: '  ' }).varianceReason,
    ).toBeDefined();
    expect(payoutProblems({ ...base, amountCents: 2_000_000, reason: 'Photos' })).toEqual({});
  });
  it('differsBeyondShare is symmetric around the recommendation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e11 }), fc.integer({ min: 0, max: 1e9 }), (r, d) => {
        expect(differsBeyondShare(r + d, r, 0.1)).toBe(differsBeyondShare(r - d, r, 0.1));
      }),
    );
  });
});

describe('decidePayout', () => {
  const adj = effectiveAuthority(null, [adjusters]);
  it('within authority and no rule: pay', () => {
    expect(
      decidePayout({ amountCents: 5_000_000, authority: adj, groups, requiredGroup: null }).kind,
    ).toBe('within_authority');
  });
  it('above authority: the lowest covering group approves', () => {
    const d = decidePayout({ amountCents: 6_000_000, authority: adj, groups, requiredGroup: null });
    expect(d).toMatchObject({ kind: 'needs_approval', cause: 'above_authority' });
    expect(d.kind === 'needs_approval' && d.group.groupKey).toBe('Senior adjusters');
    expect(describePayoutDecision(d, 6_000_000)).toMatch(
      /above the authority used \(Claims adjusters: up to 50,000\).*Senior adjusters/,
    );
  });
  it('a rule-required approval applies even within authority, to the rule’s group or higher', () => {
    const senior = effectiveAuthority(null, [seniors]);
    const d = decidePayout({
      amountCents: 8_000_000,
      authority: senior,
      groups,
      requiredGroup: supervisors,
    });
    expect(d).toMatchObject({ kind: 'needs_approval', cause: 'required_by_rule' });
    const big = decidePayout({
      amountCents: 30_000_000,
      authority: senior,
      groups,
      requiredGroup: supervisors,
    });
    expect(big.kind === 'needs_approval' && big.group.groupKey).toBe('Claims management');
  });
  it('nobody covers the amount: no_authority, naming the highest limit', () => {
    const d = decidePayout({
      amountCents: 30_000_000,
      authority: adj,
      groups: [adjusters, supervisors],
      requiredGroup: null,
    });
    expect(d.kind).toBe('no_authority');
    expect(describePayoutDecision(d, 30_000_000)).toMatch(/Claims supervisors, up to 250,000/);
  });
  it('never pays above the completer’s authority (generated amounts and limits)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e11 }),
        fc.option(fc.integer({ min: 0, max: 1e11 })),
        (amount, limit) => {
          const authority = effectiveAuthority(
            limit === null ? null : { limitId: 'p', version: 1, maxCents: limit },
            [],
          );
          const d = decidePayout({ amountCents: amount, authority, groups, requiredGroup: null });
          if (d.kind === 'within_authority') expect(limit === null || amount <= limit).toBe(true);
          if (d.kind === 'needs_approval')
            expect(d.group.maxCents === null || d.group.maxCents >= amount).toBe(true);
        },
      ),
    );
  });
});

describe('fourEyesRefusal', () => {
  it('bars an earlier decider from an approval step, whatever their role', () => {
    expect(
      fourEyesRefusal({ personId: 'a', isApprovalStep: true, earlierDeciderIds: ['a', 'b'] }),
    ).toMatch(/Four eyes/);
  });
  it('lets anyone else approve, and never restricts decision steps', () => {
    expect(
      fourEyesRefusal({ personId: 'c', isApprovalStep: true, earlierDeciderIds: ['a'] }),
    ).toBeNull();
    expect(
      fourEyesRefusal({ personId: 'a', isApprovalStep: false, earlierDeciderIds: ['a'] }),
    ).toBeNull();
  });
});
