import type { Db } from '../../db/client';
import { runDueSteps } from '../engine/step-worker';
import { POISON_DELAY_MS } from './sweep';

/**
 * Sweep: automated steps whose time has come get their attempt through the step worker —
 * runs queued or scheduled for a retry, and runs a dead worker left 'running' whose lease has
 * expired (taken over and called again with the same idempotency key). Parallel schedulers
 * split the runs (FOR UPDATE SKIP LOCKED); a run that throws is put off and logged.
 */
export async function retryDueSteps(
  db: Db,
  now: Date,
  batch = 50,
  random = Math.random,
): Promise<number> {
  return runDueSteps(db, now, { limit: batch, random, postponeMs: POISON_DELAY_MS });
}
