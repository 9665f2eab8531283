import type { FieldType } from './case-definition';
import type { ComparisonOperator, LeafCondition } from './routing-rule-types';
import { comparableOf } from './routing-rules';

/** Which comparisons make sense for a field of each type (the rule builder offers only these). */
const OPERATORS_BY_FIELD_TYPE: Record<FieldType, readonly ComparisonOperator[]> = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'],
  boolean: ['eq', 'neq', 'exists'],
  string: ['eq', 'neq', 'in', 'not_in', 'contains', 'exists'],
  email: ['eq', 'neq', 'in', 'not_in', 'contains', 'exists'],
};

/** The operators for a field type; an unknown type is treated as text. */
export function operatorsFor(type: string): readonly ComparisonOperator[] {
  return OPERATORS_BY_FIELD_TYPE[type as FieldType] ?? OPERATORS_BY_FIELD_TYPE.string;
}

/**
 * Sets of field values as rule conditions see them (see comparableOf in routing-rules.ts):
 * numbers and date instants as unions of intervals, text (compared without case) as a finite
 * set or everything but a finite set, and flags for true, false, absent and other values.
 */
type Interval = { lo: number; loInc: boolean; hi: number; hiInc: boolean };
type Intervals = Interval[]; // sorted, disjoint, none empty
type TextSet = { except: boolean; keys: ReadonlySet<string> };

export type ValueSet = {
  num: Intervals;
  date: Intervals;
  text: TextSet;
  yes: boolean;
  no: boolean;
  absent: boolean;
  other: boolean;
};

const WHOLE: Interval = { lo: -Infinity, loInc: false, hi: Infinity, hiInc: false };

export const ANY_VALUE: ValueSet = {
  num: [WHOLE],
  date: [WHOLE],
  text: { except: true, keys: new Set() },
  yes: true,
  no: true,
  absent: true,
  other: true,
};

const NO_VALUE: ValueSet = {
  num: [],
  date: [],
  text: { except: false, keys: new Set() },
  yes: false,
  no: false,
  absent: false,
  other: false,
};

const emptyInterval = (i: Interval) => i.lo > i.hi || (i.lo === i.hi && !(i.loInc && i.hiInc));

function intersectIntervals(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  for (const x of a)
    for (const y of b) {
      const lo = x.lo > y.lo ? x : x.lo < y.lo ? y : { lo: x.lo, loInc: x.loInc && y.loInc };
      const hi = x.hi < y.hi ? x : x.hi > y.hi ? y : { hi: x.hi, hiInc: x.hiInc && y.hiInc };
      const i = { lo: lo.lo, loInc: lo.loInc, hi: hi.hi, hiInc: hi.hiInc };
      if (!emptyInterval(i)) out.push(i);
    }
  return out.sort((x, y) => x.lo - y.lo || Number(y.loInc) - Number(x.loInc));
}

function complementIntervals(a: Intervals): Intervals {
  const out: Intervals = [];
  let lo = -Infinity;
  let loInc = false;
  for (const i of a) {
    const gap = { lo, loInc, hi: i.lo, hiInc: !i.loInc };
    if (!emptyInterval(gap)) out.push(gap);
    lo = i.hi;
    loInc = !i.hiInc;
  }
  const last = { lo, loInc, hi: Infinity, hiInc: false };
  if (!emptyInterval(last)) out.push(last);
  return out;
}

const has = (s: ReadonlySet<string>) => (k: string) => s.has(k);
const keysWhere = (s: ReadonlySet<string>, keep: (k: string) => boolean) =>
  new Set([...s].filter(keep));

function intersectText(a: TextSet, b: TextSet): TextSet {
  if (!a.except && !b.except) return { except: false, keys: keysWhere(a.keys, has(b.keys)) };
  if (a.except && b.except) return { except: true, keys: new Set([...a.keys, ...b.keys]) };
  const [only, but] = a.except ? [b, a] : [a, b];
  return { except: false, keys: keysWhere(only.keys, (k) => !but.keys.has(k)) };
}

