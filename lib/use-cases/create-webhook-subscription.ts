import type { DbOrTx } from '../../db/client';
import { webhookSubscriptions } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { invalidateWebhookSubscriptions } from '../webhooks/outbox';
import type { UserActor } from '../domain/permissions';
import type { CreateWebhookInput } from '../schemas/webhooks';
import { generateWebhookSecret } from '../webhooks/signature';
import { guard } from './guard';
import { assertCaseType, assertWebhookUrl, publicSubscription } from './webhook-admin';

/** Creates a subscription; returns its secret once (it is never shown again). */
export async function createWebhookSubscription(
  db: DbOrTx,
  actor: UserActor,
  input: CreateWebhookInput,
  now = new Date(),
) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_subscription' });
  assertWebhookUrl(input.url);
  const secret = generateWebhookSecret();
  const result = await db.transaction(async (tx) => {
    await assertCaseType(tx, input.caseTypeId);
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        name: input.name,
        url: input.url,
        secret,
        eventTypes: [...new Set(input.eventTypes)],
        caseTypeId: input.caseTypeId ?? null,
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'webhook.created',
      entityType: 'webhook_subscription',
      entityId: row!.id,
      summary: `Outbound events "${row!.name}" subscribed to ${row!.eventTypes.join(', ')}`,
      after: {
        name: row!.name,
        url: row!.url,
        eventTypes: row!.eventTypes,
        caseTypeId: row!.caseTypeId,
      },
      occurredAt: now,
    });
    return row!;
  });
  invalidateWebhookSubscriptions(db);
  return { subscription: publicSubscription(result), secret };
}
