import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { webhookSubscriptions } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { invalidateWebhookSubscriptions } from '../webhooks/outbox';
import type { UserActor } from '../domain/permissions';
import type { RotateSecretInput, UpdateWebhookInput } from '../schemas/webhooks';
import { generateWebhookSecret } from '../webhooks/signature';
import { guard } from './guard';
import {
  assertCaseType,
  assertWebhookUrl,
  lockSubscription,
  publicSubscription,
} from './webhook-admin';

/** Edits a subscription (name, URL, event types, case type, active = enable/disable). */
export async function updateWebhookSubscription(
  db: DbOrTx,
  actor: UserActor,
  id: string,
  input: UpdateWebhookInput,
  now = new Date(),
) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_subscription', id });
  if (input.url !== undefined) assertWebhookUrl(input.url);
  const result = await db.transaction(async (tx) => {
    const before = await lockSubscription(tx, id);
    if (input.caseTypeId !== undefined) await assertCaseType(tx, input.caseTypeId);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
      ...(input.caseTypeId !== undefined ? { caseTypeId: input.caseTypeId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({ ...patch, updatedAt: now })
      .where(eq(webhookSubscriptions.id, before.id))
      .returning();
    const pick = (r: typeof before) =>
      Object.fromEntries(Object.keys(patch).map((k) => [k, r[k as keyof typeof r]]));
    const action =
      input.active === false && before.active
        ? 'webhook.disabled'
        : input.active === true && !before.active
          ? 'webhook.enabled'
          : 'webhook.updated';
    await recordAudit(tx, actor, {
      action,
      entityType: 'webhook_subscription',
      entityId: before.id,
      summary: `Outbound events "${row!.name}" ${action.slice('webhook.'.length)}`,
      before: pick(before),
      after: pick(row!),
      occurredAt: now,
    });
    return row!;
  });
  invalidateWebhookSubscriptions(db);
  return publicSubscription(result);
}

/**
 * A new secret, returned once. The replaced one keeps signing beside it (a second v1 in the
 * signature header) for `previousSecretValidHours`, so a receiver can switch without missing
 * or refusing events; 0 stops it at once (a leaked secret). A secret still overlapping from an
 * earlier rotation is dropped: at most two sign at any time.
 */
export async function rotateWebhookSecret(
  db: DbOrTx,
  actor: UserActor,
  id: string,
  input: RotateSecretInput,
  now = new Date(),
) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_subscription', id });
  const secret = generateWebhookSecret();
  const hours = input.previousSecretValidHours;
  const row = await db.transaction(async (tx) => {
    const before = await lockSubscription(tx, id);
    const until = hours > 0 ? new Date(now.getTime() + hours * 3_600_000) : null;
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({
        secret,
        previousSecret: until ? before.secret : null,
        previousSecretExpiresAt: until,
        updatedAt: now,
      })
      .where(eq(webhookSubscriptions.id, before.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'webhook.secret_rotated',
      entityType: 'webhook_subscription',
      entityId: before.id,
      summary: until
        ? `Outbound events "${before.name}": signing secret rotated; the old secret also signs for ${hours} hour${hours === 1 ? '' : 's'}`
        : `Outbound events "${before.name}": signing secret rotated; the old secret stopped signing at once`,
      metadata: {
        previousSecretValidHours: hours,
        previousSecretExpiresAt: until?.toISOString() ?? null,
      },
      occurredAt: now,
    });
    return row!;
  });
  return { subscription: publicSubscription(row, now), secret };
}

/** Deletes a subscription with its deliveries (pending ones are not sent). */
export async function deleteWebhookSubscription(
  db: DbOrTx,
  actor: UserActor,
  id: string,
  now = new Date(),
) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_subscription', id });
  await db.transaction(async (tx) => {
    const before = await lockSubscription(tx, id);
    await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, before.id));
    await recordAudit(tx, actor, {
      action: 'webhook.deleted',
      entityType: 'webhook_subscription',
      entityId: before.id,
      summary: `Outbound events "${before.name}" deleted`,
      before: { name: before.name, url: before.url, eventTypes: before.eventTypes },
      occurredAt: now,
    });
  });
  invalidateWebhookSubscriptions(db);
}
