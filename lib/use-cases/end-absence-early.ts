import type { DbOrTx } from '../../db/client';
import { getAbsenceForUpdate } from '../data/absences';
import { stopAbsence } from '../domain/absences';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { endAbsence } from './absence-transitions';
import { requireManagedAbsence } from './cancel-absence';

/** Ends a running absence now: the person is back (work they handed over stays where it went). */
export async function endAbsenceEarly(db: DbOrTx, actor: UserActor, id: string, now = new Date()) {
  await requireManagedAbsence(db, actor, id, 'absence.end');
  return db.transaction(async (tx) => {
    const absence = (await getAbsenceForUpdate(tx, id))!;
    if (stopAbsence(absence.status) !== 'end')
      throw new DomainError(
        'invalid_transition',
        absence.status === 'scheduled'
          ? 'This absence has not started; cancel it instead.'
          : `This absence is already ${absence.status}.`,
        undefined,
        { status: absence.status },
      );
    await endAbsence(tx, actor, absence, now, 'early');
    return (await getAbsenceForUpdate(tx, id))!;
  });
}
