/**
 * Outbound events (webhooks), the sending side: the sender's claim/finish queries, the delivery
 * lists and replay. The outbox writers and the subscriptions cache are in lib/webhooks/outbox.ts.
 */
import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema';

export type ClaimedDelivery = {
  id: string;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** The lease the claim set: this sender's until then, and the fence of its finish. */
  lockedUntil: Date;
  url: string;
  /** The secrets that sign it: the current one, and a rotated-out one still in its overlap. */
  secrets: string[];
};

/** What fences a sender's writes to a delivery it claimed: the attempt and the claim's lease. */
export type DeliveryLease = Pick<ClaimedDelivery, 'id' | 'attempts' | 'lockedUntil'>;

/** The row is still this claim's: same attempt, same lease (a replay clears the lease). */
const held = (lease: DeliveryLease) =>
  and(
    eq(webhookDeliveries.id, lease.id),
    eq(webhookDeliveries.attempts, lease.attempts),
    eq(webhookDeliveries.lockedUntil, lease.lockedUntil),
    eq(webhookDeliveries.status, 'pending'),
  );

/**
 * Claims up to `limit` due deliveries for sending: pending, due, not leased (or the lease ran
 * out: a sender died), of an active subscription, and first in their case's order (no earlier
 * pending delivery of the same subscription and case; a dead earlier one does not hold later
 * ones back). Sets a lease and counts the attempt in the same statement, so a second sender
 * skips them (SKIP LOCKED while this runs, the lease after). Index: webhook_deliveries_due_idx
 * for the scan, webhook_deliveries_case_order_idx for the order check.
 */
export async function claimDueDeliveries(
  db: DbOrTx,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await queryRows<{
    id: string;
    event_id: string;
    event_type: string;
    payload: Record<string, unknown> | string;
    attempts: number;
    url: string;
    secret: string;
    previous_secret: string | null;
  }>(
    db,
    sql`
    with due as (
      select d.id, s.url, s.secret,
        case when s.previous_secret_expires_at > ${now.toISOString()}::timestamptz
          then s.previous_secret end as previous_secret
      from webhook_deliveries d
      join webhook_subscriptions s on s.id = d.subscription_id and s.active
      where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
        and (d.locked_until is null or d.locked_until <= ${now.toISOString()}::timestamptz)
        and not exists (
          select 1 from webhook_deliveries e
          where e.status = 'pending' and e.subscription_id = d.subscription_id
            and e.case_id = d.case_id and e.seq < d.seq)
      order by d.next_attempt_at, d.seq
      limit ${limit}
      for update of d skip locked
    )
    update webhook_deliveries w
    set locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = w.attempts + 1
    from due where w.id = due.id
    returning w.id, w.event_id, w.event_type, w.payload, w.attempts, due.url, due.secret,
      due.previous_secret`,
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    payload:
      typeof r.payload === 'string'
        ? (JSON.parse(r.payload) as Record<string, unknown>)
        : r.payload,
    attempts: Number(r.attempts),
    lockedUntil: leaseUntil,
    url: r.url,
    secrets: r.previous_secret ? [r.secret, r.previous_secret] : [r.secret],
  }));
}

/**
 * Gives a claimed delivery back unsent (its lease is too short to send it): no lease, and the
 * attempt the claim counted uncounted. Fenced like finishDelivery.
 */
export async function releaseDelivery(db: DbOrTx, lease: DeliveryLease): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ lockedUntil: null, attempts: sql`${webhookDeliveries.attempts} - 1` })
    .where(held(lease))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/**
 * Records an attempt's outcome, fenced by the attempt number and the exact lease the claim set:
 * a sender whose lease ran out and whose delivery another sender took over (or an admin replayed,
 * which resets the attempts but clears the lease) does not overwrite the newer attempt's result.
 * A retry also puts the same case's later deliveries to the same subscription off until at
 * least its own next attempt (they wait for it anyway; this keeps them out of the due scan).
 */
