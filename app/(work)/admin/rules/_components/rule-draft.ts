import type { Leaf, Rule, RuleField } from './rule-types';

/** A condition as the editor holds it: the value is the text in the box until it is sent. */
export type DraftLeaf = { field: string; op: string; value: string };
/** An action as the editor holds it: switching its type keeps the keys already typed. */
export type DraftAction = {
  type: string;
  groupKey?: string;
  stepKey?: string;
  userEmail?: string;
  priority?: string;
  slaPolicyKey?: string;
};
export type Draft = {
  ruleId: string | null;
  expectedVersion?: number;
  /** Where a new rule goes: before this rule, or last when null. */
  insertBefore: string | null;
  name: string;
  description: string;
  active: boolean;
  join: 'all' | 'any';
  leaves: DraftLeaf[];
  actions: DraftAction[];
};

const valueText = (v: Leaf['value']) =>
  Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v);

/** The editor's starting point: a blank rule, or a copy of the rule's current version. */
export function toDraft(r: Rule | null): Draft {
  if (!r)
    return {
      ruleId: null,
      insertBefore: null,
      name: '',
      description: '',
      active: true,
      join: 'all',
      leaves: [{ field: 'recommendedPayout', op: 'gt', value: '' }],
      actions: [{ type: 'route_to_group', groupKey: '', stepKey: '' }],
    };
  const c = r.condition;
  // The builder edits one flat all/any group; a single leaf is a group of one.
  const leaves = ('all' in c ? c.all : 'any' in c ? c.any : [c]) as Leaf[];
  return {
    ruleId: r.id,
    insertBefore: null,
    expectedVersion: r.version,
    name: r.name,
    description: r.description ?? '',
    active: r.active,
    join: 'any' in c ? 'any' : 'all',
    leaves: leaves.map((l) => ({ field: l.field, op: l.op, value: valueText(l.value) })),
    actions: r.actions.map((a) => ({ ...a })),
  };
}

function parseValue(raw: string, type: string, op: string): unknown {
  if (op === 'exists') return undefined;
  const one = (s: string) =>
    type === 'number' || type === 'money'
      ? s.trim() === ''
        ? s
        : Number(s.replace(/[,\s]/g, ''))
      : type === 'boolean'
        ? s === 'true'
        : s.trim();
  return op === 'in' || op === 'not_in'
    ? raw
        .split(',')
        .map((s) => one(s))
        .filter((s) => s !== '')
    : one(raw);
}

/** The request body for saving or previewing a draft. */
export function toBody(d: Draft, fields: RuleField[]) {
  const leaves = d.leaves.map((l) => {
    const f = fields.find((x) => x.path === l.field);
    const value = parseValue(l.value, f?.type ?? 'string', l.op);
    return value === undefined ? { field: l.field, op: l.op } : { field: l.field, op: l.op, value };
  });
  return {
    caseType: 'auto-claim',
    ruleId: d.ruleId,
    ...(d.expectedVersion ? { expectedVersion: d.expectedVersion } : {}),
    ...(!d.ruleId && d.insertBefore ? { insertBefore: d.insertBefore } : {}),
    name: d.name,
    description: d.description,
    active: d.active,
    condition: leaves.length === 1 ? leaves[0] : { [d.join]: leaves },
    actions: d.actions,
  };
}

/** The server's field path of condition row `i` (a single leaf is the condition itself). */
export const leafPath = (d: Draft, i: number) =>
  d.leaves.length === 1 ? 'condition' : `condition.${d.join}.${i}`;
