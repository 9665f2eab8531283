import type { DbOrTx } from '../../db/client';
import { absences } from '../../db/schema';
import { getAbsence, getAbsenceForUpdate } from '../data/absences';
import { recordAudit } from '../data/audit';
import { stopAbsence } from '../domain/absences';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { requireAbsentPerson } from './absence-access';
import { eq } from 'drizzle-orm';

/** The absence the actor may manage, or "not found" (also for ids of people they cannot see). */
export async function requireManagedAbsence(
  db: DbOrTx,
  actor: UserActor,
  id: string,
  action: string,
) {
  const seen = isUuid(id) ? await getAbsence(db, id) : null;
  if (!seen) throw new DomainError('not_found', 'Absence was not found.');
  try {
    await requireAbsentPerson(db, actor, seen.userId, action);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'not_found')
      throw new DomainError('not_found', 'Absence was not found.');
    throw e;
  }
  return seen;
}

/** Cancels a planned absence before it starts (one that started is ended early instead). */
export async function cancelAbsence(db: DbOrTx, actor: UserActor, id: string, now = new Date()) {
  await requireManagedAbsence(db, actor, id, 'absence.cancel');
  return db.transaction(async (tx) => {
    const absence = (await getAbsenceForUpdate(tx, id))!;
    if (stopAbsence(absence.status) !== 'cancel')
      throw new DomainError(
        'invalid_transition',
        absence.status === 'active'
          ? 'This absence has started; end it now instead.'
          : `This absence is already ${absence.status}.`,
        undefined,
        { status: absence.status },
      );
    const [row] = await tx
      .update(absences)
      .set({ status: 'cancelled', updatedAt: now })
      .where(eq(absences.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'absence.cancelled',
      entityType: 'absence',
      entityId: id,
      summary: `${actor.name} cancelled the absence from ${absence.startsAt.toISOString()} to ${absence.endsAt.toISOString()}`,
      before: { status: absence.status },
      after: { status: 'cancelled', userId: absence.userId },
      occurredAt: now,
    });
    return row!;
  });
}
