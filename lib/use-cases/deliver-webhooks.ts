import type { Db } from '../../db/client';
import { claimDueDeliveries, finishDelivery } from '../data/webhooks';
import { afterFailedAttempt } from '../domain/webhook-backoff';
import { getEnv } from '../env';
import { log } from '../log';
import { postEvent } from '../webhooks/send';
import { signatureHeader } from '../webhooks/signature';

export type DeliverOptions = {
  /** How long a claimed delivery is this sender's (default: the timeout + 30 s). */
  leaseMs?: number;
  batchSize?: number;
  /** Sends at once within a batch. */
  concurrency?: number;
  /** Stop claiming new batches after this long (the tick's budget). */
  budgetMs?: number;
  random?: () => number;
  /** The clock for backoff and leases; defaults to the tick's `now` advanced by real time. */
  clock?: () => Date;
};

/**
 * The scheduler's sender (job `webhooks`): claims due deliveries with a lease, POSTs each signed
 * event, and records delivered / retry-at (exponential backoff, full jitter) / dead. Safe with any
 * number of senders and a sender killed at any point: a claim is a lease, an unfinished
 * delivery is claimed again when it runs out (at-least-once; receivers deduplicate on the event
 * id). Returns the number of attempts made.
 */
export async function deliverWebhooks(db: Db, now: Date, options: DeliverOptions = {}) {
  const env = getEnv();
  const timeoutMs = env.HANDOFF_WEBHOOK_TIMEOUT_SECONDS * 1000;
  const leaseMs = options.leaseMs ?? timeoutMs + 30_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const budgetMs = options.budgetMs ?? 45_000;
  const random = options.random ?? Math.random;
  const started = Date.now();
  const clock = options.clock ?? (() => new Date(now.getTime() + (Date.now() - started)));
  const policy = {
    baseSeconds: env.HANDOFF_WEBHOOK_BACKOFF_BASE_SECONDS,
    maxSeconds: env.HANDOFF_WEBHOOK_BACKOFF_MAX_SECONDS,
    maxAttempts: env.HANDOFF_WEBHOOK_MAX_ATTEMPTS,
  };
  const allowPrivate = env.HANDOFF_WEBHOOK_ALLOW_PRIVATE === 'yes';
  let attempts = 0;
  for (;;) {
    const batch = await claimDueDeliveries(db, clock(), leaseMs, batchSize);
    if (!batch.length) break;
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const d = batch[next++]!;
        const body = JSON.stringify(d.payload);
        const t = Math.floor(clock().getTime() / 1000);
        const result = await postEvent({
          url: d.url,
          body,
          timeoutMs,
          allowPrivate,
          headers: {
            'Handoff-Signature': signatureHeader([d.secret], t, body),
            'Handoff-Event-Id': d.eventId,
            'Handoff-Event-Type': d.eventType,
            'Handoff-Delivery-Attempt': String(d.attempts),
          },
        });
        attempts++;
        const at = clock();
        if (result.ok) {
          await finishDelivery(db, d.id, d.attempts, {
            kind: 'delivered',
            statusCode: result.statusCode,
            at,
          });
          continue;
        }
        const decision = afterFailedAttempt(policy, d.attempts, at, random);
        const recorded = await finishDelivery(
          db,
          d.id,
          d.attempts,
          decision.kind === 'dead'
            ? { kind: 'dead', statusCode: result.statusCode, error: result.error, at }
            : {
                kind: 'retry',
                statusCode: result.statusCode,
                error: result.error,
                at: decision.at,
              },
        );
        if (recorded && decision.kind === 'dead')
          log.warn('webhook delivery dead', {
            delivery: d.id,
            event: d.eventId,
            error: result.error,
          });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    // Claim again even after a short batch: a delivery may have unblocked its case's next one.
    if (Date.now() - started > budgetMs) break;
  }
  return attempts;
}
