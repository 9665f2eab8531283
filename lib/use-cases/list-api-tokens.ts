import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { apiTokens, users } from '../../db/schema';
import type { Actor } from '../domain/permissions';
import { guard } from './guard';

/** Every API token, newest first: name, scopes, prefix and use; never the token or its hash. */
export async function listApiTokens(db: DbOrTx, actor: Actor) {
  await guard(db, actor, 'tokens.edit', undefined, { type: 'api_token' });
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      displayPrefix: apiTokens.displayPrefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      createdBy: users.email,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdById))
    .orderBy(desc(apiTokens.createdAt));
}
