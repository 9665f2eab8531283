import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { getMigrationStatus, type MigrationStatus } from '../../db/migrate';
import { getDatabase } from '../data/database';

/** Above this share of PostgreSQL's NOTIFY queue in use, push updates are at risk (see below). */
export const NOTIFY_QUEUE_DEGRADED_ABOVE = 0.5;

export type HealthReport = {
  status: 'ok' | 'unavailable';
  database: { kind: DbHandle['kind'] | 'unknown'; reachable: boolean; error?: string };
  migrations: MigrationStatus | null;
  /**
   * What still works but needs an operator: `notify_queue` when the NOTIFY queue is over half
   * full (a listener is not consuming; when full, every commit that announces a change fails).
   * Degraded is not unavailable: the instance keeps serving.
   */
  degraded: string[];
  /** Share of the NOTIFY queue in use (0–1); null on PGlite (in-process, no queue) or unknown. */
  notifyQueueUsage: number | null;
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
      degraded: [],
      notifyQueueUsage: null,
    };
  }
  try {
    await handle.db.execute(sql`select 1`);
  } catch (e) {
    return {
      status: 'unavailable',
      database: { kind: handle.kind, reachable: false, error: describe(e) },
      migrations: null,
      degraded: [],
      notifyQueueUsage: null,
    };
  }
  const migrations = await getMigrationStatus(handle.db);
  const notifyQueueUsage = await readNotifyQueueUsage(handle);
  return {
    status: migrations.current ? 'ok' : 'unavailable',
    database: { kind: handle.kind, reachable: true },
    migrations,
    degraded: degradedSignals({ notifyQueueUsage }),
    notifyQueueUsage,
  };
}

/** The degraded signals of these readings (see HealthReport.degraded). */
export function degradedSignals(r: { notifyQueueUsage: number | null }): string[] {
  return r.notifyQueueUsage !== null && r.notifyQueueUsage > NOTIFY_QUEUE_DEGRADED_ABOVE
    ? ['notify_queue']
    : [];
}

/** pg_notification_queue_usage() on PostgreSQL; null on PGlite or when it cannot be read. */
async function readNotifyQueueUsage(handle: DbHandle): Promise<number | null> {
  if (handle.kind !== 'postgres') return null;
  try {
    const result: unknown = await handle.db.execute(
      sql`select pg_notification_queue_usage() as usage`,
    );
    // postgres.js answers an array of rows.
    const row = Array.isArray(result) ? (result[0] as { usage?: unknown } | undefined) : undefined;
    const usage = Number(row?.usage);
    return Number.isFinite(usage) ? usage : null;
  } catch {
    return null;
  }
}

/** Operators need the reason; it never contains credentials (connection errors name host and port only). */
function describe(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/postgres(ql)?:\/\/[^@\s]*@/g, 'postgres://***@').slice(0, 300);
}
