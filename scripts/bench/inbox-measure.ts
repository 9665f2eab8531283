/**
 * Measuring helpers of the inbox benchmark (scripts/bench/inbox.ts): concurrent load with the
 * database CPU time per request, and the statements a request runs with their plans.
 */
import fs from 'node:fs';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Db } from '../../db/client';
import * as schema from '../../db/schema';
import { formatNumber, runConcurrent, type BenchRow, type LoadResult } from './lib';

/** Concurrent people. */
export const WORKERS = 8;
/** The targets of issue 15: p95 at 8 people, and database time per request against the floor's. */
export const P95_TARGET_MS = 25;
export const DB_TIME_FACTOR = 2;

export type Measured = LoadResult & { dbMs: number | null };

/** `r` next to its floor: the row of the comparison table, and the result rows (p95, database time). */
export function compare(what: string, r: Measured, floor: Measured) {
  const ratio = r.dbMs !== null && floor.dbMs ? r.dbMs / floor.dbMs : null;
  const met = r.p95 <= P95_TARGET_MS && (ratio === null || ratio <= DB_TIME_FACTOR);
  const table: (string | number | null)[] = [
    what,
    r.p50,
    r.p95,
    r.throughput,
    r.dbMs,
    floor.p50,
    floor.p95,
    floor.throughput,
    floor.dbMs,
    ratio === null ? null : `${ratio.toFixed(2)}×`,
    met ? 'yes' : '**no**',
  ];
  const rows: BenchRow[] = [
    {
      what: `${what}, ${WORKERS} people: p95`,
      value: r.p95,
      unit: 'ms',
      floor: floor.p95,
      target: `≤ ${P95_TARGET_MS} ms`,
      met: r.p95 <= P95_TARGET_MS,
      note: `p50 ${formatNumber(r.p50)} ms, ${formatNumber(r.throughput)}/s (floor ${formatNumber(floor.throughput)}/s)`,
    },
    {
      what: `${what}: database time per request`,
      value: r.dbMs ?? Number.NaN,
      unit: 'ms',
      floor: floor.dbMs,
      target: `≤ ${DB_TIME_FACTOR}× floor`,
      met: ratio === null ? null : ratio <= DB_TIME_FACTOR,
      note: ratio === null ? 'backend CPU not readable' : `${ratio.toFixed(2)}× the floor`,
    },
  ];
  return { table, rows };
}

/** CPU nanoseconds the backends of `database` have used so far, by pid (null: not readable here). */
export async function backendCpu(
  admin: postgres.Sql,
  database: string,
): Promise<Map<number, number> | null> {
  const rows = await admin<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = ${database} and backend_type = 'client backend'`;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      out.set(pid, Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      return null;
    }
  }
  return out;
}

/** `fn` at WORKERS concurrent workers for `seconds`, with the database CPU time per operation (ms). */
export async function load(
  admin: postgres.Sql,
  database: string,
  fn: (worker: number, i: number) => Promise<unknown>,
  seconds: number,
): Promise<Measured> {
  await runConcurrent(fn, { workers: WORKERS, iterations: WORKERS * 5 }); // warm the pool and plans
  const before = await backendCpu(admin, database);
  const r = await runConcurrent(fn, { workers: WORKERS, seconds });
  const after = await backendCpu(admin, database);
  let dbMs: number | null = null;
  if (before && after) {
    let ns = 0;
    for (const [pid, v] of after) ns += v - (before.get(pid) ?? 0);
    dbMs = ns / 1e6 / Math.max(1, r.ok);
  }
  if (r.errors) console.error(`  ${r.errors} errors, e.g. ${r.errorSamples.join(' | ')}`);
  return { ...r, dbMs };
}

/** A drizzle handle on the same pool that records every statement it runs (for the plans). */
export function recordingDb(client: postgres.Sql) {
  const statements: { query: string; params: unknown[] }[] = [];
  const db = drizzle({
    client,
    schema,
    logger: { logQuery: (query, params) => statements.push({ query, params }) },
  }) as unknown as Db;
  return { db, statements };
}

/** EXPLAIN (ANALYZE, BUFFERS) of each recorded statement, with its parameters. */
export async function explainStatements(
  client: postgres.Sql,
  statements: { query: string; params: unknown[] }[],
): Promise<string[]> {
  const plans: string[] = [];
  for (const s of statements) {
    const rows = await client.unsafe(
      `explain (analyze, buffers) ${s.query}`,
      s.params as postgres.ParameterOrJSON<never>[],
    );
    plans.push(rows.map((r) => String(Object.values(r)[0])).join('\n'));
  }
  return plans;
}
