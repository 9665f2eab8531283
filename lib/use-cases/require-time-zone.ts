import type { DbOrTx } from '../../db/client';
import { databaseKnowsTimeZone } from '../data/users';
import { validationError } from '../validation';

/**
 * Refuses a zone the database cannot convert to (the schemas already refused zones the runtime
 * does not know): inbox counts and figures use the person's zone in SQL, and an unknown one
 * there would fail every page. Call outside a transaction.
 */
export async function requireDatabaseTimeZone(
  db: DbOrTx,
  zone: string,
  field = 'timeZone',
): Promise<void> {
  if (!(await databaseKnowsTimeZone(db, zone)))
    throw validationError({ [field]: 'is not a time zone the database knows' });
}
