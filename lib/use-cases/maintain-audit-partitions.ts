import type { Db } from '../../db/client';
import {
  detachAuditPartition,
  ensureAuditPartition,
  limitLockWait,
} from '../data/audit-partitions';
import { DomainError } from '../errors';

/**
 * Keeping audit_events' monthly partitions ahead of the clock, and archiving old months.
 *
 * The scheduler runs maintenance once at start and then daily; partitions exist three months
 * ahead, so events never need the default partition unless no scheduler has run for that long
 * (or an event is dated far ahead or before the first partition). Should rows land there anyway,
 * creating their month's partition moves them in. Duplicate-run protection: the database
 * function serialises creators on an advisory lock and re-checks, so any number of schedulers
 * may run it at once.
 */
export const AUDIT_MONTHS_AHEAD = 3;

/** How long partition DDL may wait for a lock on audit_events before giving up until the next run. */
const LOCK_WAIT_MS = 5_000;

/** The first day of the UTC month `offset` months after the one containing `at`, as 'YYYY-MM-01'. */
export function utcMonth(at: Date, offset = 0): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 10);
}

/** Ensures partitions for the current UTC month and the next `monthsAhead`: the months it created. */
export async function maintainAuditPartitions(
  db: Db,
  now: Date,
  monthsAhead = AUDIT_MONTHS_AHEAD,
): Promise<string[]> {
  const months = Array.from({ length: monthsAhead + 1 }, (_, i) => utcMonth(now, i));
  return db.transaction(async (tx) => {
    await limitLockWait(tx, LOCK_WAIT_MS);
    const created: string[] = [];
    for (const month of months) if (await ensureAuditPartition(tx, month)) created.push(month);
    return created;
  });
}

/**
 * Archives one month: detaches its partition, so the application no longer reads those events,
 * and leaves it as the (still append-only) table it names, for an operator to dump with pg_dump
 * and then drop (docs/scaling.md). Never automatic. Refuses a month inside the retention period —
 * `retentionMonths` whole months before the current one are kept — and answers null when the
 * month has no partition (never created, or already detached).
 */
export async function detachAuditMonth(
  db: Db,
  params: { month: string; now: Date; retentionMonths: number },
): Promise<string | null> {
  const { month, now, retentionMonths } = params;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new DomainError('validation', 'The month must be written YYYY-MM.', { month: 'YYYY-MM' });
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1)
    throw new DomainError(
      'validation',
      'The retention must be a whole number of months, at least 1.',
    );
  const first = `${month}-01`;
  const oldestKept = utcMonth(now, -retentionMonths);
  if (first >= oldestKept)
    throw new DomainError(
      'conflict',
      `${month} is inside the retention of ${retentionMonths} months: only months before ${oldestKept.slice(0, 7)} can be archived.`,
    );
  return db.transaction(async (tx) => {
    await limitLockWait(tx, LOCK_WAIT_MS);
    return detachAuditPartition(tx, first);
  });
}
