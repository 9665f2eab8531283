import type { Priority } from '../../db/schema/enum-values';
import { isCalendarDate } from './input-limits';
import type { LeafCondition, RuleAction, RuleCondition } from './routing-rule-types';

export type RuleVersion = {
  ruleId: string;
  version: number;
  name: string;
  active: boolean;
  condition: RuleCondition;
  actions: RuleAction[];
};

/** What the matching rule decided; `rule` is null when no rule matched and the default applies. */
export type RoutingOutcome = {
  rule: { id: string; version: number; name: string } | null;
  stepKey: string;
  groupKey?: string;
  userEmail?: string;
  priority?: Priority;
  slaPolicyKey?: string;
  approvalStepKey?: string;
  straightThrough: boolean;
};

export function valueAtPath(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined,
      data,
    );
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant of a date value, or null when the text is not one: a calendar date
 * (2026-03-01, meaning midnight UTC) or a date-time with its zone (2026-03-01T09:00:00Z,
 * …+01:00). Impossible dates (2026-02-30) and zone-less date-times are not dates: JavaScript
 * would roll the first over to March and read the second in the server's own zone.
 */
export function parseDateValue(s: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isCalendarDate(s) ? Date.parse(`${s}T00:00:00Z`) : null;
  const m = DATE_TIME.exec(s);
  if (!m || !isCalendarDate(m[1]!)) return null;
  if (+m[2]! > 23 || +m[3]! > 59 || +(m[4] ?? 0) > 59) return null;
  if (m[6] !== undefined && (+m[6] > 23 || +m[7]! > 59)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** Why a rule's date value is refused, or null when it is a date. */
export function dateValueProblem(v: unknown): string | null {
  if (typeof v !== 'string') return 'must be a date (YYYY-MM-DD)';
  if (parseDateValue(v) !== null) return null;
  if (DATE_TIME.exec(v) === null && /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(v))
    return 'needs a time zone: add Z or an offset such as +01:00 (a date alone means midnight UTC)';
  return 'must be a real calendar date (YYYY-MM-DD) or a date-time with a time zone';
}

/**
 * What a value is for comparison. Dates (see parseDateValue) are instants; other text compares
 * without regard to case; a non-finite number, an object or an array compares with nothing.
 */
export type Comparable =
  | { kind: 'number'; n: number }
  | { kind: 'date'; n: number }
  | { kind: 'text'; s: string }
  | { kind: 'boolean'; b: boolean }
  | { kind: 'absent' }
  | { kind: 'other' };

export function comparableOf(v: unknown): Comparable {
  if (typeof v === 'number')
    return Number.isFinite(v) ? { kind: 'number', n: v } : { kind: 'other' };
  if (typeof v === 'boolean') return { kind: 'boolean', b: v };
  if (v === undefined || v === null) return { kind: 'absent' };
  if (typeof v !== 'string') return { kind: 'other' };
  const t = parseDateValue(v);
  return t === null ? { kind: 'text', s: v.toLowerCase() } : { kind: 'date', n: t };
}

/** Equality for eq, neq, in and not_in: same kind, same number, instant, text (any case) or flag. */
export function sameValue(a: unknown, b: unknown): boolean {
  const x = comparableOf(a);
  const y = comparableOf(b);
  if (x.kind !== y.kind) return false;
  switch (x.kind) {
    case 'number':
    case 'date':
      return x.n === (y as typeof x).n;
    case 'text':
      return x.s === (y as typeof x).s;
    case 'boolean':
      return x.b === (y as typeof x).b;
    default:
      return false;
  }
}

/** Ordering for gt/gte/lt/lte: numbers, instants, or text (any case) of the same kind. */
function ordered(a: unknown, b: unknown): [number, number] | [string, string] | null {
  const x = comparableOf(a);
  const y = comparableOf(b);
  if (x.kind !== y.kind) return null;
  if (x.kind === 'number' || x.kind === 'date') return [x.n, (y as typeof x).n];
  if (x.kind === 'text') return [x.s, (y as typeof x).s];
  return null;
}

function evaluateLeaf(c: LeafCondition, data: unknown): boolean {
  const v = valueAtPath(data, c.field);
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null && v !== '';
    case 'eq':
      return sameValue(v, c.value);
    case 'neq':
      return !sameValue(v, c.value);
    case 'in':
      return Array.isArray(c.value) && c.value.some((x) => sameValue(v, x));
    case 'not_in':
      return Array.isArray(c.value) && !c.value.some((x) => sameValue(v, x));
    case 'contains':
      if (typeof v === 'string' && typeof c.value === 'string')
        return v.toLowerCase().includes(c.value.toLowerCase());
      return Array.isArray(v) && v.includes(c.value);
    default: {
      const pair = ordered(v, c.value);
      if (!pair) return false; // a missing or mistyped field never satisfies a comparison
      const [a, b] = pair;
      if (c.op === 'gt') return a > b;
      if (c.op === 'gte') return a >= b;
      if (c.op === 'lt') return a < b;
      return a <= b;
    }
  }
}

export function evaluateCondition(c: RuleCondition, data: unknown): boolean {
  if ('all' in c) return c.all.every((x) => evaluateCondition(x, data));
  if ('any' in c) return c.any.some((x) => evaluateCondition(x, data));
  return evaluateLeaf(c, data);
}

/**
 * Ordered rules, first active match wins. Pure: returns the decision and the rule (id and
 * version) that made it, so the decision can be stored and explained later.
 */
export function evaluateRules(
  rules: readonly RuleVersion[],
  data: unknown,
  defaultStepKey: string,
): RoutingOutcome {
  for (const r of rules) {
    if (!r.active || !evaluateCondition(r.condition, data)) continue;
    const out: RoutingOutcome = {
      rule: { id: r.ruleId, version: r.version, name: r.name },
      stepKey: defaultStepKey,
      straightThrough: false,
    };
    for (const a of r.actions) {
      switch (a.type) {
        case 'route_to_group':
          out.stepKey = a.stepKey;
          out.groupKey = a.groupKey;
          break;
        case 'route_to_user':
          out.stepKey = a.stepKey;
          out.userEmail = a.userEmail;
          break;
        case 'set_priority':
          out.priority = a.priority;
          break;
        case 'override_sla':
          out.slaPolicyKey = a.slaPolicyKey;
          break;
        case 'add_approval_step':
          out.approvalStepKey = a.stepKey;
          break;
        case 'straight_through':
          out.stepKey = a.stepKey;
          out.straightThrough = true;
          break;
      }
    }
    return out;
  }
  return { rule: null, stepKey: defaultStepKey, straightThrough: false };
}
