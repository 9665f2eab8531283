/**
 * Shared helpers of the benchmarks under scripts/bench/ (run one by one by `npm run bench`).
 * The contract each benchmark follows: it needs DATABASE_URL (PostgreSQL), creates and drops its
 * own scratch database `handoff_bench_<name>_<pid>`, and writes bench/results/<name>.md (human)
 * plus bench/results/<name>.json ({ name, rows: BenchRow[] }), which scripts/bench.ts gathers
 * into bench/results/summary.md.
 */
export * from './lib-contract';
export * from './lib-report';
export * from './lib-scratch-db';
export * from './lib-server';
export * from './lib-timing';
