import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { appendLimitVersion, getCurrentLimit } from '../data/authority-admin';
import { describeAuthorityLimit } from '../domain/authority-words';
import { describeLimit } from '../domain/payout-authority';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { removeAuthorityLimitInput } from '../schemas/thresholds';
import { parseOrThrow } from '../validation';
import { guard } from './guard';
import {
  assertExpectedVersion,
  limitKeyOf,
  limitSnapshot,
  requireLimitSubject,
} from './save-authority-limit';

/**
 * Removes a limit by a new, inactive version (the amount it had stays in the history). A
 * person then falls back to their groups' limits; a group's members no longer have authority
 * from it, and approvals are no longer routed to it.
 */
export async function removeAuthorityLimit(
  db: DbOrTx,
  actor: UserActor,
  input: z.input<typeof removeAuthorityLimitInput>,
  now = new Date(),
) {
  await guard(db, actor, 'rules.edit', undefined, { type: 'authority_limit' });
  const data = parseOrThrow(removeAuthorityLimitInput, input);
  const k = limitKeyOf(data);
  return db.transaction(async (tx) => {
    const s = await requireLimitSubject(tx, k, false);
    const cur = await getCurrentLimit(tx, k);
    if (!cur) throw new DomainError('not_found', `${s.name} has no authority limit to remove.`);
    assertExpectedVersion(data.expectedVersion, cur.limit.currentVersion, s.name);
    if (!cur.current.active)
      throw new DomainError(
        'invalid_transition',
        `The authority limit of ${s.name} is already removed (v${cur.limit.currentVersion}).`,
      );
    const version = cur.limit.currentVersion + 1;
    const after = {
      version,
      maxAmountCents: cur.current.maxAmountCents,
      active: false,
      note: data.note || null,
    };
    await appendLimitVersion(tx, {
      limitId: cur.limit.id,
      ...after,
      createdById: actor.id,
      createdAt: now,
    });
    const text = describeAuthorityLimit(s.subject, null, false);
    await recordAudit(tx, actor, {
      action: 'authority_limit.removed',
      entityType: 'authority_limit',
      entityId: cur.limit.id,
      summary: `Authority limit v${version}: ${text} (was ${describeLimit(cur.current.maxAmountCents)})${after.note ? ` — ${after.note}` : ''}`,
      before: limitSnapshot(cur.current),
      after,
      metadata: { subject: { kind: k.kind, id: k.id, name: s.name } },
      occurredAt: now,
    });
    return { limitId: cur.limit.id, version, text };
  });
}
