import type { Db } from '../../db/client';
import {
  configuredSigningKeys,
  headsDigest,
  NO_SIGNATURE,
  signCheckpoint,
  type SigningKeys,
} from '../audit-signing';
import {
  claimMovedHeads,
  insertCheckpoint,
  lastCheckpoint,
  nextCheckpointId,
} from '../data/audit-checkpoints';

/**
 * Heads per checkpoint: a busier minute is covered by the next ticks. 4 bound parameters a head
 * in the insert, and postgres.js binds at most 65,534 in one statement.
 */
const MAX_HEADS = 10_000;

/**
 * Writes one signed checkpoint of the audit chain heads that moved since the last one (the
 * scheduler's audit-checkpoints job, every tick). Returns the number of heads it covers: 0 when
 * nothing moved or no signing key is configured. Safe in several schedulers at once (one writer
 * at a time, on an advisory lock; the others find nothing left to cover).
 */
export async function writeAuditCheckpoint(
  db: Db,
  now: Date,
  keys: SigningKeys = configuredSigningKeys(),
): Promise<number> {
  const key = keys.current;
  if (!key) return 0;
  return db.transaction(async (tx) => {
    const heads = await claimMovedHeads(tx, MAX_HEADS);
    if (!heads.length) return 0;
    const fields = {
      id: await nextCheckpointId(tx),
      createdAt: now,
      keyId: key.id,
      prevSignature: (await lastCheckpoint(tx))?.signature ?? NO_SIGNATURE,
      headsDigest: headsDigest(heads),
      headCount: heads.length,
    };
    await insertCheckpoint(tx, { ...fields, signature: signCheckpoint(key, fields) }, heads);
    return heads.length;
  });
}
