import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { apiTokens, configVersions } from '../../db/schema';
import { noteConfigVersion } from '../data/config-cache';
import type { TokenActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { hashApiToken } from './api-token';

const BAD_TOKEN = 'The bearer token is missing, invalid, expired or revoked.';

/**
 * Resolves `Authorization: Bearer <token>` to a token actor, or throws a 401 DomainError.
 *
 * The token row is read on every call, never cached, so a revocation or expiry takes effect on
 * the very next request. The same statement reads the config version intake caches by
 * (lib/data/config-cache.ts): a token check and a config freshness check for one statement.
 */
export async function authenticateBearer(
  db: DbOrTx,
  authorization: string | null,
  now: Date,
): Promise<TokenActor> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m)
    throw new DomainError(
      'unauthenticated',
      'Send an API token as "Authorization: Bearer <token>".',
    );
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      configVersion: sql<
        string | null
      >`(select ${configVersions.version}::text from ${configVersions} where ${configVersions.id} = 1)`,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashApiToken(m[1]!)));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) {
    throw new DomainError(
      'unauthenticated',
      BAD_TOKEN,
      undefined,
      row ? { tokenId: row.id } : undefined,
    );
  }
  // Last use is for people deciding which tokens to revoke; minute precision saves a write per call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  const actor: TokenActor = { kind: 'token', id: row.id, name: row.name, scopes: row.scopes };
  noteConfigVersion(actor, row.configVersion === null ? null : Number(row.configVersion));
  return actor;
}
