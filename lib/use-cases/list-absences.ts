import type { DbOrTx } from '../../db/client';
import { colleaguesIn, listAbsencesOf } from '../data/absences';
import type { UserActor } from '../domain/permissions';
import { requireAbsentPerson } from './absence-access';

/**
 * A person's absences (their own, or of someone in a group the actor supervises), latest first,
 * with who may stand in for them: active colleagues of their groups (for a supervisor, of the
 * groups they supervise), the same rule the server applies when the absence is planned.
 */
export async function listAbsences(db: DbOrTx, actor: UserActor, userId?: string) {
  const person = await requireAbsentPerson(db, actor, userId ?? actor.id, 'absence.list');
  const groups =
    actor.role === 'admin' || actor.id === person.id
      ? person.groupIds
      : person.groupIds.filter((g) => actor.supervisedGroupIds.includes(g));
  const [absences, delegates] = await Promise.all([
    listAbsencesOf(db, person.id),
    colleaguesIn(db, groups, person.id),
  ]);
  return {
    person: { id: person.id, name: person.name, timeZone: person.timeZone },
    absences,
    delegates,
  };
}

export type AbsenceList = Awaited<ReturnType<typeof listAbsences>>;
