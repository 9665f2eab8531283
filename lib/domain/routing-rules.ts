import type { Priority } from '../../db/schema/enum-values';
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Numbers compare as numbers, ISO dates as instants, everything else as strings. */
function comparable(a: unknown, b: unknown): [number, number] | [string, string] | null {
  if (typeof a === 'number' && typeof b === 'number') return [a, b];
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b))
    return [Date.parse(a), Date.parse(b)];
  if (typeof a === 'string' && typeof b === 'string') return [a, b];
  return null;
}

function evaluateLeaf(c: LeafCondition, data: unknown): boolean {
  const v = valueAtPath(data, c.field);
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null && v !== '';
    case 'eq':
      return v === c.value;
    case 'neq':
      return v !== c.value;
    case 'in':
      return Array.isArray(c.value) && (c.value as unknown[]).includes(v);
    case 'not_in':
      return Array.isArray(c.value) && !(c.value as unknown[]).includes(v);
    case 'contains':
      if (typeof v === 'string' && typeof c.value === 'string')
        return v.toLowerCase().includes(c.value.toLowerCase());
      return Array.isArray(v) && v.includes(c.value);
    default: {
      const pair = comparable(v, c.value);
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
