import type { Db } from '../../db/client';
import { claimDueDeliveries, finishDelivery, releaseDelivery } from '../data/webhooks';
import { afterFailedAttempt } from '../domain/webhook-backoff';
import { getEnv } from '../env';
import { log } from '../log';
import { postEvent } from '../webhooks/send';
import { signatureHeader } from '../webhooks/signature';

export type DeliverOptions = {
  /** How long a claimed delivery is this sender's (default: the timeout + 30 s). */
  leaseMs?: number;
  /** At most this many deliveries per claim (a claim never takes more than `concurrency`). */
  batchSize?: number;
  /** Sends at once: each claim takes at most this many, all sent at once. */
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
 * id). A claim takes only as many deliveries as are sent at once, so every one starts right
 * after its claim, well within its lease; one whose lease has less than the timeout left anyway
 * (a slow claim, a short lease) is given back unsent instead of racing a sender that may take it
 * over when the lease runs out. Returns the number of attempts made.
 */
export async function deliverWebhooks(db: Db, now: Date, options: DeliverOptions = {}) {
  const env = getEnv();
  const timeoutMs = env.HANDOFF_WEBHOOK_TIMEOUT_SECONDS * 1000;
  const leaseMs = options.leaseMs ?? timeoutMs + 30_000;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? concurrency, concurrency));
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
    let givenBack = 0;
    const send = async (d: (typeof batch)[number]) => {
      if (d.lockedUntil.getTime() - clock().getTime() < timeoutMs) {
        await releaseDelivery(db, d);
        givenBack++;
        return;
      }
      const body = JSON.stringify(d.payload);
      const t = Math.floor(clock().getTime() / 1000);
      const result = await postEvent({
        url: d.url,
        body,
        timeoutMs,
        allowPrivate,
        headers: {
          'Handoff-Signature': signatureHeader(d.secrets, t, body),
          'Handoff-Event-Id': d.eventId,
          'Handoff-Event-Type': d.eventType,
          'Handoff-Delivery-Attempt': String(d.attempts),
        },
      });
      attempts++;
      const at = clock();
      if (result.ok) {
        await finishDelivery(db, d, {
          kind: 'delivered',
          statusCode: result.statusCode,
          at,
        });
        return;
      }
      const decision = afterFailedAttempt(policy, d.attempts, at, random);
      const recorded = await finishDelivery(
        db,
        d,
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
    };
    await Promise.all(batch.map(send));
    // Leases too short to send in: leave the rest to a later run.
    if (givenBack) break;
    // Claim again even after a short batch: a delivery may have unblocked its case's next one.
    if (Date.now() - started > budgetMs) break;
  }
  return attempts;
}
