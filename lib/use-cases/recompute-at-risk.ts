import type { DbOrTx } from '../../db/client';
import { forgetSuggestion } from '../data/at-risk-suggestion-cache';
import { countAtRisk } from '../data/predictions-read';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';
import { refreshGroupPredictions } from './refresh-predictions';

/**
 * How often one person may recompute one group's predictions. A recompute simulates the group's
 * whole queue: a few supervisors pressing it in a loop would otherwise keep a core busy.
 */
export const RECOMPUTE_INTERVAL_MS = 30_000;
/** People × groups remembered at most (then the record starts afresh: a bound, not a policy). */
const MAX_RECORDED = 10_000;
const RECORD_KEY = Symbol.for('handoff.at-risk-recomputes');

/** When each person last recomputed each group, per process and per database handle. */
function recomputes(db: DbOrTx): Map<string, number> {
  const g = globalThis as typeof globalThis & {
    [RECORD_KEY]?: WeakMap<object, Map<string, number>>;
  };
  g[RECORD_KEY] ??= new WeakMap();
  let m = g[RECORD_KEY].get(db);
  if (!m) g[RECORD_KEY].set(db, (m = new Map<string, number>()));
  return m;
}

/**
 * Recomputes a group's predictions now (a supervisor's "Recompute"): at most once per
 * RECOMPUTE_INTERVAL_MS per person and group (else 429 with Retry-After), counted from the start
 * of the last one that went through, so a double click runs it once.
 */
export async function recomputeAtRisk(
  db: DbOrTx,
  actor: UserActor,
  input: { groupId: string },
  now: Date,
) {
  await guard(
    db,
    actor,
    'team.at_risk',
    { type: 'group', groupId: input.groupId },
    { type: 'group', id: input.groupId },
  );
  const record = recomputes(db);
  const key = `${actor.id}/${input.groupId}`;
  const last = record.get(key);
  const wait = last === undefined ? 0 : last + RECOMPUTE_INTERVAL_MS - now.getTime();
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    const ago = Math.max(0, Math.round((now.getTime() - last!) / 1000));
    throw new DomainError(
      'rate_limited',
      `You recomputed this group's predictions ${ago} seconds ago. You can recompute again in ${seconds} seconds.`,
      undefined,
      { retryAfter: seconds },
    );
  }
  if (record.size >= MAX_RECORDED && !record.has(key)) record.clear();
  record.set(key, now.getTime());
  try {
    const r = await refreshGroupPredictions(db, input.groupId, now, { wait: true });
    forgetSuggestion(db, input.groupId);
    return { written: r?.written ?? 0, atRisk: await countAtRisk(db, input.groupId) };
  } catch (e) {
    // A recompute that failed did not run: the person may try again at once.
    if (record.get(key) === now.getTime()) record.delete(key);
    throw e;
  }
}
