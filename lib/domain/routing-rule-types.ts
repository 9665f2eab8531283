/** Conditions and actions of routing and threshold rules (evaluated by routing-rules.ts). */

export type ComparisonOperator =
  'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'not_in' | 'contains' | 'exists';

export type LeafCondition = {
  field: string;
  op: ComparisonOperator;
  value?: string | number | boolean | (string | number)[] | null;
};

export type RuleCondition = LeafCondition | { all: RuleCondition[] } | { any: RuleCondition[] };

export type RuleAction =
  | { type: 'route_to_group'; groupKey: string; stepKey: string }
  | { type: 'route_to_user'; userEmail: string; stepKey: string }
  | { type: 'set_priority'; priority: 'low' | 'normal' | 'high' | 'urgent' }
  | { type: 'override_sla'; slaPolicyKey: string }
  | { type: 'add_approval_step'; stepKey: string }
  | { type: 'straight_through'; stepKey: string };
