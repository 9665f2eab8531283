import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { hashPassword, PasswordCheckBusy, verifyPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import {
  countRefusedAttempt,
  insertFailedAttempt,
  lockSignInAddress,
  markAttemptSucceeded,
  pairFailureStreak,
} from '../data/sign-in-attempts';
import { getPasswordHash, setPasswordHash } from '../data/users';
import { adminPasswordWeakness } from '../domain/password-strength';
import type { UserActor } from '../domain/permissions';
import { decideSignInThrottle, SIGN_IN_THROTTLE, waitInWords } from '../domain/sign-in-throttle';
import { DomainError } from '../errors';
import { changePasswordInput } from '../schemas/profile';
import { parseOrThrow, validationError } from '../validation';

/**
 * A person changes their own password, proving they know the current one. A wrong current
 * password is throttled like a sign-in (SIGN_IN_THROTTLE, per account): a stolen session cannot
 * be used to guess the password. Attempts are counted in sign_in_attempts under the key
 * `password-change:<user id>` (never a client address, so sign-in throttling is unaffected),
 * each recorded as a failure before its password is checked. On success every other session of
 * the person ends (users.password_changed_at); the caller renews the current one.
 */
export async function changePassword(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof changePasswordInput>,
  now = new Date(),
): Promise<{ passwordChangedAt: Date }> {
  const data = parseOrThrow(changePasswordInput, input);
  if (data.confirmPassword !== undefined && data.confirmPassword !== data.newPassword)
    throw validationError({ confirmPassword: 'does not match the new password' });
  const weakness = adminPasswordWeakness(data.newPassword, actor.email);
  if (weakness) throw validationError({ newPassword: weakness });
  if (data.newPassword === data.currentPassword)
    throw validationError({ newPassword: 'must differ from the current password' });

  const attempt = { email: actor.email.toLowerCase(), addressKey: `password-change:${actor.id}` };
  const gate = await passThrottle(db, actor, attempt, now);
  if (gate.refusedUntil)
    throw new DomainError(
      'rate_limited',
      `Too many wrong current passwords. Try again in ${waitInWords(now, gate.refusedUntil)}.`,
      { currentPassword: 'too many wrong attempts; wait before trying again' },
    );

  let ok: boolean;
  let newHash: string;
  try {
    ok = await verifyPassword(data.currentPassword, await getPasswordHash(db, actor.id));
    // Hashed before the transaction: bcrypt must not hold the row lock.
    newHash = ok ? await hashPassword(data.newPassword) : '';
  } catch (e) {
    if (e instanceof PasswordCheckBusy)
      throw new DomainError('rate_limited', 'The server is busy checking passwords; try again.');
    throw e;
  }
  if (!ok) {
    await recordAudit(db, actor, {
      action: 'user.password_change_refused',
      entityType: 'user',
      entityId: actor.id,
      summary: `${actor.email} typed a wrong current password when changing it`,
      metadata: { reason: 'wrong current password' },
      occurredAt: now,
    });
    throw validationError(
      { currentPassword: 'is not your current password' },
      'The password was not changed',
    );
  }
  await db.transaction(async (tx) => {
    await markAttemptSucceeded(tx, gate.attemptId);
    await setPasswordHash(tx, actor.id, newHash, now);
    await recordAudit(tx, actor, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.id,
      summary: `${actor.email} changed their password; their other sessions were signed out`,
      occurredAt: now,
    });
  });
  return { passwordChangedAt: now };
}

type Attempt = { email: string; addressKey: string };

/** The sign-in throttle's per-pair rule, serialised per person; see signInWithPassword. */
function passThrottle(
  db: DbOrTx,
  actor: UserActor,
  a: Attempt,
  now: Date,
): Promise<
  { refusedUntil: Date; attemptId?: never } | { refusedUntil?: never; attemptId: string }
> {
  const t = SIGN_IN_THROTTLE;
  return db.transaction(async (tx) => {
    await lockSignInAddress(tx, a.addressKey);
    const pair = await pairFailureStreak(
      tx,
      a.email,
      a.addressKey,
      new Date(now.getTime() - t.pairMemoryHours * 3_600_000),
    );
    const decision = decideSignInThrottle({
      now,
      budgetEdgeFailureAt: null,
      pairFailures: pair.failures,
      lastPairFailureAt: pair.lastFailureAt,
    });
    if (!decision.throttled) return { attemptId: await insertFailedAttempt(tx, { ...a, now }) };
    const refused = await countRefusedAttempt(tx, {
      scope: 'account',
      key: a.addressKey,
      lockedUntil: decision.lockedUntil,
      now,
    });
    // One audit event per lock window; the rest are only counted.
    if (refused === 1)
      await recordAudit(tx, actor, {
        action: 'user.password_change_throttled',
        entityType: 'user',
        entityId: actor.id,
        summary: `Password changes by ${actor.email} paused until ${decision.lockedUntil.toISOString()} (repeated wrong current passwords)`,
        metadata: { lockedUntil: decision.lockedUntil.toISOString() },
        occurredAt: now,
      });
    return { refusedUntil: decision.lockedUntil };
  });
}
