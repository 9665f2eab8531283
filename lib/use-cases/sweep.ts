import type { Db, DbOrTx } from '../../db/client';

/** The scheduler acts as this system actor in audit events. */
export const SCHEDULER = { kind: 'system', name: 'scheduler' } as const;

export type SweepOptions = {
  /** Rows claimed per transaction: locks are held only for one small batch. */
  batchSize?: number;
  /** Upper bound of batches per call, so one tick always ends. */
  maxBatches?: number;
  /** Test hook: runs after each task is processed inside its transaction (e.g. to slow a sweep down). */
  afterItem?: () => Promise<void>;
};

/**
 * Runs `batch` (claim due rows FOR UPDATE SKIP LOCKED, process them) in a transaction of its
 * own until one finds nothing. Parallel sweepers take disjoint rows; a sweeper killed mid-batch
 * rolls back, so its rows are simply due again for the next one.
 */
export async function sweepInBatches(
  db: Db,
  o: SweepOptions,
  batch: (tx: DbOrTx) => Promise<number>,
): Promise<number> {
  let done = 0;
  for (let b = 0; b < (o.maxBatches ?? 20); b++) {
    const n = await db.transaction(batch);
    done += n;
    if (n === 0) break; // an item that climbed a level may be due again at once (catch-up)
  }
  return done;
}

/** A broken item is put off (and logged) instead of blocking the sweep for every item behind it. */
export const POISON_DELAY_MS = 15 * 60_000;

/**
 * One due item per transaction, claimed with FOR UPDATE SKIP LOCKED so parallel schedulers
 * split the work. An item that throws is logged and put off (`postpone`), and the sweep goes
 * on with the others instead of stopping on it every tick.
 */
export async function sweepOneByOne<T extends { id: string }>(
  db: Db,
  batch: number,
  claim: (tx: DbOrTx, skipped: string[]) => Promise<T | undefined>,
  handle: (tx: DbOrTx, item: T) => Promise<void>,
  postpone: (id: string, e: unknown) => Promise<void>,
): Promise<number> {
  let done = 0;
  const skipped: string[] = [];
  for (let i = 0; i < batch; i++) {
    let currentId: string | null = null;
    try {
      const moved = await db.transaction(async (tx) => {
        const item = await claim(tx, skipped);
        if (!item) return false;
        currentId = item.id;
        await handle(tx, item);
        return true;
      });
      if (!moved) break;
      done++;
    } catch (e) {
      if (!currentId) throw e;
      skipped.push(currentId);
      await postpone(currentId, e);
    }
  }
  return done;
}
