import type { Db } from '../../db/client';
import { runDueSteps } from '../engine/step-worker';
import { errorFields, log } from '../log';
import { POISON_DELAY_MS } from './sweep';

/**
 * Runs the automated steps (payments) that a use-case's transaction queued, right after that
 * transaction committed — never inside it: `db` must be the database, not a transaction. With
 * `caseId`, only that case's runs; each is claimed with a lease, called outside any
 * transaction and recorded with the case's next steps (lib/engine/step-worker.ts).
 *
 * Best effort: it never throws. A failure is logged and the run is left to the scheduler's
 * step-retries sweep (a transient billing failure is a scheduled retry, as from the sweep).
 * Returns how many runs had a result recorded.
 */
export async function runQueuedSteps(
  db: Db,
  opts: { caseId?: string; random?: () => number } = {},
  now: Date = new Date(),
): Promise<number> {
  try {
    return await runDueSteps(db, now, {
      caseId: opts.caseId,
      // A case has one queued call at a time: after it, nothing is left to claim (saves the
      // empty claim transaction on every completion); the scheduler sweeps the rest.
      limit: opts.caseId ? 1 : 20,
      random: opts.random,
      postponeMs: POISON_DELAY_MS,
    });
  } catch (e) {
    log.error('queued steps could not run now; the scheduler will pick them up', {
      caseId: opts.caseId ?? null,
      ...errorFields(e),
    });
    return 0;
  }
}
