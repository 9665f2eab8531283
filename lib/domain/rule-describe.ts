import type { DataField } from './case-definition';
import type { LeafCondition, RuleAction, RuleCondition } from './routing-rule-types';

/** How an operator reads in a sentence and in the rule editor. */
export const OP_WORDS: Record<LeafCondition['op'], string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  exists: 'is present',
};

function formatValue(v: LeafCondition['value'], type?: string): string {
  if (Array.isArray(v)) return v.map((x) => formatValue(x, type)).join(', ');
  if (typeof v === 'number') return type === 'money' ? v.toLocaleString('en-US') : String(v);
  if (typeof v === 'string') return `"${v}"`;
  return String(v);
}

/** "Recommended payout > 50,000 and Fraud score < 0.8" — conditions as people read them. */
export function describeCondition(
  c: RuleCondition,
  fields: readonly DataField[],
  nested = false,
): string {
  if ('all' in c || 'any' in c) {
    const parts = 'all' in c ? c.all : c.any;
    if (!parts.length) return 'all' in c ? 'always' : 'never';
    const joined = parts
      .map((p) => describeCondition(p, fields, true))
      .join('all' in c ? ' and ' : ' or ');
    return nested && parts.length > 1 ? `(${joined})` : joined;
  }
  const f = fields.find((x) => x.path === c.field);
  const label = f?.label ?? c.field;
  return c.op === 'exists'
    ? `${label} ${OP_WORDS.exists}`
    : `${label} ${OP_WORDS[c.op]} ${formatValue(c.value, f?.type)}`;
}

export function describeActions(
  actions: readonly RuleAction[],
  names: { groups: Record<string, string>; steps: Record<string, string> },
): string {
  return actions
    .map((a) => {
      switch (a.type) {
        case 'route_to_group':
          return `→ ${names.groups[a.groupKey] ?? a.groupKey} (${names.steps[a.stepKey] ?? a.stepKey})`;
        case 'route_to_user':
          return `→ ${a.userEmail} (${names.steps[a.stepKey] ?? a.stepKey})`;
        case 'set_priority':
          return `priority ${a.priority}`;
        case 'override_sla':
          return `SLA ${a.slaPolicyKey}`;
        case 'add_approval_step':
          return `+ ${names.steps[a.stepKey] ?? a.stepKey}`;
        case 'straight_through':
          return `straight through to ${names.steps[a.stepKey] ?? a.stepKey}`;
      }
    })
    .join(', ');
}
