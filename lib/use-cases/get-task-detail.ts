import type { DbOrTx } from '../../db/client';
import { getTask } from '../data/tasks';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import { getCaseDetail } from './get-case-detail';
import { guard } from './guard';

/** The task with its whole case (tasks, comments, timeline) — for those allowed to read the task. */
export async function getTaskDetail(db: DbOrTx, actor: Actor, taskId: string) {
  const t = await getTask(db, taskId);
  if (!t) throw new DomainError('not_found', 'Task was not found.');
  await guard(
    db,
    actor,
    'task.read',
    { type: 'task', candidateGroupId: t.candidateGroupId, assigneeId: t.assigneeId },
    {
      type: 'task',
      id: t.id,
      caseId: t.caseId,
      taskId: t.id,
    },
  );
  const detail = await getCaseDetail(db, { kind: 'system', name: 'engine' }, t.caseId);
  return { task: detail.tasks.find((x) => x.task.id === t.id)!, ...detail };
}
