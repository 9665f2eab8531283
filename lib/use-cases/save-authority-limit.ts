import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import {
  appendLimitVersion,
  getCurrentLimit,
  getLimitSubject,
  insertLimit,
  type LimitKey,
} from '../data/authority-admin';
import { describeAuthorityLimit, type LimitSubject } from '../domain/authority-words';
import { describeLimit, toCents } from '../domain/payout-authority';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { saveAuthorityLimitInput } from '../schemas/thresholds';
import { parseOrThrow, validationError } from '../validation';
import { guard } from './guard';

/** `{ groupId }` or `{ userId }` (the schemas make sure exactly one is there). */
export function limitKeyOf(i: { groupId?: string; userId?: string }): LimitKey {
  return i.groupId ? { kind: 'group', id: i.groupId } : { kind: 'person', id: i.userId! };
}

/**
 * The group or person the limit belongs to (locked until the transaction ends), or a 400
 * naming the field. A new or raised personal limit needs an active person.
 */
export async function requireLimitSubject(db: DbOrTx, k: LimitKey, activeOnly: boolean) {
  const row = await getLimitSubject(db, k);
  if (!row)
    throw validationError({
      [k.kind === 'group' ? 'groupId' : 'userId']:
        `is not a ${k.kind === 'group' ? 'group' : 'user'}`,
    });
  if (activeOnly && !row.active) throw validationError({ userId: 'is a deactivated user' });
  const subject: LimitSubject = { kind: k.kind, name: row.name };
  return { ...row, subject };
}

/** 409 when the editor started from another version than the current one (0: there was none). */
export function assertExpectedVersion(expected: number | undefined, current: number, what: string) {
  if (expected === undefined || expected === current) return;
  throw new DomainError(
    'conflict',
    current === 0
      ? `${what} has no limit now (you edited v${expected}). Reload and apply your change again.`
      : `Someone saved ${what} meanwhile (now v${current}, you edited ${expected === 0 ? 'a new limit' : `v${expected}`}). Reload and apply your change again.`,
    undefined,
    { currentVersion: current },
  );
}

/** What a version says in the audit trail. */
export const limitSnapshot = (v: {
  version: number;
  maxAmountCents: number | null;
  active: boolean;
  note: string | null;
}) => ({ version: v.version, maxAmountCents: v.maxAmountCents, active: v.active, note: v.note });

/**
 * Sets a group's or a person's authority limit: the first save creates it (v1), every later
 * one is a new version; history is never rewritten. Saving what is already in force changes
 * nothing. `expectedVersion` guards against overwriting someone else's save.
 */
export async function saveAuthorityLimit(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof saveAuthorityLimitInput>,
  now = new Date(),
) {
  await guard(db, actor, 'rules.edit', undefined, { type: 'authority_limit' });
  const data = parseOrThrow(saveAuthorityLimitInput, input);
  const k = limitKeyOf(data);
  const maxCents = data.maxAmount === null ? null : toCents(data.maxAmount);
  const note = data.note || null;
  return db.transaction(async (tx) => {
    const s = await requireLimitSubject(tx, k, true);
    const cur = await getCurrentLimit(tx, k);
    assertExpectedVersion(data.expectedVersion, cur?.limit.currentVersion ?? 0, s.name);
    const text = describeAuthorityLimit(s.subject, maxCents);
    if (
      cur?.current.active &&
      cur.current.maxAmountCents === maxCents &&
      (note === null || note === cur.current.note)
    )
      return { limitId: cur.limit.id, version: cur.limit.currentVersion, changed: false, text };
    const limitId = cur?.limit.id ?? (await insertLimit(tx, k, now));
    const version = (cur?.limit.currentVersion ?? 0) + 1;
    const after = { version, maxAmountCents: maxCents, active: true, note };
    await appendLimitVersion(tx, { limitId, ...after, createdById: actor.id, createdAt: now });
    const was = !cur
      ? 'no limit set'
      : cur.current.active
        ? describeLimit(cur.current.maxAmountCents)
        : 'removed';
    await recordAudit(tx, actor, {
      action: cur ? 'authority_limit.saved' : 'authority_limit.created',
      entityType: 'authority_limit',
      entityId: limitId,
      summary: `Authority limit v${version}: ${text} (was ${was})${note ? ` — ${note}` : ''}`,
      before: cur ? limitSnapshot(cur.current) : null,
      after,
      metadata: { subject: { kind: k.kind, id: k.id, name: s.name } },
      occurredAt: now,
    });
    return { limitId, version, changed: true, text };
  });
}
