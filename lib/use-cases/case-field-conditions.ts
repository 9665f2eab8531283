import type { DbOrTx } from '../../db/client';
import { loadCaseFieldFilterSpecs } from '../data/inbox';
import { resolveCaseFieldFilters, type CaseFieldCondition } from '../domain/case-field-filters';
import type { InboxFilters } from '../schemas/inbox';
import { validationError } from '../validation';

/**
 * The case-field filters of `f` checked against the case type's fields (every active type's when
 * none is chosen): typed conditions, or a 400 naming `fields.<path>.<op>`.
 */
export async function caseFieldConditions(
  db: DbOrTx,
  f: Pick<InboxFilters, 'fields' | 'type'>,
): Promise<CaseFieldCondition[]> {
  if (!f.fields || !Object.keys(f.fields).length) return [];
  const specs = await loadCaseFieldFilterSpecs(db, f.type);
  const { conditions, errors } = resolveCaseFieldFilters(f.fields, specs);
  if (Object.keys(errors).length) throw validationError(errors, 'Invalid case-field filter');
  return conditions;
}
