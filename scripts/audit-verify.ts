/**
 * `npm run audit:verify [-- --case <id or reference>]`: recomputes the audit trail's hash chains
 * on the configured database (all of them, or one case's) and prints whether every link holds;
 * otherwise the first broken link of each broken chain. Exit code 0 when verified, 1 when broken,
 * 2 on a usage error. With the embedded database, stop `npm start` first (PGlite is
 * single-process).
 */
import { migrateDatabase, openConfiguredDatabase } from '../lib/data/database';
import {
  findCaseByIdOrReference,
  verifyTrail,
  type TrailVerdict,
} from '../lib/use-cases/verify-audit-trail';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function print(v: TrailVerdict, scope: string) {
  const cp = v.checkpoints;
  const signed = cp.keyConfigured
    ? `${cp.count} signed checkpoints checked`
    : `${cp.count} checkpoints (signatures not checked: no signing key configured here)`;
  if (v.verified) {
    console.log(
      `Verified ✓ ${scope}: ${v.events} events in ${v.chains} chains, every link holds; ${signed}.`,
    );
    return;
  }
  console.log(`Broken ✗ ${scope}: ${v.events} events in ${v.chains} chains; ${signed}.`);
  const seen = new Set<string>();
  for (const p of v.problems) {
    if (seen.has(p.chain)) continue;
    seen.add(p.chain);
    console.log(
      `  ${p.chain}: broken at event ${p.seq}${p.eventId === null ? '' : ` (audit event id ${p.eventId})`}: ${p.problem}`,
    );
  }
  for (const p of cp.problems) console.log(`  checkpoint ${p.checkpointId}: ${p.problem}`);
}

async function main() {
  const caseArg = arg('--case');
  if (process.argv.includes('--case') && !caseArg) {
    console.error('--case needs a case id or reference, e.g. --case CLM-2026-000001');
    process.exit(2);
  }
  const handle = await openConfiguredDatabase();
  try {
    await migrateDatabase(handle);
    const now = new Date();
    const c = caseArg ? await findCaseByIdOrReference(handle.db, caseArg) : null;
    if (caseArg && !c) {
      console.error(`No case ${caseArg}.`);
      process.exitCode = 2;
      return;
    }
    const verdict = await verifyTrail(handle.db, c ? { caseId: c.id } : 'all', now);
    print(verdict, c ? `case ${c.reference}` : 'the whole audit trail');
    if (!verdict.verified) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
