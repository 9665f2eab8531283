import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireLockFile } from './lock';

export type Schema = typeof schema;
/** The database or a transaction: every query function takes this as its first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbOrTx = Db;

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human-readable location, for logs (never includes a password). */
  location: string;
  close: () => Promise<void>;
  /** Present for PostgreSQL: the raw postgres.js client (reserved connections, LISTEN). */
  sqlClient?: postgres.Sql;
  /** Present for PostgreSQL: the connection URL (migrations use a connection of their own). */
  url?: string;
  pglite?: PGlite;
};

/**
 * A postgres.js pool of at most `max` connections, opened lazily as queries need them. The web
 * server and the scheduler pass DATABASE_POOL_MAX (validated in lib/env.ts; db/ reads no
 * environment itself); scripts and tests choose their own.
 */
export function openPostgres(url: string, options: { max?: number } = {}): DbHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Timestamps arrive as Date objects through drizzle; keep numeric bigints as strings for safety.
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  const u = new URL(url);
  return {
    db,
    kind: 'postgres',
    location: `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => client.end({ timeout: 5 }),
    sqlClient: client,
    url,
  };
}

/** pg_trgm backs the inbox search index (migration 0008); PostgreSQL ships it in contrib. */
const PGLITE_EXTENSIONS = { pg_trgm };

/**
 * Opens PGlite in `dir` (created if missing), guarded by `<dir>.lock` holding our pid:
 * a second process gets DatabaseLockedError instead of silently losing writes.
 * `dir === null` opens a throw-away in-memory database (tests).
 */
export async function openPglite(dir: string | null, loadDataDir?: Blob): Promise<DbHandle> {
  let release: (() => void) | undefined;
  let client: PGlite;
  if (dir) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    release = acquireLockFile(`${dir}.lock`);
    try {
      fs.mkdirSync(dir, { recursive: true });
      client = await PGlite.create({ dataDir: dir, extensions: PGLITE_EXTENSIONS });
    } catch (e) {
      release();
      throw e;
    }
  } else {
    client = await PGlite.create({
      ...(loadDataDir ? { loadDataDir } : {}),
      extensions: PGLITE_EXTENSIONS,
    });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dir ? `pglite:${dir}` : 'pglite:memory',
    close: async () => {
      try {
        await client.close();
      } finally {
        release?.();
      }
    },
    pglite: client,
  };
}

/** Rows of a raw `db.execute(sql)`: PGlite answers `{ rows }`, postgres.js an array. */
export async function queryRows<T extends Record<string, unknown>>(
  db: DbOrTx,
  query: SQL,
): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}
