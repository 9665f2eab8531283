import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { UserRole } from '../../db/schema/enum-values';
import { signInAttempts } from '../../db/schema';
import { verifyPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import { getUserByEmail } from '../data/users';

export const THROTTLE = { windowMinutes: 15, maxFailuresPerAccount: 5, maxFailuresPerAddress: 20 };

export type SignInResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string; role: UserRole };
    }
  | { ok: false; reason: 'invalid' | 'throttled' | 'inactive'; message: string };

/** Wording is the same whether or not the e-mail exists. */
export const INVALID_CREDENTIALS = 'E-mail or password is incorrect.';

/**
 * Checks a password sign-in. Failures are counted per account and per address within a
 * sliding window; past the limit, further attempts are refused without checking the password.
 * The attempt and its audit event are written in one transaction.
 */
export async function signInWithPassword(
  db: DbOrTx,
  input: { email: string; password: string; ip: string | null },
  now: Date,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  // Attempts on one account run one at a time (advisory lock), so parallel guesses cannot all
  // slip under the limit before any of them is counted.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`);
    const [byAccount] = await tx
      .select({ n: count() })
      .from(signInAttempts)
      .where(
        and(
          sql`lower(${signInAttempts.email}) = ${email}`,
          eq(signInAttempts.succeeded, false),
          gte(signInAttempts.attemptedAt, since),
        ),
      );
    const [byAddress] = input.ip
      ? await tx
          .select({ n: count() })
          .from(signInAttempts)
          .where(
            and(
              eq(signInAttempts.ipAddress, input.ip),
              eq(signInAttempts.succeeded, false),
              gte(signInAttempts.attemptedAt, since),
            ),
          )
      : [{ n: 0 }];

    let result: SignInResult;
    let userId: string | null = null;
    const throttled =
      (byAccount?.n ?? 0) >= THROTTLE.maxFailuresPerAccount ||
      (byAddress?.n ?? 0) >= THROTTLE.maxFailuresPerAddress;
    if (throttled) {
      result = {
        ok: false,
        reason: 'throttled',
        message: `Too many failed sign-in attempts. Try again in ${THROTTLE.windowMinutes} minutes.`,
      };
    } else {
      const user = email ? await getUserByEmail(tx, email) : null;
      const passwordOk = await verifyPassword(input.password, user?.passwordHash);
      userId = user?.id ?? null;
      if (!user || !passwordOk)
        result = { ok: false, reason: 'invalid', message: INVALID_CREDENTIALS };
      else if (!user.active)
        result = {
          ok: false,
          reason: 'inactive',
          message: 'This account is deactivated. Ask an admin to reactivate it.',
        };
      else
        result = {
          ok: true,
          user: { id: user.id, email: user.email, name: user.name, role: user.role },
        };
    }

    // Throttled attempts are audited but not counted, so a trickle of them cannot keep an account locked forever.
    if (!throttled)
      await tx
        .insert(signInAttempts)
        .values({ email, ipAddress: input.ip, succeeded: result.ok, attemptedAt: now });
    await recordAudit(
      tx,
      result.ok
        ? {
            kind: 'user',
            id: result.user.id,
            email: result.user.email,
            name: result.user.name,
            role: result.user.role,
            groupIds: [],
            supervisedGroupIds: [],
          }
        : { kind: 'anonymous', label: email || '(no e-mail)' },
      {
        action: result.ok ? 'auth.signed_in' : 'auth.sign_in_failed',
        entityType: 'user',
        entityId: userId,
        summary: result.ok
          ? `Signed in from ${input.ip ?? 'unknown address'}`
          : `Sign-in refused (${result.reason}) from ${input.ip ?? 'unknown address'}`,
        metadata: { ip: input.ip, ...(result.ok ? {} : { reason: result.reason }) },
        occurredAt: now,
      },
    );
    return result;
  });
}