export function intersect(a: ValueSet, b: ValueSet): ValueSet {
  return {
    num: intersectIntervals(a.num, b.num),
    date: intersectIntervals(a.date, b.date),
    text: intersectText(a.text, b.text),
    yes: a.yes && b.yes,
    no: a.no && b.no,
    absent: a.absent && b.absent,
    other: a.other && b.other,
  };
}

function complement(a: ValueSet): ValueSet {
  return {
    num: complementIntervals(a.num),
    date: complementIntervals(a.date),
    text: { except: !a.text.except, keys: a.text.keys },
    yes: !a.yes,
    no: !a.no,
    absent: !a.absent,
    other: !a.other,
  };
}

const union = (a: ValueSet, b: ValueSet) => complement(intersect(complement(a), complement(b)));
export const difference = (a: ValueSet, b: ValueSet) => intersect(a, complement(b));

/** Everything but finitely many texts is never empty: there are endlessly many other texts. */
export const isEmpty = (a: ValueSet) =>
  !a.num.length &&
  !a.date.length &&
  !a.text.except &&
  !a.text.keys.size &&
  !a.yes &&
  !a.no &&
  !a.absent &&
  !a.other;

export const isSubset = (a: ValueSet, b: ValueSet) => isEmpty(difference(a, b));

function withNumbers(kind: 'num' | 'date', i: Interval): ValueSet {
  return { ...NO_VALUE, [kind]: emptyInterval(i) ? [] : [i] };
}

function withTexts(keys: string[], except = false): ValueSet {
  return { ...NO_VALUE, text: { except, keys: new Set(keys) } };
}

/** The set of values `v` for which sameValue(v, x) holds. */
function pointOf(x: unknown): ValueSet {
  const c = comparableOf(x);
  switch (c.kind) {
    case 'number':
    case 'date':
      return withNumbers(c.kind === 'number' ? 'num' : 'date', {
        lo: c.n,
        loInc: true,
        hi: c.n,
        hiInc: true,
      });
    case 'text':
      return withTexts([c.s]);
    case 'boolean':
      return { ...NO_VALUE, yes: c.b, no: !c.b };
    default:
      return NO_VALUE;
  }
}

const points = (v: unknown) =>
  Array.isArray(v) ? (v as unknown[]).map(pointOf).reduce(union, NO_VALUE) : null;

/**
 * The values of its field a leaf accepts, mirroring evaluateLeaf: `outer` contains every value
 * it accepts, `inner` only values it accepts. They are equal where the leaf is modelled exactly.
 */
export function leafSets(c: LeafCondition): { outer: ValueSet; inner: ValueSet } {
  const exact = (s: ValueSet) => ({ outer: s, inner: s });
  switch (c.op) {
    case 'exists':
      return exact({ ...ANY_VALUE, absent: false, text: { except: true, keys: new Set(['']) } });
    case 'eq':
      return exact(pointOf(c.value));
    case 'neq':
      return exact(complement(pointOf(c.value)));
    case 'in':
      return exact(points(c.value) ?? NO_VALUE);
    case 'not_in': {
      const p = points(c.value);
      return exact(p ? complement(p) : NO_VALUE);
    }
    case 'contains': // text (dates are text too) or a list holding the value
      return { outer: { ...withTexts([], true), date: [WHOLE], other: true }, inner: NO_VALUE };
    default: {
      const v = comparableOf(c.value);
      if (v.kind === 'text') return { outer: withTexts([], true), inner: NO_VALUE };
      if (v.kind !== 'number' && v.kind !== 'date') return exact(NO_VALUE);
      const up = c.op === 'gt' || c.op === 'gte';
      const inc = c.op === 'gte' || c.op === 'lte';
      return exact(
        withNumbers(
          v.kind === 'number' ? 'num' : 'date',
          up
            ? { lo: v.n, loInc: inc, hi: Infinity, hiInc: false }
            : { lo: -Infinity, loInc: false, hi: v.n, hiInc: inc },
        ),
      );
    }
  }
}
