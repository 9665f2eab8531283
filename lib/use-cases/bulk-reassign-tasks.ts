import type { DbOrTx } from '../../db/client';
import { getCaseReferences } from '../data/cases';
import { getTasksByIds, type TaskRow } from '../data/tasks';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';
import { reassignTask } from './reassign-task';

/** Why one task of a bulk reassignment stayed where it was. */
export type BulkProblem =
  | 'four_eyes'
  | 'not_member'
  | 'inactive'
  | 'closed'
  | 'unchanged'
  | 'changed'
  | 'forbidden'
  | 'not_found';

export type BulkOutcome =
  | { taskId: string; reference: string; name: string; ok: true; version: number }
  | {
      taskId: string;
      /** Null for a task the supervisor may not see: they learn nothing about it. */
      reference: string | null;
      name: string | null;
      ok: false;
      problem: BulkProblem;
      message: string;
    };

/**
 * Reassigns many tasks, each on its own (its change, audit event and notifications in one
 * transaction): the tasks that can go, go; for each one that cannot, the report says why (four
 * eyes, not a member of its group, closed, changed meanwhile, not in the supervisor's groups).
 */
export async function bulkReassignTasks(
  db: DbOrTx,
  actor: UserActor,
  input: {
    taskIds: string[];
    toUserId: string | null;
    reason: string;
    versions?: Record<string, number>;
  },
  now = new Date(),
) {
  await guard(db, actor, 'task.bulk_reassign', undefined, { type: 'task' });
  // Sorted, so two overlapping bulk reassignments lock rows in the same order.
  const ids = [...new Set(input.taskIds)].sort();
  const found = new Map((await getTasksByIds(db, ids)).map((t) => [t.id, t]));
  const refs = await getCaseReferences(
    db,
    [...found.values()].map((t) => t.caseId),
  );
  const moved: TaskRow[] = [];
  const results: BulkOutcome[] = [];
  for (const taskId of ids) {
    const seen = found.get(taskId);
    const known = {
      taskId,
      reference: refs.get(seen?.caseId ?? '') ?? null,
      name: seen?.name ?? null,
    };
    try {
      const next = await reassignTask(
        db,
        actor,
        {
          taskId,
          toUserId: input.toUserId,
          reason: input.reason,
          expectedVersion: input.versions?.[taskId],
        },
        now,
      );
      moved.push(next);
      results.push({
        ...known,
        reference: known.reference ?? '',
        name: next.name,
        ok: true,
        version: next.version,
      });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const problem = problemOf(e);
      results.push(
        problem === 'not_found'
          ? { taskId, reference: null, name: null, ok: false, problem, message: e.message }
          : { ...known, ok: false, problem, message: e.message },
      );
    }
  }
  return { tasks: moved, results };
}

function problemOf(e: DomainError): BulkProblem {
  const status = e.details?.status;
  if (e.details?.fourEyes) return 'four_eyes';
  switch (e.code) {
    case 'validation':
      return e.fields?.toUserId ? 'not_member' : 'inactive';
    case 'invalid_transition':
      return status === 'completed' || status === 'cancelled' ? 'closed' : 'unchanged';
    case 'conflict':
      return 'changed';
    case 'forbidden':
      return 'forbidden';
    case 'not_found':
      return 'not_found';
    default:
      return 'forbidden';
  }
}