export async function finishDelivery(
  db: DbOrTx,
  lease: DeliveryLease,
  outcome:
    | { kind: 'delivered'; statusCode: number; at: Date }
    | { kind: 'retry'; statusCode: number | null; error: string; at: Date }
    | { kind: 'dead'; statusCode: number | null; error: string; at: Date },
): Promise<boolean> {
  const set =
    outcome.kind === 'delivered'
      ? {
          status: 'delivered' as const,
          deliveredAt: outcome.at,
          lastStatusCode: outcome.statusCode,
          lastError: null,
          lockedUntil: null,
        }
      : outcome.kind === 'retry'
        ? {
            nextAttemptAt: outcome.at,
            lastStatusCode: outcome.statusCode,
            lastError: outcome.error,
            lockedUntil: null,
          }
        : {
            status: 'dead' as const,
            deadAt: outcome.at,
            lastStatusCode: outcome.statusCode,
            lastError: outcome.error,
            lockedUntil: null,
          };
  const rows = await db.update(webhookDeliveries).set(set).where(held(lease)).returning({
    id: webhookDeliveries.id,
    subscriptionId: webhookDeliveries.subscriptionId,
    caseId: webhookDeliveries.caseId,
    seq: webhookDeliveries.seq,
  });
  const row = rows[0];
  if (!row) return false;
  if (outcome.kind === 'retry' && row.caseId)
    // webhook_deliveries_case_order_idx
    await db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: outcome.at })
      .where(
        and(
          eq(webhookDeliveries.status, 'pending'),
          eq(webhookDeliveries.subscriptionId, row.subscriptionId),
          eq(webhookDeliveries.caseId, row.caseId),
          gt(webhookDeliveries.seq, row.seq),
          lt(webhookDeliveries.nextAttemptAt, outcome.at),
        ),
      );
  return true;
}

export const deliveryColumns = {
  id: webhookDeliveries.id,
  seq: webhookDeliveries.seq,
  subscriptionId: webhookDeliveries.subscriptionId,
  eventId: webhookDeliveries.eventId,
  eventType: webhookDeliveries.eventType,
  caseId: webhookDeliveries.caseId,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  deliveredAt: webhookDeliveries.deliveredAt,
  deadAt: webhookDeliveries.deadAt,
  createdAt: webhookDeliveries.createdAt,
};

/** A subscription's latest deliveries (webhook_deliveries_subscription_idx). */
export async function recentDeliveries(db: DbOrTx, subscriptionId: string, limit = 50) {
  return db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}

/** The dead-letter list, newest first (webhook_deliveries_dead_idx), paged by dead_at. */
export async function deadDeliveries(db: DbOrTx, limit = 100, before?: Date) {
  return db
    .select({ ...deliveryColumns, subscriptionName: webhookSubscriptions.name })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(
      and(
        eq(webhookDeliveries.status, 'dead'),
        before ? lt(webhookDeliveries.deadAt, before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.deadAt))
    .limit(limit);
}

/** Dead deliveries back to pending with attempts reset; returns the ids replayed. */
export async function replayDead(db: DbOrTx, ids: readonly string[] | 'all', now: Date) {
  return db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lockedUntil: null,
      deadAt: null,
      lastError: null,
    })
    .where(
      and(
        eq(webhookDeliveries.status, 'dead'),
        ids === 'all'
          ? inArray(
              webhookDeliveries.id,
              db
                .select({ id: webhookDeliveries.id })
                .from(webhookDeliveries)
                .where(eq(webhookDeliveries.status, 'dead'))
                .orderBy(desc(webhookDeliveries.deadAt))
                .limit(1000),
            )
          : inArray(webhookDeliveries.id, [...ids]),
      ),
    )
    .returning({
      id: webhookDeliveries.id,
      subscriptionId: webhookDeliveries.subscriptionId,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
    });
}
