/** Conditions and actions of routing and threshold rules (evaluated by routing-rules.ts). */
import type { Priority } from '../../db/schema/enum-values';

export const COMPARISON_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'contains',
  'exists',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export type LeafCondition = {
  field: string;
  op: ComparisonOperator;
  value?: string | number | boolean | (string | number)[] | null;
};

export type RuleCondition = LeafCondition | { all: RuleCondition[] } | { any: RuleCondition[] };

export type RuleAction =
  | { type: 'route_to_group'; groupKey: string; stepKey: string }
  | { type: 'route_to_user'; userEmail: string; stepKey: string }
  | { type: 'set_priority'; priority: Priority }
  | { type: 'override_sla'; slaPolicyKey: string }
  | { type: 'add_approval_step'; stepKey: string }
  | { type: 'straight_through'; stepKey: string };
