import type { LeafCondition, RuleCondition } from './routing-rule-types';

/**
 * Static checks of routing rules, for conditions made of numeric comparisons joined by
 * "all" (the common threshold shape). Anything else is "unknown" and left to the preview.
 */
type Interval = { lo: number; loInc: boolean; hi: number; hiInc: boolean };
type Region = Map<string, Interval> | 'unknown';

const FULL: Interval = { lo: -Infinity, loInc: false, hi: Infinity, hiInc: false };

function leafInterval(c: LeafCondition): Interval | null {
  if (typeof c.value !== 'number') return null;
  const v = c.value;
  switch (c.op) {
    case 'gt':
      return { ...FULL, lo: v, loInc: false };
    case 'gte':
      return { ...FULL, lo: v, loInc: true };
    case 'lt':
      return { ...FULL, hi: v, hiInc: false };
    case 'lte':
      return { ...FULL, hi: v, hiInc: true };
    case 'eq':
      return { lo: v, loInc: true, hi: v, hiInc: true };
    default:
      return null;
  }
}

function intersect(a: Interval, b: Interval): Interval {
  const lo = a.lo > b.lo ? a : a.lo < b.lo ? b : { lo: a.lo, loInc: a.loInc && b.loInc };
  const hi = a.hi < b.hi ? a : a.hi > b.hi ? b : { hi: a.hi, hiInc: a.hiInc && b.hiInc };
  return { lo: lo.lo, loInc: lo.loInc, hi: hi.hi, hiInc: hi.hiInc };
}

function isEmpty(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && !(i.loInc && i.hiInc));
}

/** a ⊇ b */
function contains(a: Interval, b: Interval): boolean {
  const loOk = a.lo < b.lo || (a.lo === b.lo && (a.loInc || !b.loInc));
  const hiOk = a.hi > b.hi || (a.hi === b.hi && (a.hiInc || !b.hiInc));
  return loOk && hiOk;
}

export function regionOf(c: RuleCondition): Region {
  const leaves = 'all' in c ? c.all : 'any' in c ? null : [c];
  if (!leaves || leaves.some((l) => 'all' in l || 'any' in l)) return 'unknown';
  const region = new Map<string, Interval>();
  for (const l of leaves as LeafCondition[]) {
    const i = leafInterval(l);
    if (!i) return 'unknown';
    region.set(l.field, intersect(region.get(l.field) ?? FULL, i));
  }
  return region;
}

export type RuleWarning = { code: 'never_matches' | 'shadowed'; message: string; byRule?: string };

/** Warnings for `rule` given the active rules evaluated before it. */
export function analyzeRule(
  rule: { condition: RuleCondition },
  earlier: { name: string; condition: RuleCondition; active: boolean }[],
): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  if ('any' in rule.condition && rule.condition.any.length === 0) {
    return [
      {
        code: 'never_matches',
        message: 'The condition is an empty "any" group, which never matches.',
      },
    ];
  }
  const region = regionOf(rule.condition);
  if (region === 'unknown') return warnings;
  for (const [field, i] of region) {
    if (isEmpty(i)) {
      warnings.push({
        code: 'never_matches',
        message: `The conditions on ${field} contradict each other: no value satisfies them all.`,
      });
      return warnings;
    }
  }
  for (const e of earlier) {
    if (!e.active) continue;
    const er = regionOf(e.condition);
    if (er === 'unknown') continue;
    // The earlier rule catches everything this one would: every field it constrains must cover ours.
    const covers = [...er].every(([field, ei]) => contains(ei, region.get(field) ?? FULL));
    if (covers) {
      warnings.push({
        code: 'shadowed',
        message: `Every case this rule matches is already taken by the earlier rule "${e.name}".`,
        byRule: e.name,
      });
      break;
    }
  }
  return warnings;
}
