import { and, count, desc, eq, gt, gte, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { signInAttempts, signInThrottleWindows } from '../../db/schema';
import type { ThrottleScope } from '../domain/sign-in-throttle';

/** Serialises the throttle check and the counting of attempts from one address (transaction-scoped). */
export async function lockSignInAddress(tx: DbOrTx, addressKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${addressKey}`}))`);
}

/** The address's `budget`-th most recent failure since `since`, or null when it has fewer. */
export async function addressBudgetEdge(
  db: DbOrTx,
  addressKey: string,
  since: Date,
  budget: number,
): Promise<Date | null> {
  const [row] = await db
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.ipAddress, addressKey),
        eq(signInAttempts.succeeded, false),
        gte(signInAttempts.attemptedAt, since),
      ),
    )
    .orderBy(desc(signInAttempts.attemptedAt))
    .offset(budget - 1)
    .limit(1);
  return row?.at ?? null;
}

/** Failures of an (account, address) pair since its last success (and not before `since`). */
export async function pairFailureStreak(
  db: DbOrTx,
  email: string,
  addressKey: string,
  since: Date,
): Promise<{ failures: number; lastFailureAt: Date | null }> {
  const pair = and(
    sql`lower(${signInAttempts.email}) = ${email}`,
    eq(signInAttempts.ipAddress, addressKey),
  );
  const [success] = await db
    .select({ at: max(signInAttempts.attemptedAt) })
    .from(signInAttempts)
    .where(and(pair, eq(signInAttempts.succeeded, true), gte(signInAttempts.attemptedAt, since)));
  const [row] = await db
    .select({ n: count(), last: max(signInAttempts.attemptedAt) })
    .from(signInAttempts)
    .where(
      and(
        pair,
        eq(signInAttempts.succeeded, false),
        success?.at
          ? gt(signInAttempts.attemptedAt, success.at)
          : gte(signInAttempts.attemptedAt, since),
      ),
    );
  return { failures: row?.n ?? 0, lastFailureAt: row?.last ?? null };
}

/** Counts an attempt as a failure before its password is checked; returns its id. */
export async function insertFailedAttempt(
  db: DbOrTx,
  a: { email: string; addressKey: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(signInAttempts)
    .values({ email: a.email, ipAddress: a.addressKey, succeeded: false, attemptedAt: a.now })
    .returning({ id: signInAttempts.id });
  return row!.id;
}

export async function markAttemptSucceeded(db: DbOrTx, id: string): Promise<void> {
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, id));
}

/** Counts a refused attempt in its lock window; returns how many the window has refused (1 = first). */
export async function countRefusedAttempt(
  db: DbOrTx,
  w: { scope: ThrottleScope; key: string; lockedUntil: Date; now: Date },
): Promise<number> {
  const [row] = await db
    .insert(signInThrottleWindows)
    .values({
      scope: w.scope,
      key: w.key,
      lockedUntil: w.lockedUntil,
      refused: 1,
      firstRefusedAt: w.now,
      lastRefusedAt: w.now,
    })
    .onConflictDoUpdate({
      target: [
        signInThrottleWindows.scope,
        signInThrottleWindows.key,
        signInThrottleWindows.lockedUntil,
      ],
      set: { refused: sql`${signInThrottleWindows.refused} + 1`, lastRefusedAt: w.now },
    })
    .returning({ refused: signInThrottleWindows.refused });
  return row?.refused ?? 1;
}
