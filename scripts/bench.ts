/**
 * `npm run bench [-- --only inbox,bundle] [--quick] [--no-build]`
 * Every benchmark under scripts/bench/ one after another, each in a process of its own (so one
 * crash or leak does not colour the next figures), against the PostgreSQL of DATABASE_URL: each
 * creates and drops a scratch database there and writes bench/results/<name>.md and .json.
 * Then bench/results/summary.md: one table of every figure next to its floor and target, from
 * every bench/results/<name>.json (those not rewritten by this run are marked as earlier).
 * --quick passes BENCH_QUICK=1: small sizes, to check that the scripts run, not to quote.
 * Not part of `npm test` or CI: timings are never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild } from './build-state';
import {
  formatNumber,
  machineInfo,
  machineMarkdown,
  markdownTable,
  metCell,
  readResult,
  requireDatabaseUrl,
  RESULTS_DIR,
  type BenchResult,
} from './bench/lib';

/** The order they run in; a name without its script (not written yet) is skipped and said so. */
const KNOWN = ['inbox', 'intake', 'sweep', 'push', 'completion', 'bundle'];

/**
 * The known ones, then any other script in scripts/bench/ that writes results through lib.ts
 * (writeReport / writeResults): a benchmark added there runs without being listed here. Their
 * helper modules (lib, dataset, bundle-manifest, …) write nothing and are not run.
 */
function discover(): string[] {
  const others = fs
    .readdirSync('scripts/bench')
    .filter((f) => f.endsWith('.ts') && f !== 'lib.ts' && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .filter((n) => !KNOWN.includes(n))
    .filter((n) =>
      /\bwrite(Report|Results)\(/.test(fs.readFileSync(`scripts/bench/${n}.ts`, 'utf8')),
    )
    .sort();
  return [...KNOWN, ...others];
}
const BENCHMARKS = discover();

type Run = { name: string; status: number | 'skipped (no script)'; seconds: number };

function argList(flag: string): string[] | null {
  const i = process.argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return null;
  const value = process.argv[i]!.includes('=')
    ? process.argv[i]!.split('=')[1]!
    : process.argv[i + 1];
  if (!value) {
    console.error(`${flag} needs a list, e.g. ${flag} inbox,bundle`);
    process.exit(2);
  }
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function header(text: string) {
  const line = '═'.repeat(Math.max(60, text.length + 4));
  console.log(`\n${line}\n  ${text}\n${line}`);
}

function runBenchmark(name: string, env: NodeJS.ProcessEnv): Run {
  const script = path.join('scripts/bench', `${name}.ts`);
  if (!fs.existsSync(script)) {
    header(`${name}: no ${script} yet, skipped`);
    return { name, status: 'skipped (no script)', seconds: 0 };
  }
  header(`${name}: ${script}${env.BENCH_QUICK === '1' ? ' (quick)' : ''}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', env });
  const seconds = (performance.now() - started) / 1000;
  const status = r.status ?? (r.signal ? 128 : 1);
  console.log(
    `\n── ${name}: exit ${status}${r.signal ? ` (${r.signal})` : ''} after ${seconds.toFixed(0)} s`,
  );
  return { name, status, seconds };
}

/** Every bench/results/<name>.json of the contract's shape (summary.json is not one). */
function readAllResults(): { result: BenchResult; file: string; mtimeMs: number }[] {
  if (!fs.existsSync(RESULTS_DIR)) return [];
  return fs
    .readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const file = path.join(RESULTS_DIR, f);
      const result = readResult(file);
      return result ? [{ result, file, mtimeMs: fs.statSync(file).mtimeMs }] : [];
    })
    .sort((a, b) => order(a.result.name) - order(b.result.name));
}

function order(name: string): number {
  const i = BENCHMARKS.indexOf(name);
  return i < 0 ? BENCHMARKS.length : i;
}

async function writeSummary(runs: Run[], startedMs: number, quick: boolean) {
  const results = readAllResults();
  const rows = results.flatMap(({ result, mtimeMs }) =>
    result.rows.map((r) => [
      `${result.name}${mtimeMs < startedMs ? ` (earlier run, ${new Date(mtimeMs).toISOString().slice(0, 16)}Z)` : ''}: ${r.what}`,
      `${formatNumber(r.value)} ${r.unit}`,
      r.floor === null ? '—' : `${formatNumber(r.floor)} ${r.unit}`,
      r.target,
      metCell(r.met),
    ]),
  );
  const all = results.flatMap(({ result }) => result.rows);
  const missed = all.filter((r) => r.met === false).length;
  const met = all.filter((r) => r.met === true).length;
  const machine = await machineInfo();
  const md = [
    '# Benchmark summary',
    '',
    machineMarkdown(machine),
    quick
      ? '\n**Quick run (BENCH_QUICK=1): small data sets, to check that the scripts run. Do not quote these figures.**'
      : '',
    '',
    `Every figure of bench/results/<name>.json: ${met} targets met, ${missed} missed, ${all.length - met - missed} without a target. The details, data sizes and query plans are in bench/results/<name>.md. "Floor": the same work in raw SQL (or the least any page loads), measured in the same run.`,
    '',
    markdownTable(['what', 'Handoff', 'floor', 'target', 'met'], rows, ['l', 'r', 'r', 'l', 'l']),
    '',
    '## This run',
    '',
    runs.length
      ? markdownTable(
          ['benchmark', 'exit status', 'seconds'],
          runs.map((r) => [r.name, String(r.status), r.seconds ? r.seconds.toFixed(0) : '—']),
          ['l', 'l', 'r'],
        )
      : 'No benchmark ran.',
    '',
  ].join('\n');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'summary.md'), md);
  console.log(
    `\nwrote bench/results/summary.md (${all.length} figures from ${results.length} files)`,
  );
}

async function main() {
  requireDatabaseUrl('bench');
  const only = argList('--only');
  const unknown = only?.filter((n) => !BENCHMARKS.includes(n)) ?? [];
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.join(', ')}.`);
    process.exit(2);
  }
  const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    ...(quick ? { BENCH_QUICK: '1' } : {}),
  };
  const startedMs = Date.now();
  if (process.argv.includes('--no-build')) console.warn('--no-build: using .next as it is.');
  else {
    header('production build (next build when .next is missing or older than the sources)');
    ensureBuild();
  }
  const runs = (only ?? BENCHMARKS).map((name) => runBenchmark(name, env));
  await writeSummary(runs, startedMs, quick);
  const failed = runs.filter((r) => typeof r.status === 'number' && r.status !== 0);
  if (failed.length) {
    console.error(`Failed: ${failed.map((r) => `${r.name} (exit ${r.status})`).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
