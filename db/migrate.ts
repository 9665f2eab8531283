import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { queryRows, type DbHandle, type DbOrTx } from './client';
import { grantRuntimeRole } from './runtime-grants';

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations');

/** Any constant: serialises concurrent migrators (web + several scheduler copies) on one server. */
const MIGRATION_LOCK_KEY = 72_114_001;

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export function readJournal(): Journal {
  return JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as Journal;
}

/**
 * Applies pending migrations. Safe to call from many processes at once on PostgreSQL.
 *
 * `ownerUrl` (MIGRATION_DATABASE_URL): migrate as the tables' owner through this URL instead of
 * the handle's. When the handle connects as another role (the least-privileged runtime role),
 * that role is then granted what it needs (db/runtime-grants.ts). Ignored on PGlite.
 */
export async function runMigrations(handle: DbHandle, ownerUrl?: string): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase<Record<string, never>>, {
      migrationsFolder,
    });
    return;
  }
  // Nothing to apply: done without touching the migration journal's schema, so a server that
  // connects only as the least-privileged role (which may not create it) starts.
  if (!ownerUrl && (await getMigrationStatus(handle.db)).current) return;
  // One connection, so the advisory lock and the migration share a session.
  const client = postgres(ownerUrl ?? handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    if (ownerUrl) {
      const [runtime] = await queryRows<{ role: string }>(
        handle.db,
        sql`select current_user as role`,
      );
      const [owner] = await client<{ role: string }[]>`select current_user as role`;
      if (runtime && owner && runtime.role !== owner.role)
        await grantRuntimeRole(client, runtime.role);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

export type MigrationStatus = {
  applied: number;
  expected: number;
  current: boolean;
  latest: string | null;
};

/** Compares the migrations recorded in the database with the journal shipped in db/migrations. */
export async function getMigrationStatus(db: DbOrTx): Promise<MigrationStatus> {
  const journal = readJournal();
  const expected = journal.entries.length;
  const latest = journal.entries.at(-1);
  let applied = 0;
  let lastApplied = 0;
  try {
    const rows = await queryRows<{ n: number | string; last: number | string | null }>(
      db,
      sql`select count(*) as n, max(created_at) as last from drizzle.__drizzle_migrations`,
    );
    applied = Number(rows[0]?.n ?? 0);
    lastApplied = Number(rows[0]?.last ?? 0);
  } catch {
    applied = 0;
  }
  return {
    applied,
    expected,
    current: applied >= expected && lastApplied === (latest?.when ?? 0),
    latest: latest?.tag ?? null,
  };
}
