import type { Db } from '../../db/client';
import { ensureReferenceSequence } from '../data/cases';
import { listReferencePrefixes } from '../data/definitions';

/**
 * Makes the case reference sequences of this year and the next for every prefix a case type's
 * current definition uses, so that intake only ever draws from a sequence that exists: it needs
 * no CREATE privilege, and the first cases of a year do not queue on the sequence's creation.
 * Idempotent (an existing sequence is left alone); the scheduler runs it daily and at start, and
 * migration 0016 once. A prefix published between two runs is still served: intake creates a
 * missing sequence itself as a fallback. Returns the sequences it made, as "PREFIX year".
 */
export async function maintainReferenceSequences(db: Db, now: Date): Promise<string[]> {
  const year = now.getUTCFullYear();
  const made: string[] = [];
  for (const prefix of await listReferencePrefixes(db))
    for (const y of [year, year + 1])
      if (await ensureReferenceSequence(db, prefix, y)) made.push(`${prefix} ${y}`);
  return made;
}
