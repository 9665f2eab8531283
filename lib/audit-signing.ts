import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { getEnv } from './env';
import { checkpointHeadsDigest } from './evidence/bundle-digest';

/**
 * Signing of audit checkpoints (migration 0018): the operator's HMAC keys, the digest of the heads
 * a checkpoint covers, and the signed text. No database: the offline verifier uses it too.
 */

export type SigningKey = { id: string; secret: string };
export type SigningKeys = { current: SigningKey | null; byId: Map<string, SigningKey> };

/** The signature a first checkpoint links to. */
export const NO_SIGNATURE = '0'.repeat(64);

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MIN_SECRET = 32;

/**
 * Parses "id secret" lines (a key file: blank lines and # comments skipped) or "id:secret" items
 * separated by commas (HANDOFF_AUDIT_KEYS). The last key is the current one, which signs; the
 * earlier ones only verify the checkpoints they signed. Throws naming the bad entry.
 */
export function parseSigningKeys(text: string, format: 'file' | 'list'): SigningKeys {
  const entries =
    format === 'file'
      ? text
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#'))
          .map((l) => l.split(/\s+/))
      : text
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) =>
            l.includes(':') ? [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)] : [l],
          );
  const byId = new Map<string, SigningKey>();
  let current: SigningKey | null = null;
  entries.forEach((parts, i) => {
    const [id, secret] = parts;
    if (parts.length !== 2 || !id || !secret || !KEY_ID.test(id))
      throw new Error(
        `audit signing key ${i + 1}: expected ${format === 'file' ? '"id secret"' : '"id:secret"'} with an id of letters, digits, . _ -`,
      );
    if (secret.length < MIN_SECRET)
      throw new Error(
        `audit signing key "${id}": the secret must be at least ${MIN_SECRET} characters`,
      );
    if (byId.has(id)) throw new Error(`audit signing key "${id}" is listed twice`);
    current = { id, secret };
    byId.set(id, current);
  });
  return { current, byId };
}

/** The keys configured: HANDOFF_AUDIT_KEY_FILE, else HANDOFF_AUDIT_KEYS, else none. */
export function configuredSigningKeys(): SigningKeys {
  const env = getEnv();
  if (env.HANDOFF_AUDIT_KEY_FILE)
    return parseSigningKeys(fs.readFileSync(env.HANDOFF_AUDIT_KEY_FILE, 'utf8'), 'file');
  if (env.HANDOFF_AUDIT_KEYS) return parseSigningKeys(env.HANDOFF_AUDIT_KEYS, 'list');
  return { current: null, byId: new Map() };
}

export type CheckpointHead = { chain: string; seq: number; hash: string };

/**
 * hex(sha256) over the heads as lines "chain seq hash\n", in chain order (code-unit order): the
 * same function the offline bundle verifier uses.
 */
export const headsDigest: (heads: readonly CheckpointHead[]) => string = checkpointHeadsDigest;

export type CheckpointFields = {
  id: number;
  createdAt: Date;
  keyId: string;
  prevSignature: string;
  headsDigest: string;
  headCount: number;
};

/** The text a checkpoint's signature covers. */
export function checkpointText(c: CheckpointFields): string {
  return [
    'handoff-audit-checkpoint/v1',
    c.id,
    c.createdAt.toISOString(),
    c.keyId,
    c.prevSignature,
    c.headsDigest,
    c.headCount,
  ].join('\n');
}

export function signCheckpoint(key: SigningKey, c: CheckpointFields): string {
  return createHmac('sha256', key.secret).update(checkpointText(c)).digest('hex');
}

export type CheckpointProblem = {
  checkpointId: number;
  problem:
    | 'unknown key' // signed with a key id that is not configured here
    | 'signature invalid' // the fields or the key differ from what was signed
    | 'heads changed' // the covered heads do not hash to the signed digest
    | 'chain of checkpoints broken'; // prev_signature is not the signature before it (one removed)
};

/**
 * Checks signed checkpoints, oldest first: each one's signature with its key, its heads against
 * its digest (when `heads` has them), and its link to the one before (`before`: the signature of
 * the checkpoint just before the first given, or NO_SIGNATURE when the first is the very first).
 */
export function verifyCheckpoints(
  checkpoints: readonly (CheckpointFields & { signature: string })[],
  heads: ReadonlyMap<number, readonly CheckpointHead[]> | null,
  keys: SigningKeys,
  before: string | null = NO_SIGNATURE,
): CheckpointProblem[] {
  const problems: CheckpointProblem[] = [];
  let prev = before;
  for (const c of checkpoints) {
    const key = keys.byId.get(c.keyId);
    if (prev !== null && c.prevSignature !== prev)
      problems.push({ checkpointId: c.id, problem: 'chain of checkpoints broken' });
    if (!key) problems.push({ checkpointId: c.id, problem: 'unknown key' });
    else if (!sameHex(signCheckpoint(key, c), c.signature))
      problems.push({ checkpointId: c.id, problem: 'signature invalid' });
    const covered = heads?.get(c.id);
    if (covered && (covered.length !== c.headCount || headsDigest(covered) !== c.headsDigest))
      problems.push({ checkpointId: c.id, problem: 'heads changed' });
    prev = c.signature;
  }
  return problems;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
