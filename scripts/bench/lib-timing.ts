/** Timing of the benchmarks (see lib.ts): percentiles, sequential runs, a concurrency runner. All in ms. */

export type Summary = {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
};

/** Nearest-rank percentile (p in 0..1) of `samples` (need not be sorted); NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const xs = [...samples].sort((a, b) => a - b);
  const rank = Math.min(xs.length, Math.max(1, Math.ceil(p * xs.length)));
  return xs[rank - 1]!;
}

/** n, min, p50, p95, p99, mean, max of `samples`. */
export function summarize(samples: readonly number[]): Summary {
  const xs = [...samples].sort((a, b) => a - b);
  const at = (p: number) => percentile(xs, p);
  return {
    n: xs.length,
    min: xs[0] ?? Number.NaN,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : Number.NaN,
    max: xs.at(-1) ?? Number.NaN,
  };
}

/** Milliseconds `fn` takes, one call. */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** `runs` sequential calls of `fn` after `warmup` untimed ones (defaults 40 and 5); ms summary. */
export async function timeRuns(
  fn: () => Promise<unknown>,
  options: { runs?: number; warmup?: number } = {},
): Promise<Summary> {
  for (let i = 0; i < (options.warmup ?? 5); i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < (options.runs ?? 40); i++) xs.push(await timeOnce(fn));
  return summarize(xs);
}

export type LoadResult = Summary & {
  /** Successful operations (the latency summary is over these). */
  ok: number;
  errors: number;
  /** The first few distinct error messages, to print. */
  errorSamples: string[];
  seconds: number;
  /** Successful operations per second of wall time. */
  throughput: number;
};

export type LoadOptions = {
  workers: number;
  /** Run for this long (after the warm-up)… */
  seconds?: number;
  /** …or until this many operations have run in total. One of the two is required. */
  iterations?: number;
  /** Untimed operations per worker before the clock starts (default 0). */
  warmup?: number;
};

/**
 * `workers` concurrent loops calling `fn(worker, i)` (i counts the worker's own operations) for
 * `seconds` or `iterations` in total. A throw counts as an error, not a sample. Latencies in ms.
 */
export async function runConcurrent(
  fn: (worker: number, i: number) => Promise<unknown>,
  options: LoadOptions,
): Promise<LoadResult> {
  const { workers, seconds, iterations, warmup = 0 } = options;
  if (seconds === undefined && iterations === undefined)
    throw new Error('runConcurrent needs seconds or iterations');
  const counters = Array.from({ length: workers }, () => 0);
  if (warmup > 0)
    await Promise.all(
      counters.map(async (_, w) => {
        for (let i = 0; i < warmup; i++) await fn(w, counters[w]!++).catch(() => {});
      }),
    );
  const samples: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let started = 0;
  const begin = performance.now();
  const deadline = seconds === undefined ? Infinity : begin + seconds * 1000;
  await Promise.all(
    counters.map(async (_, w) => {
      while (performance.now() < deadline && (iterations === undefined || started < iterations)) {
        started++;
        const s = performance.now();
        try {
          await fn(w, counters[w]!++);
          samples.push(performance.now() - s);
        } catch (e) {
          errors++;
          if (errorSamples.size < 5) errorSamples.add(e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  const elapsed = (performance.now() - begin) / 1000;
  return {
    ...summarize(samples),
    ok: samples.length,
    errors,
    errorSamples: [...errorSamples],
    seconds: elapsed,
    throughput: samples.length / elapsed,
  };
}
