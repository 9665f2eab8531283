import { createHash } from 'node:crypto';
import type { BundleBody } from './bundle-schema';

/** The hash a chain's first event links to (GENESIS_HASH of lib/data/audit-chain.ts). */
export const GENESIS_HASH = '0'.repeat(64);

export const DIGEST_COVERS =
  'sha256 of the canonical JSON (object keys sorted, no spaces) of the whole bundle without digest.value';

/**
 * JSON with object keys sorted (code-unit order) and undefined members left out: equal values
 * give equal text. Unlike lib/validation's canonicalJson it has no depth limit (a bundle nests the
 * case data three levels down, and the case data may already use the request limit); a hostile
 * file deep enough to exhaust the stack throws RangeError, which the verifier reports as unreadable.
 */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x ?? null)).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The digest of a bundle: over everything but the digest's own value (its algorithm and the
 * sentence saying what it covers are covered too, so no byte of the file is outside it).
 */
export function bundleDigest(bundle: BundleBody | Record<string, unknown>): string {
  const b = bundle as Record<string, unknown>;
  const digest =
    b.digest && typeof b.digest === 'object' ? { ...b.digest, value: undefined } : b.digest;
  return sha256Hex(canonicalJson({ ...b, digest }));
}

/** An audit event's hash, as the database computes it (handoff_audit_hash of migration 0017). */
export const eventHash = (prevHash: string, content: string) =>
  sha256Hex(`${prevHash}\n${content}`);

/**
 * The digest a checkpoint signs over its heads: hex(sha256) of the lines "chain seq hash\n" in
 * chain order (code-unit order). lib/audit-signing.ts signs with this very function
 * (as headsDigest).
 */
export function checkpointHeadsDigest(
  heads: readonly { chain: string; seq: number; hash: string }[],
): string {
  const sorted = [...heads].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  const h = createHash('sha256');
  for (const x of sorted) h.update(`${x.chain} ${x.seq} ${x.hash}\n`);
  return h.digest('hex');
}
