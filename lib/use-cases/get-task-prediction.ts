import type { DbOrTx } from '../../db/client';
import { predictionOf } from '../data/predictions-read';
import { canSeeTask, type UserActor } from '../domain/permissions';

/**
 * The latest prediction of an open task the actor sees (the task page, beside the due chip):
 * primary-key lookup; null when there is none or the actor may not see the task.
 */
export async function getTaskPrediction(
  db: DbOrTx,
  actor: UserActor,
  task: { id: string; candidateGroupId: string | null; assigneeId: string | null; status: string },
) {
  if (task.status !== 'ready' && task.status !== 'claimed') return null;
  if (!canSeeTask(actor, task)) return null;
  const p = await predictionOf(db, task.id);
  if (!p) return null;
  return {
    predictedDoneAt: p.predictedDoneAt,
    latenessMinutes: p.latenessMinutes,
    risk: p.risk,
    atRisk: p.atRisk,
  };
}
