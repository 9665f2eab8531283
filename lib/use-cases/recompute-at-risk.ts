import type { DbOrTx } from '../../db/client';
import { countAtRisk } from '../data/predictions-read';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';
import { refreshGroupPredictions } from './refresh-predictions';

/** Recomputes a group's predictions now (a supervisor's "Recompute"). */
export async function recomputeAtRisk(
  db: DbOrTx,
  actor: UserActor,
  input: { groupId: string },
  now: Date,
) {
  await guard(
    db,
    actor,
    'team.at_risk',
    { type: 'group', groupId: input.groupId },
    { type: 'group', id: input.groupId },
  );
  const r = await refreshGroupPredictions(db, input.groupId, now, { wait: true });
  return { written: r?.written ?? 0, atRisk: await countAtRisk(db, input.groupId) };
}
