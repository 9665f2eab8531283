import type { DbOrTx } from '../../db/client';
import { apiTokens } from '../../db/schema';
import { API_SCOPES, displayPrefix, generateApiToken, hashApiToken } from '../auth/api-token';
import { recordAudit } from '../data/audit';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';

/** Returns the plaintext once; only its hash is stored. */
export async function createApiToken(
  db: DbOrTx,
  actor: UserActor,
  input: { name: string; scopes: string[]; expiresAt?: Date | null },
  now = new Date(),
) {
  await guard(db, actor, 'tokens.edit', undefined, { type: 'api_token' });
  const unknown = input.scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length)
    throw new DomainError('validation', `Unknown scope ${unknown.join(', ')}.`, {
      scopes: `unknown scope ${unknown.join(', ')}`,
    });
  if (input.expiresAt && input.expiresAt <= now)
    throw new DomainError('validation', 'The expiry must be in the future.', {
      expiresAt: 'must be in the future',
    });
  const plaintext = generateApiToken();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        tokenHash: hashApiToken(plaintext),
        displayPrefix: displayPrefix(plaintext),
        scopes: [...new Set(input.scopes)],
        createdById: actor.id,
        expiresAt: input.expiresAt ?? null,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row!.id,
      summary: `API token "${row!.name}" created with ${row!.scopes.join(', ')}`,
      after: {
        name: row!.name,
        scopes: row!.scopes,
        expiresAt: row!.expiresAt?.toISOString() ?? null,
      },
      occurredAt: now,
    });
    return { token: row!, plaintext };
  });
}
