import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';

/**
 * The monthly partitions of audit_events (migration 0013). The work happens in the database
 * functions the migration defines, so an operator can run the same steps from psql; these calls
 * only name a month. A month is its first day, 'YYYY-MM-01', in UTC.
 */

/** Creates the month's partition when missing (moving its rows out of the default): true if created. */
export async function ensureAuditPartition(db: DbOrTx, month: string): Promise<boolean> {
  const [row] = await queryRows<{ created: boolean }>(
    db,
    sql`select handoff_ensure_audit_partition(${month}::date) as created`,
  );
  return row?.created === true;
}

/** Detaches the month's partition, kept as a table to dump; its qualified name, null if none. */
export async function detachAuditPartition(db: DbOrTx, month: string): Promise<string | null> {
  const [row] = await queryRows<{ table: string | null }>(
    db,
    sql`select handoff_detach_audit_partition(${month}::date) as "table"`,
  );
  return row?.table ?? null;
}

/**
 * Partition DDL waits behind any long transaction on audit_events, and every insert would queue
 * behind it in turn: give up after `ms` instead (the next run tries again). For this transaction.
 */
export async function limitLockWait(db: DbOrTx, ms: number): Promise<void> {
  await db.execute(sql`select set_config('lock_timeout', ${`${Math.round(ms)}ms`}, true)`);
}

export type AuditPartition = {
  /** Qualified name, e.g. audit_partitions.audit_events_2026_11. */
  table: string;
  /** The month it holds ('YYYY-MM-01'); null for the default partition. */
  month: string | null;
};

/** The attached partitions, oldest month first, the default last. */
export async function listAuditPartitions(db: DbOrTx): Promise<AuditPartition[]> {
  const rows = await queryRows<{ schema: string; name: string }>(
    db,
    sql`select n.nspname as schema, c.relname as name
          from pg_inherits i
          join pg_class c on c.oid = i.inhrelid
          join pg_namespace n on n.oid = c.relnamespace
         where i.inhparent = 'audit_events'::regclass
         order by c.relname`,
  );
  // Names sort by month; the default ("audit_events_default") sorts after the digits.
  return rows.map((r) => {
    const m = /^audit_events_(\d{4})_(\d{2})$/.exec(r.name);
    return { table: `${r.schema}.${r.name}`, month: m ? `${m[1]}-${m[2]}-01` : null };
  });
}
