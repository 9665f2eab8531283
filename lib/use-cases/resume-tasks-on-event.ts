import type { DbOrTx } from '../../db/client';
import { loadSlaPolicyById } from '../data/definitions';
import { lockTasksPausedFor } from '../data/task-clock';
import type { TokenActor } from '../domain/permissions';
import { decideResume } from './resume-task';
import { writeClockChange } from './task-clock-operation';

export type ResumedTask = { id: string; name: string; pausedMinutes: number; dueAt: string | null };

/**
 * In the transaction of a case event: every open task of the case paused until `event` arrives
 * restarts its clock (audited as task.resumed, its assignee told). The case row is locked by
 * the caller, so two copies of one event resume each task once.
 */
export async function resumeTasksWaitingFor(
  tx: DbOrTx,
  actor: TokenActor,
  caseId: string,
  event: string,
  now: Date,
): Promise<ResumedTask[]> {
  const resumed: ResumedTask[] = [];
  for (const task of await lockTasksPausedFor(tx, caseId, event)) {
    const sla = await loadSlaPolicyById(tx, task.slaPolicyId);
    const d = decideResume(task, sla, now, actor, event);
    if (!d.ok) continue;
    const next = await writeClockChange(tx, actor, task, d, now);
    resumed.push({
      id: next.id,
      name: next.name,
      pausedMinutes: next.pausedMinutes - task.pausedMinutes,
      dueAt: next.dueAt?.toISOString() ?? null,
    });
  }
  return resumed;
}
