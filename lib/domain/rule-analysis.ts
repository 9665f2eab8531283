import type { RuleCondition } from './routing-rule-types';
import {
  ANY_VALUE,
  difference,
  intersect,
  isEmpty,
  isSubset,
  leafSets,
  type ValueSet,
} from './rule-operators';

/** A conjunction of per-field value sets (a field not in the map may hold anything). */
type Box = ReadonlyMap<string, ValueSet>;
/** A union of boxes. */
type Region = Box[];

function meet(a: Box, b: Box): Box | null {
  const out = new Map(a);
  for (const [f, s] of b) {
    const m = out.has(f) ? intersect(out.get(f)!, s) : s;
    if (isEmpty(m)) return null;
    out.set(f, m);
  }
  return out;
}

/** Beyond this many boxes a condition is not analysed (outer: anything, inner: nothing). */
const MAX_BOXES = 256;

/**
 * Every case the condition matches lies in `outer`; every case in `inner` matches it. The
 * language has no negation (neq and not_in are leaves), so both follow "all" and "any".
 */
function approximate(c: RuleCondition): { outer: Region; inner: Region } {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map(approximate);
    const join =
      'all' in c
        ? (pick: 'outer' | 'inner') =>
            parts.reduce<Region>(
              (acc, p) =>
                acc.length > MAX_BOXES
                  ? acc
                  : acc.flatMap((a) => p[pick].map((b) => meet(a, b)).filter((x) => x !== null)),
              [new Map()],
            )
        : (pick: 'outer' | 'inner') => parts.flatMap((p) => p[pick]);
    const outer = join('outer');
    const inner = join('inner');
    return {
      outer: outer.length > MAX_BOXES ? [new Map()] : outer,
      inner: inner.length > MAX_BOXES ? [] : inner,
    };
  }
  const { outer, inner } = leafSets(c);
  const box = (s: ValueSet): Region => (isEmpty(s) ? [] : [new Map([[c.field, s]])]);
  return { outer: box(outer), inner: box(inner) };
}

const boxWithin = (b: Box, e: Box) => [...e].every(([f, s]) => isSubset(b.get(f) ?? ANY_VALUE, s));

type Owned = { box: Box; rule: number };

/**
 * The earlier rules whose boxes together cover `b`, or null when that cannot be shown.
 * Splits b along one field at a time at the boundaries of the boxes that overlap it, until each
 * piece lies inside one box; a field once split is never split again, so this ends.
 */
function coverBox(b: Box, boxes: Owned[], budget: { left: number }): Set<number> | null {
  if (--budget.left < 0) return null;
  const live = boxes
    .map((o) => ({ rule: o.rule, box: meet(o.box, b) }))
    .filter((o): o is Owned => o.box !== null);
  const whole = live.find((o) => boxWithin(b, o.box));
  if (whole) return new Set([whole.rule]);
  const split = live
    .flatMap((o) => [...o.box].filter(([f, s]) => !isSubset(b.get(f) ?? ANY_VALUE, s)))
    .at(0);
  if (!split) return null;
  const [field] = split;
  let cells = [b.get(field) ?? ANY_VALUE];
  for (const o of live) {
    const s = o.box.get(field);
    if (s)
      cells = cells.flatMap((x) => [intersect(x, s), difference(x, s)].filter((y) => !isEmpty(y)));
  }
  const used = new Set<number>();
  for (const cell of cells) {
    const sub = coverBox(new Map(b).set(field, cell), live, budget);
    if (!sub) return null;
    sub.forEach((r) => used.add(r));
  }
  return used;
}

function coverRegion(region: Region, boxes: Owned[]): Set<number> | null {
  const budget = { left: 20_000 };
  const used = new Set<number>();
  for (const b of region) {
    const sub = coverBox(b, boxes, budget);
    if (!sub) return null;
    sub.forEach((r) => used.add(r));
  }
  return used;
}

type EarlierRule = { name: string; condition: RuleCondition; active: boolean };

/** The fewest earlier active rules (by dropping unneeded ones) that together take every case of `region`. */
function coveringRules(region: Region, earlier: readonly EarlierRule[]): number[] | null {
  let boxes: Owned[] = earlier.flatMap((e, rule) =>
    e.active ? approximate(e.condition).inner.map((box) => ({ box, rule })) : [],
  );
  const used = coverRegion(region, boxes);
  if (!used) return null;
  const keep = [...used].sort((a, b) => a - b);
  for (const r of [...keep]) {
    const without = boxes.filter((o) => o.rule !== r && keep.includes(o.rule));
    if (coverRegion(region, without)) {
      keep.splice(keep.indexOf(r), 1);
      boxes = without;
    }
  }
  return keep;
}

/** The field whose conditions contradict each other, for a leaf or a flat "all" of leaves. */
function contradictingField(c: RuleCondition): string | null {
  const leaves = 'all' in c ? c.all : 'any' in c ? [] : [c];
  const byField = new Map<string, ValueSet>();
  for (const l of leaves) {
    if ('all' in l || 'any' in l) continue;
    const s = intersect(byField.get(l.field) ?? ANY_VALUE, leafSets(l).outer);
    if (isEmpty(s)) return l.field;
    byField.set(l.field, s);
  }
  return null;
}

export type RuleWarning = {
  code: 'never_matches' | 'shadowed';
  message: string;
  /** The earlier rules that together take every case this one matches, in evaluation order. */
  byRules?: string[];
};

const quoted = (names: string[]) =>
  names.length === 1
    ? `"${names[0]}"`
    : `${names
        .slice(0, -1)
        .map((n) => `"${n}"`)
        .join(', ')} and "${names.at(-1)}"`;

/**
 * Warnings for `rule` given the rules evaluated before it. Sound: "never matches" and
 * "shadowed" are said only when they hold for every possible case (contains, text ordering
 * and very large conditions are not reasoned about, and then nothing is said).
 */
export function analyzeRule(
  rule: { condition: RuleCondition },
  earlier: readonly EarlierRule[],
): RuleWarning[] {
  if ('any' in rule.condition && rule.condition.any.length === 0)
    return [
      {
        code: 'never_matches',
        message: 'The condition is an empty "any" group, which never matches.',
      },
    ];
  const { outer } = approximate(rule.condition);
  if (!outer.length) {
    const field = contradictingField(rule.condition);
    return [
      {
        code: 'never_matches',
        message: field
          ? `The conditions on ${field} contradict each other: no value satisfies them all.`
          : 'No case can satisfy this condition: every alternative contradicts itself.',
      },
    ];
  }
  const covering = coveringRules(outer, earlier);
  if (!covering) return [];
  const names = covering.map((i) => earlier[i]!.name);
  return [
    {
      code: 'shadowed',
      message:
        names.length === 1
          ? `Every case this rule matches is already taken by the earlier rule ${quoted(names)}.`
          : `Every case this rule matches is already taken by the earlier rules ${quoted(names)} together.`,
      byRules: names,
    },
  ];
}

/**
 * Where a new rule could go: the latest place in `rules` (0 = first, rules.length = last)
 * at which it still catches cases, or null when it catches none anywhere. Earlier places catch
 * more; later places leave more to the rules already there. Coverage only grows down the list,
 * so every place up to this one is live too.
 */
export function latestLivePosition(
  rule: { condition: RuleCondition },
  rules: readonly EarlierRule[],
): number | null {
  for (let p = rules.length; p >= 0; p--)
    if (!analyzeRule(rule, rules.slice(0, p)).length) return p;
  return null;
}
