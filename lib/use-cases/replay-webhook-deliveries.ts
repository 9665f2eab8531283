import type { DbOrTx } from '../../db/client';
import { recordAuditMany } from '../data/audit';
import { replayDead } from '../data/webhooks';
import type { UserActor } from '../domain/permissions';
import type { ReplayInput } from '../schemas/webhooks';
import { guard } from './guard';

/**
 * Dead deliveries back to pending with their attempts reset (the sender takes them on its next
 * tick); one audit event per delivery replayed, in the same transaction. `all` replays at most
 * the 1,000 newest dead deliveries per call.
 */
export async function replayWebhookDeliveries(
  db: DbOrTx,
  actor: UserActor,
  input: ReplayInput,
  now = new Date(),
) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_delivery' });
  return db.transaction(async (tx) => {
    const rows = await replayDead(tx, 'ids' in input ? input.ids : 'all', now);
    await recordAuditMany(
      tx,
      actor,
      rows.map((r) => ({
        action: 'webhook.delivery_replayed',
        entityType: 'webhook_delivery',
        entityId: r.id,
        summary: `Outbound event ${r.eventType} (${r.eventId}) replayed`,
        metadata: { subscriptionId: r.subscriptionId, eventId: r.eventId },
        occurredAt: now,
      })),
    );
    return { replayed: rows.map((r) => r.id) };
  });
}
