import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { actorFields, type AuditInput } from '../data/audit';
import { writeOutbox } from '../webhooks/outbox';

/** The scheduler acts as this system actor in audit events. */
export const SCHEDULER = { kind: 'system', name: 'scheduler' } as const;

/**
 * Rows claimed per transaction by the escalation and reminder sweeps: large enough that the
 * handful of statements per batch is cheap per row, small enough that the locks last a fraction
 * of a second (a person claiming one of these tasks meanwhile waits that long at most).
 */
export const DEFAULT_SWEEP_BATCH = 500;

export type SweepOptions = {
  /** Rows claimed per transaction: locks are held only for one batch. */
  batchSize?: number;
  /** Upper bound of batches per call, so one tick always ends. */
  maxBatches?: number;
  /** Test hook: runs after each task is decided inside its transaction (e.g. to slow a sweep down). */
  afterItem?: () => Promise<void>;
};

/**
 * A lookup made once per sweep call and reused by its batches (policies, groups): a change made
 * meanwhile applies from the next tick. A failed lookup is not kept, so the next batch retries it.
 */
export function perSweep<T>(load: (tx: DbOrTx, key: string) => Promise<T>) {
  const cache = new Map<string, Promise<T>>();
  return (tx: DbOrTx, key: string): Promise<T> => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load(tx, key);
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
}

/**
 * A batch's audit events, by the scheduler, in one multi-row insert: the same rows recordAudit
 * writes for each (actor fields, defaults for before/after/metadata, ids in the batch's order).
 * The rows travel as one JSON parameter: binding 13 parameters a row cost more than the insert.
 */
export async function appendSweepAudit(tx: DbOrTx, events: AuditInput[]): Promise<void> {
  if (!events.length) return;
  const who = actorFields(SCHEDULER);
  const rows = events.map((e, n) => ({
    n,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId ?? null,
    case_id: e.caseId ?? null,
    task_id: e.taskId ?? null,
    summary: e.summary,
    before: e.before ?? null,
    after: e.after ?? null,
    metadata: e.metadata ?? {},
    occurred_at: e.occurredAt ?? null,
  }));
  await tx.execute(sql`
    insert into audit_events (actor_type, actor_id, actor_label, action, entity_type, entity_id, case_id, task_id, summary, before, after, metadata, occurred_at)
    select ${who.actorType}::actor_type, ${who.actorId}, ${who.actorLabel}, action, entity_type, entity_id, case_id, task_id, summary, before, after, metadata, coalesce(occurred_at, now())
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(n int, action text, entity_type text, entity_id text, case_id uuid, task_id uuid, summary text, before jsonb, after jsonb, metadata jsonb, occurred_at timestamptz)
    order by n`);
  // Outbound events (webhooks) of these events, in the same transaction; no statement unless a
  // cached subscription wants one of them.
  await writeOutbox(
    tx,
    events.map((event) => ({ event })),
  );
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
