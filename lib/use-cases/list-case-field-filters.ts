import type { DbOrTx } from '../../db/client';
import { loadCaseFieldFilterSpecs } from '../data/inbox';

/**
 * The case-field filters the inbox offers, from the case types' field lists: one type's when
 * `typeKey` is given, else every active type's (a filter then applies to each type with the field).
 */
export function listCaseFieldFilters(db: DbOrTx, typeKey?: string) {
  return loadCaseFieldFilterSpecs(db, typeKey);
}
