/** Shared parts of the outbound events administration use-cases. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseTypes, webhookSubscriptions } from '../../db/schema';
import { checkWebhookUrl } from '../webhooks/url';
import { getEnv } from '../env';
import { DomainError } from '../errors';
import { isUuid } from '../validation';

export function allowPrivateReceivers(): boolean {
  return getEnv().HANDOFF_WEBHOOK_ALLOW_PRIVATE === 'yes';
}

/** A 400 naming `url` unless the URL is one a subscription may use. */
export function assertWebhookUrl(url: string): void {
  const c = checkWebhookUrl(url, allowPrivateReceivers());
  if (!c.ok) throw new DomainError('validation', `The URL ${c.reason}.`, { url: c.reason });
}

export async function assertCaseType(db: DbOrTx, caseTypeId: string | null | undefined) {
  if (!caseTypeId) return null;
  const [row] = await db
    .select({ id: caseTypes.id, key: caseTypes.key })
    .from(caseTypes)
    .where(eq(caseTypes.id, caseTypeId));
  if (!row)
    throw new DomainError('validation', 'No such case type.', { caseTypeId: 'no such case type' });
  return row;
}

export async function lockSubscription(tx: DbOrTx, id: string) {
  if (!isUuid(id)) throw new DomainError('not_found', 'Subscription was not found.');
  const [row] = await tx
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, id))
    .for('update');
  if (!row) throw new DomainError('not_found', 'Subscription was not found.');
  return row;
}

/**
 * A subscription as the admin API shows it: never a secret, only the new one's first letters
 * and, after a rotation with an overlap, until when the old one also signs.
 */
export function publicSubscription(
  row: typeof webhookSubscriptions.$inferSelect,
  now = new Date(),
) {
  const { secret, previousSecret, previousSecretExpiresAt: until, ...rest } = row;
  const overlapping = previousSecret && until && until.getTime() > now.getTime();
  return {
    ...rest,
    secretHint: `${secret.slice(0, 10)}…`,
    previousSecretExpiresAt: overlapping ? until : null,
  };
}
