import type { DbOrTx } from '../../db/client';
import type { UserRole } from '../../db/schema/enum-values';
import { throttleKeyOfAddress } from '../auth/client-address';
import {
  PasswordCheckBusy,
  queuedPasswordChecks,
  verifyPassword,
  MAX_QUEUED_PASSWORD_CHECKS,
} from '../auth/password';
import { recordAudit } from '../data/audit';
import {
  addressBudgetEdge,
  countRefusedAttempt,
  insertFailedAttempt,
  lockSignInAddress,
  markAttemptSucceeded,
  pairFailureStreak,
} from '../data/sign-in-attempts';
import { getUserByEmail } from '../data/users';
import {
  decideSignInThrottle,
  SIGN_IN_THROTTLE,
  signInEmailProblem,
  waitInWords,
  type ThrottleDecision,
} from '../domain/sign-in-throttle';
import { log } from '../log';

export type SignInRefusal = 'invalid' | 'throttled' | 'inactive' | 'unavailable';

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: UserRole } }
  | { ok: false; reason: SignInRefusal; message: string };

/** Wording is the same whether or not the e-mail exists. */
export const INVALID_CREDENTIALS = 'E-mail or password is incorrect.';
export const NO_ADDRESS =
  'Sign-in is unavailable: the server could not tell where this request came from.';
export const BUSY = 'Too many sign-in attempts right now. Try again in a few seconds.';

const refuse = (reason: SignInRefusal, message: string): SignInResult => ({
  ok: false,
  reason,
  message,
});

/**
 * Checks a password sign-in from `ip` (the client address the server established; null fails
 * closed). In order, so that no attempt costs bcrypt work before the throttle allowed it:
 * 1. inputs too long or not storable are refused outright;
 * 2. a short transaction, serialised per address, applies the throttle (SIGN_IN_THROTTLE) and
 *    either counts the refusal in its lock window (audited once per window) or records the
 *    attempt as a failure in advance — parallel guesses are counted before any is checked;
 * 3. the password is checked outside any transaction (bcrypt on a worker thread);
 * 4. a second short transaction turns the attempt into a success and audits the outcome.
 */
export async function signInWithPassword(
  db: DbOrTx,
  input: { email: string; password: string; ip: string | null },
  now: Date,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  if (!input.ip) {
    warnOnce(
      'sign-in refused: no client address (run the server with npm start, or check HANDOFF_TRUSTED_PROXIES)',
    );
    return refuse('unavailable', NO_ADDRESS);
  }
  if (
    !email ||
    signInEmailProblem(email) ||
    input.password.length > SIGN_IN_THROTTLE.maxPasswordLength
  )
    return refuse('invalid', INVALID_CREDENTIALS);
  if (queuedPasswordChecks() >= MAX_QUEUED_PASSWORD_CHECKS) {
    warnOnce('sign-in refused: too many password checks waiting');
    return refuse('throttled', BUSY);
  }
  const ip = input.ip;
  const addressKey = throttleKeyOfAddress(ip);

  const gate = await passThrottle(db, { email, ip, addressKey, now });
  if (gate.refusedUntil)
    return refuse(
      'throttled',
      `Too many failed sign-in attempts. Try again in ${waitInWords(now, gate.refusedUntil)}.`,
    );

  const user = await getUserByEmail(db, email);
  let passwordOk: boolean;
  try {
    passwordOk = await verifyPassword(input.password, user?.passwordHash);
  } catch (e) {
    if (e instanceof PasswordCheckBusy) return refuse('throttled', BUSY);
    throw e;
  }
  const result: SignInResult =
    !user || !passwordOk
      ? refuse('invalid', INVALID_CREDENTIALS)
      : !user.active
        ? refuse('inactive', 'This account is deactivated. Ask an admin to reactivate it.')
        : { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };

  await db.transaction(async (tx) => {
    if (result.ok) await markAttemptSucceeded(tx, gate.attemptId);
    await recordAudit(
      tx,
      result.ok
        ? { kind: 'user', ...result.user, groupIds: [], supervisedGroupIds: [] }
        : { kind: 'anonymous', label: `anonymous:${ip}` },
      {
        action: result.ok ? 'auth.signed_in' : 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        summary: result.ok
          ? `Signed in from ${ip}`
          : `Sign-in refused (${result.reason}) from ${ip}`,
        metadata: { ip, ...(result.ok ? {} : { reason: result.reason, email }) },
        occurredAt: now,
      },
    );
  });
  return result;
}

type Attempt = { email: string; ip: string; addressKey: string; now: Date };

/**
 * One short transaction, serialised per address: either the attempt is refused (and counted in
 * its lock window) or it is recorded as a failure before its password is checked, so parallel
 * guesses all count.
 */
function passThrottle(
  db: DbOrTx,
  a: Attempt,
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
      new Date(a.now.getTime() - t.pairMemoryHours * 3_600_000),
    );
    const decision = decideSignInThrottle({
      now: a.now,
      budgetEdgeFailureAt: await addressBudgetEdge(
        tx,
        a.addressKey,
        new Date(a.now.getTime() - t.addressWindowMinutes * 60_000),
        t.addressBudget,
      ),
      pairFailures: pair.failures,
      lastPairFailureAt: pair.lastFailureAt,
    });
    if (!decision.throttled) return { attemptId: await insertFailedAttempt(tx, a) };
    await auditRefusal(tx, decision, a);
    return { refusedUntil: decision.lockedUntil };
  });
}

/** The first refused attempt of a lock window writes one audit event; the rest are only counted. */
async function auditRefusal(
  tx: DbOrTx,
  decision: Extract<ThrottleDecision, { throttled: true }>,
  a: Attempt,
) {
  const key = decision.scope === 'address' ? a.addressKey : `${a.email} ${a.addressKey}`;
  const refused = await countRefusedAttempt(tx, {
    scope: decision.scope,
    key,
    lockedUntil: decision.lockedUntil,
    now: a.now,
  });
  if (refused > 1) return;
  await recordAudit(
    tx,
    { kind: 'anonymous', label: `anonymous:${a.ip}` },
    {
      action: 'auth.sign_in_throttled',
      entityType: 'sign_in',
      entityId: null,
      summary:
        decision.scope === 'address'
          ? `Sign-ins from ${a.ip} paused until ${decision.lockedUntil.toISOString()} (too many failures from this address); further attempts until then are counted, not logged`
          : `Sign-ins to ${a.email} from ${a.ip} paused until ${decision.lockedUntil.toISOString()} (repeated failures); further attempts until then are counted, not logged`,
      metadata: {
        scope: decision.scope,
        ip: a.ip,
        email: a.email,
        lockedUntil: decision.lockedUntil.toISOString(),
      },
      occurredAt: a.now,
    },
  );
}

const warned = new Map<string, number>();
/** A warning at most once a minute per text: refusals can come by the thousand. */
function warnOnce(text: string) {
  const last = warned.get(text) ?? 0;
  if (Date.now() - last < 60_000) return;
  warned.set(text, Date.now());
  log.warn(text);
}
