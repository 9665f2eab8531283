import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { apiTokens } from '../../db/schema';
import { recordAudit } from '../data/audit';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard } from './guard';

export async function revokeApiToken(
  db: DbOrTx,
  actor: UserActor,
  tokenId: string,
  now = new Date(),
) {
  await guard(db, actor, 'tokens.edit', undefined, { type: 'api_token', id: tokenId });
  if (!isUuid(tokenId)) throw new DomainError('not_found', 'API token was not found.');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId)).for('update');
    if (!row) throw new DomainError('not_found', 'API token was not found.');
    if (row.revokedAt)
      throw new DomainError('invalid_transition', `The token "${row.name}" is already revoked.`);
    const [next] = await tx
      .update(apiTokens)
      .set({ revokedAt: now, revokedById: actor.id })
      .where(eq(apiTokens.id, tokenId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: row.id,
      summary: `API token "${row.name}" revoked`,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
      occurredAt: now,
    });
    return next!;
  });
}
