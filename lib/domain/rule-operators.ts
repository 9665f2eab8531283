import type { FieldType } from './case-definition';
import type { ComparisonOperator } from './routing-rule-types';

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
