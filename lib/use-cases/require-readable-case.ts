import type { DbOrTx } from '../../db/client';
import { caseAccessRefs, getCase } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';

/** The case, when it exists and the actor may read it (else 404, audited by guard). */
export async function requireReadableCase(db: DbOrTx, actor: Actor, caseId: string) {
  const c = await getCase(db, caseId);
  if (!c) throw new DomainError('not_found', 'Case was not found.');
  await guard(db, actor, 'case.read', await caseAccessRefs(db, c.id), {
    type: 'case',
    id: c.id,
    caseId: c.id,
  });
  return c;
}
