/**
 * Outbound events (webhooks), the sending side: the sender's claim/finish queries, the delivery
 * lists and replay. The outbox writers and the subscriptions cache are in lib/webhooks/outbox.ts.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema';

export type ClaimedDelivery = {
  id: string;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
};

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
  }>(
    db,
    sql`
    with due as (
      select d.id, s.url, s.secret
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
    returning w.id, w.event_id, w.event_type, w.payload, w.attempts, due.url, due.secret`,
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
    url: r.url,
    secret: r.secret,
  }));
}

/**
 * Records an attempt's outcome, fenced by the attempt number: a sender whose lease ran out and
 * whose delivery another sender took over does not overwrite that sender's result.
 */
export async function finishDelivery(
  db: DbOrTx,
  id: string,
  attempt: number,
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
  const rows = await db
    .update(webhookDeliveries)
    .set(set)
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.attempts, attempt),
        eq(webhookDeliveries.status, 'pending'),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
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
