import type { DbOrTx } from '../../db/client';
import { getCaseTypeByKey } from '../data/definitions';
import { DomainError } from '../errors';

/** The active case type and its current definition version, or a 422 naming the unknown key. */
export async function requireCaseType(db: DbOrTx, key: string) {
  const found = await getCaseTypeByKey(db, key);
  if (!found)
    throw new DomainError('unprocessable', `Unknown case type "${key}".`, {
      caseType: 'is not a known case type',
    });
  return found;
}
