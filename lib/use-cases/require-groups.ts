import type { DbOrTx } from '../../db/client';
import { getGroupRefsByIds, type GroupRef } from '../data/groups';
import { DomainError } from '../errors';

/** The groups asked for, or a validation error naming the unknown ones. */
export async function requireGroups(db: DbOrTx, ids: readonly string[]): Promise<GroupRef[]> {
  const unique = [...new Set(ids)];
  const found = await getGroupRefsByIds(db, unique);
  const missing = unique.filter((id) => !found.some((g) => g.id === id));
  if (missing.length)
    throw new DomainError('validation', `Unknown group ${missing.join(', ')}.`, {
      groupIds: `unknown group ${missing.join(', ')}`,
    });
  return found;
}
