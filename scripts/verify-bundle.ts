/**
 * `npx tsx scripts/verify-bundle.ts evidence-CLM-2026-000123.json`: checks a case's evidence
 * bundle (GET /api/v1/cases/:id/evidence) without a database or a key, and prints whether it is
 * intact or where it first breaks. Exit code 0 intact, 1 broken, 2 unreadable or not a bundle.
 *
 * What it checks: every event's content hashes to its hash, each links to the one before from
 * the first (seq 1, 1, 2, … in order), the shown fields are the hashed ones, the checkpoints and
 * the chain head name events of the bundle (else the newest were cut off), checkpoints carried
 * whole hash to their signed digest, and a digest over the whole file. What it cannot check: the
 * checkpoints' HMAC signatures, which need the operator's key (`npm run audit:verify` on the
 * server checks those).
 */
import fs from 'node:fs';
import { describeVerdict, verifyBundle } from '../lib/evidence/bundle-format';

function main(): number {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error('usage: npx tsx scripts/verify-bundle.ts <bundle.json>');
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`Cannot read ${file} as JSON: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const v = verifyBundle(input);
  console.log(`${file}: ${describeVerdict(v)}`);
  if (!v.readable) return 2;
  if (v.intact) {
    console.log(
      v.checkpointsWithoutHeads
        ? `  ${v.checkpointsWithoutHeads} checkpoint(s) carry only this case's head: their heads digest is checked by the server.`
        : '  Every checkpoint carried whole: heads digests recomputed.',
    );
    console.log('  Signatures: not checked offline (they need the operator’s key).');
    return 0;
  }
  for (const p of v.problems.slice(0, 20))
    console.log(
      `  - ${p.problem}${p.seq !== undefined ? ` at event ${p.seq}` : ''}${p.eventId !== undefined ? ` (audit event id ${p.eventId})` : ''}${p.checkpointId !== undefined ? ` (checkpoint ${p.checkpointId})` : ''}${p.detail ? `: ${p.detail}` : ''}`,
    );
  if (v.problems.length > 20) console.log(`  … and ${v.problems.length - 20} more`);
  return 1;
}

process.exitCode = main();
