import path from 'node:path';
import { openPglite, openPostgres, type Db, type DbHandle } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { isSeeded, seedDemo } from '../../scripts/seed/seed-demo';
import { dataDir, getEnv } from '../env';
import { log } from '../log';

/**
 * The process-wide database: PGlite in HANDOFF_DATA_DIR when DATABASE_URL is unset, else
 * PostgreSQL. Opened once per process (kept on globalThis so dev reloads reuse it), migrated
 * on open, and — for an empty database when HANDOFF_SEED_ON_START allows — seeded.
 */
const GLOBAL_KEY = Symbol.for('handoff.database');
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DbHandle> };

export function embeddedDataPath(): string {
  return path.join(dataDir(), 'pglite');
}

export async function openConfiguredDatabase(): Promise<DbHandle> {
  const env = getEnv();
  return env.DATABASE_URL
    ? openPostgres(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX })
    : openPglite(embeddedDataPath());
}

/**
 * Migrates the configured database: as the owner through MIGRATION_DATABASE_URL when it is set
 * (then granting DATABASE_URL's role what it needs), else through the handle's own connection.
 */
export function migrateDatabase(handle: DbHandle): Promise<void> {
  return runMigrations(handle, getEnv().MIGRATION_DATABASE_URL);
}

/** Migrates, then seeds an empty database when configured to. */
export async function prepareDatabase(handle: DbHandle): Promise<void> {
  await migrateDatabase(handle);
  const mode = getEnv().HANDOFF_SEED_ON_START;
  const shouldSeed = mode === 'always' || (mode === 'auto' && handle.kind === 'pglite');
  if (shouldSeed && !(await isSeeded(handle.db))) {
    const result = await seedDemo(handle.db);
    if (result.seeded) log.info('demo data seeded', { cases: result.cases, tasks: result.tasks });
  }
}

export function getDatabase(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    g[GLOBAL_KEY] = (async () => {
      const handle = await openConfiguredDatabase();
      try {
        await prepareDatabase(handle);
      } catch (e) {
        await handle.close().catch(() => {});
        throw e;
      }
      log.info('database ready', { location: handle.location });
      return handle;
    })();
    // A failed open must not stick: the next caller retries.
    g[GLOBAL_KEY].catch(() => {
      delete g[GLOBAL_KEY];
    });
  }
  return g[GLOBAL_KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const pending = g[GLOBAL_KEY];
  delete g[GLOBAL_KEY];
  if (pending) await (await pending.catch(() => null))?.close();
}

/** Tests drive route handlers against a database of their own. */
export function useDatabaseForTests(handle: DbHandle): void {
  (globalThis as GlobalWithDb)[GLOBAL_KEY] = Promise.resolve(handle);
}
