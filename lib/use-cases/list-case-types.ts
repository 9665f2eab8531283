import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseTypes } from '../../db/schema';

/** The active case types, for filters. */
export async function listCaseTypes(db: DbOrTx) {
  return db
    .select({ key: caseTypes.key, name: caseTypes.name })
    .from(caseTypes)
    .where(eq(caseTypes.active, true))
    .orderBy(caseTypes.name);
}
