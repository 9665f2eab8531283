/** The result contract of the benchmarks (see lib.ts), and the quick switch. */
import path from 'node:path';

/** One figure of a benchmark, next to its floor (raw SQL, same work, same run) and target. */
export type BenchRow = {
  what: string;
  value: number;
  unit: string;
  floor: number | null;
  target: string;
  /** null: no target for this figure (context only). */
  met: boolean | null;
  note?: string;
};

export type BenchResult = { name: string; rows: BenchRow[] };

export const RESULTS_DIR = path.resolve(process.cwd(), 'bench/results');

/** `npm run bench --quick` sets BENCH_QUICK=1: small sizes, for checking that a script runs. */
export const QUICK = process.env.BENCH_QUICK === '1';

/** `full` normally, `small` under BENCH_QUICK=1. */
export function quick<T>(full: T, small: T): T {
  return QUICK ? small : full;
}
