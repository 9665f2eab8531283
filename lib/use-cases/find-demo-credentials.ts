import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { apiTokens, users } from '../../db/schema';
import { DEMO_PASSWORD, DEMO_TOKEN, demoUsers } from '../../scripts/seed/demo-data';
import { hashApiToken } from '../auth/api-token';
import { verifyPassword } from '../auth/password';
import type { DemoCredentials } from '../domain/network-exposure';

/**
 * Which of the demo seed's well-known credentials still work: active demo users whose password
 * is still the demo password, and the demo API token if neither revoked nor expired.
 */
export async function findDemoCredentials(db: DbOrTx, now: Date): Promise<DemoCredentials> {
  const candidates = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(
          sql`lower(${users.email})`,
          demoUsers.map((u) => u.email.toLowerCase()),
        ),
      ),
    );
  const usersWithDemoPassword: string[] = [];
  for (const u of candidates)
    if (u.passwordHash && (await verifyPassword(DEMO_PASSWORD, u.passwordHash)))
      usersWithDemoPassword.push(u.email);
  const [token] = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(DEMO_TOKEN)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return { usersWithDemoPassword: usersWithDemoPassword.sort(), demoTokenActive: Boolean(token) };
}
