import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseTypes, webhookSubscriptions } from '../../db/schema';
import { deadDeliveries, recentDeliveries } from '../data/webhooks';
import type { Actor } from '../domain/permissions';
import { guard } from './guard';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { publicSubscription } from './webhook-admin';

/** Every subscription (never a secret), newest first, and the case types to choose from. */
export async function listWebhookSubscriptions(db: DbOrTx, actor: Actor) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_subscription' });
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .orderBy(desc(webhookSubscriptions.createdAt))
    .limit(500);
  const types = await db
    .select({ id: caseTypes.id, key: caseTypes.key, name: caseTypes.name })
    .from(caseTypes)
    .orderBy(asc(caseTypes.name));
  return { subscriptions: rows.map((r) => publicSubscription(r)), caseTypes: types };
}

/** One subscription with its latest deliveries. */
export async function getWebhookSubscription(db: DbOrTx, actor: Actor, id: string) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_subscription', id });
  if (!isUuid(id)) throw new DomainError('not_found', 'Subscription was not found.');
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw new DomainError('not_found', 'Subscription was not found.');
  return { subscription: publicSubscription(row), deliveries: await recentDeliveries(db, row.id) };
}

/** The dead-letter list, newest first. */
export async function listDeadWebhookDeliveries(db: DbOrTx, actor: Actor) {
  await guard(db, actor, 'webhooks.edit', undefined, { type: 'webhook_delivery' });
  return deadDeliveries(db, 200);
}
