/** Scratch databases of the benchmarks (see lib.ts): `handoff_bench_<name>_<pid>`, migrated and seeded. */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, type Db, type DbHandle, type DbOrTx } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { seedDemo } from '../seed/seed-demo';

/** DATABASE_URL, or exit 2 with a message saying what the benchmark needs it for. */
export function requireDatabaseUrl(benchName: string): string {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return url;
  console.error(
    `${benchName === 'bench' ? 'npm run bench' : `The ${benchName} benchmark`} needs DATABASE_URL pointing at a PostgreSQL server, e.g.\n` +
      `  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n` +
      `It creates (and drops) its scratch databases, handoff_bench_<name>_<pid>, on that server; ` +
      `the embedded PGlite database cannot serve concurrent clients, so figures from it would mean little.`,
  );
  process.exit(2);
}

/** The same server and credentials as `baseUrl`, another database. */
export function databaseUrlFor(baseUrl: string, database: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export type ScratchDb = {
  /** `handoff_bench_<name>_<pid>` */
  name: string;
  url: string;
  handle: DbHandle;
  db: Db;
  /** Closes the pool and drops the database (kept, and its name printed, when BENCH_KEEP=1). */
  drop: () => Promise<void>;
};

export type ScratchOptions = {
  /** Apply db/migrations (default true). */
  migrate?: boolean;
  /** Seed the demo (default true when migrating); `now` places the demo deadlines. */
  seed?: boolean | { now?: Date };
  /** Pool size of the handle (default 10, as the app). */
  max?: number;
  /** Server to create it on (default DATABASE_URL, required). */
  baseUrl?: string;
};

/** Creates `handoff_bench_<name>_<pid>` (dropping a leftover of the same name), migrated and seeded. */
export async function createScratchDb(
  benchName: string,
  options: ScratchOptions = {},
): Promise<ScratchDb> {
  const baseUrl = options.baseUrl ?? requireDatabaseUrl(benchName);
  const name = `handoff_bench_${benchName.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = databaseUrlFor(baseUrl, name);
  const handle = openPostgres(url, { max: options.max ?? 10 });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await handle.close().catch(() => {});
    if (process.env.BENCH_KEEP === '1') {
      console.log(`kept scratch database ${name} (BENCH_KEEP=1)`);
      return;
    }
    await dropDatabase(baseUrl, name);
  };
  try {
    if (options.migrate ?? true) await runMigrations(handle);
    const seed = options.seed ?? options.migrate ?? true;
    if (seed) await seedDemo(handle.db, { now: typeof seed === 'object' ? seed.now : undefined });
  } catch (e) {
    await drop();
    throw e;
  }
  return { name, url, handle, db: handle.db, drop };
}

/** Drops `database` on the server of `baseUrl`, closing its connections first. */
export async function dropDatabase(baseUrl: string, database: string): Promise<void> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** createScratchDb, run `fn`, always drop (also on failure or Ctrl+C). */
export async function withScratchDb<T>(
  benchName: string,
  options: ScratchOptions,
  fn: (scratch: ScratchDb) => Promise<T>,
): Promise<T> {
  const scratch = await createScratchDb(benchName, options);
  const onSignal = () => void scratch.drop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(scratch);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await scratch.drop();
  }
}

/** `vacuum analyze` of the whole database: what autovacuum would have done on a live server. */
export async function vacuumAnalyze(db: DbOrTx): Promise<void> {
  await db.execute(sql`vacuum analyze`);
}
