import type { Db, DbOrTx } from '../../db/client';
import type { SweepOptions } from './sweep';

/**
 * Transactions one sweep call keeps under way at once: while one batch's writes and commit run
 * in the database, the next batch is claimed and decided in JavaScript. Each lane is a sweeper
 * of its own (claim FOR UPDATE SKIP LOCKED, a transaction a batch), so lanes take disjoint rows
 * exactly as parallel schedulers do. On PGlite the transactions simply take turns.
 */
export const SWEEP_LANES = 2;

/**
 * Runs `batch` (claim due rows FOR UPDATE SKIP LOCKED, process them) with `lanes` batches in
 * flight: each lane runs it in a transaction of its own until one finds nothing (a sweeper
 * killed mid-batch rolls back, so its rows are simply due again for the next one), and all
 * lanes together start at most `maxBatches`. A failure stops every lane from starting another batch and is rethrown once
 * the batches under way have ended (their rows roll back or commit as usual).
 */
export async function sweepInLanes(
  db: Db,
  o: SweepOptions,
  batch: (tx: DbOrTx) => Promise<number>,
  lanes = SWEEP_LANES,
): Promise<number> {
  const max = o.maxBatches ?? 20;
  let started = 0;
  let done = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && started < max) {
      started++;
      try {
        // A transaction still waiting for its turn (PGlite) when another lane failed claims nothing.
        const n = await db.transaction((tx) => (failed ? Promise.resolve(0) : batch(tx)));
        done += n;
        if (n === 0) return; // an item that climbed a level may be due again at once (catch-up)
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const ends = await Promise.allSettled(Array.from({ length: Math.max(1, lanes) }, lane));
  const failure = ends.find((x) => x.status === 'rejected');
  if (failure) throw failure.reason;
  return done;
}
