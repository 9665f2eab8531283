import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { auditCheckpointHeads, auditCheckpoints } from '../../db/schema';
import type { CheckpointHead } from '../audit-signing';

/** Any constant: one checkpoint writer at a time, so each links to the one before it. */
const CHECKPOINT_LOCK_KEY = 72_114_018;

/**
 * Takes the checkpoint writers' lock (to commit) and claims up to `limit` chain heads that moved
 * since their last checkpoint, in chain order. Heads a writer holds right now are skipped: the
 * next checkpoint takes them.
 */
export async function claimMovedHeads(tx: DbOrTx, limit: number): Promise<CheckpointHead[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK_KEY})`);
  const rows = await queryRows<{ chain: string; seq: number | string; hash: string }>(
    tx,
    sql`select chain, seq, hash from audit_chain_heads
         where seq > checkpointed_seq
         order by chain
         limit ${limit}
         for update skip locked`,
  );
  return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
}

export async function lastCheckpoint(tx: DbOrTx) {
  const [c] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  return c ?? null;
}

export async function nextCheckpointId(tx: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ id: number | string }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('audit_checkpoints', 'id')) as id`,
  );
  return Number(row!.id);
}

/** Writes a signed checkpoint with its heads and marks those heads as covered. */
export async function insertCheckpoint(
  tx: DbOrTx,
  c: typeof auditCheckpoints.$inferInsert & { id: number },
  heads: readonly CheckpointHead[],
) {
  await tx.insert(auditCheckpoints).values(c);
  await tx
    .insert(auditCheckpointHeads)
    .values(heads.map((h) => ({ checkpointId: c.id, chain: h.chain, seq: h.seq, hash: h.hash })));
  await tx.execute(sql`
    update audit_chain_heads h set checkpointed_seq = x.seq
      from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) as x(chain text, seq bigint)
     where h.chain = x.chain`);
}

/** Every checkpoint, oldest first. */
export function listCheckpoints(db: DbOrTx) {
  return db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.id));
}

/** The checkpoints that cover one chain, oldest first. */
export async function checkpointsOfChain(db: DbOrTx, chain: string) {
  const ids = db
    .select({ id: auditCheckpointHeads.checkpointId })
    .from(auditCheckpointHeads)
    .where(eq(auditCheckpointHeads.chain, chain));
  return db
    .select()
    .from(auditCheckpoints)
    .where(inArray(auditCheckpoints.id, ids))
    .orderBy(asc(auditCheckpoints.id));
}

/** The heads the given checkpoints cover, by checkpoint id. */
export async function headsOfCheckpoints(
  db: DbOrTx,
  ids: readonly number[],
): Promise<Map<number, CheckpointHead[]>> {
  const byId = new Map<number, CheckpointHead[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byId;
  const rows = await db
    .select()
    .from(auditCheckpointHeads)
    .where(inArray(auditCheckpointHeads.checkpointId, [...ids]));
  for (const r of rows)
    byId.get(r.checkpointId)?.push({ chain: r.chain, seq: r.seq, hash: r.hash });
  return byId;
}

/** The signature of the checkpoint just before `id`, or null when there is none. */
export async function signatureBefore(db: DbOrTx, id: number): Promise<string | null> {
  const [row] = await queryRows<{ signature: string }>(
    db,
    sql`select signature from audit_checkpoints where id < ${id} order by id desc limit 1`,
  );
  return row?.signature ?? null;
}
