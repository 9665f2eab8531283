import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { getMigrationStatus, type MigrationStatus } from '../../db/migrate';
import { getDatabase } from '../data/database';

export type HealthReport = {
  status: 'ok' | 'unavailable';
  database: { kind: DbHandle['kind'] | 'unknown'; reachable: boolean; error?: string };
  migrations: MigrationStatus | null;
};

/**
 * Healthy means: the database answers and every shipped migration has been applied.
 * `open` is the process-wide database unless a test passes another.
 */
export async function checkHealth(
  open: () => Promise<DbHandle> = getDatabase,
): Promise<HealthReport> {
  let handle: DbHandle;
  try {
    handle = await open();
  } catch (e) {
    return {
      status: 'unavailable',
      database: { kind: 'unknown', reachable: false, error: describe(e) },
      migrations: null,
    };
  }
  try {
    await handle.db.execute(sql`select 1`);
  } catch (e) {
    return {
      status: 'unavailable',
      database: { kind: handle.kind, reachable: false, error: describe(e) },
      migrations: null,
    };
  }
  const migrations = await getMigrationStatus(handle.db);
  return {
    status: migrations.current ? 'ok' : 'unavailable',
    database: { kind: handle.kind, reachable: true },
    migrations,
  };
}

/** Operators need the reason; it never contains credentials (connection errors name host and port only). */
function describe(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/postgres(ql)?:\/\/[^@\s]*@/g, 'postgres://***@').slice(0, 300);
}
