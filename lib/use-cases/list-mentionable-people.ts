import type { DbOrTx } from '../../db/client';
import { listMentionablePeople as listMentionableRows } from '../data/mentionable';
import { getTask } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';

/**
 * GET /api/tasks/:id/mentionable — whom the viewer may @mention in a comment on the task (see
 * listMentionablePeople for who that is), for those who may comment on it.
 */
export async function listMentionablePeople(db: DbOrTx, actor: UserActor, taskId: string) {
  const task = await getTask(db, taskId);
  if (!task) throw new DomainError('not_found', 'Task was not found.');
  await guard(
    db,
    actor,
    'task.comment',
    { type: 'task', candidateGroupId: task.candidateGroupId, assigneeId: task.assigneeId },
    { type: 'task', id: task.id, caseId: task.caseId, taskId: task.id },
  );
  return { people: await listMentionableRows(db, task, actor.id) };
}
