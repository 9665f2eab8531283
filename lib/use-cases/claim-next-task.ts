import type { DbOrTx } from '../../db/client';
import { fourEyesBar } from '../data/authority';
import {
  compareNext,
  listNextCandidates,
  lockWaitingTask,
  type NextCandidate,
  type NextCursor,
} from '../data/next-task';
import type { TaskRow } from '../data/tasks';
import { lockActiveUsers } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { applyTaskOperation } from './apply-task-operation';

/** Rows read per group per step of the walk (the first one is usually the answer). */
const BATCH = 8;
/** Candidates looked at before answering "nothing for you": bounded work at any queue size. */
export const MAX_CANDIDATES = 200;

export const NOTHING_WAITING = 'No task is waiting for you.';

type GroupWalk = {
  groupId: string;
  buffer: NextCandidate[];
  cursor: NextCursor | null;
  done: boolean;
};

/**
 * "Next": claims the most urgent ready task the person may take — by priority, then due time
 * (no due time last) — from the queues of the groups they are a member of (supervising a group
 * is watching it, not working it: its queue is not theirs), and returns it; null when none is
 * waiting for them. Paused tasks are never handed out; approval steps four eyes bars them from
 * are passed over. The claim is the ordinary one (same checks, transition, `task.claimed`
 * audit event and notifications), in the same transaction as the pick. Callers racing for the
 * same queue never get the same task: each locks its pick with SKIP LOCKED and goes on to the
 * next one when another caller holds it. Already-claimed tasks of the person are not offered:
 * the inbox shows them.
 */
export async function claimNextTask(
  db: DbOrTx,
  actor: UserActor,
  now = new Date(),
): Promise<TaskRow | null> {
  const groupIds = [...new Set(actor.groupIds)].sort();
  if (!groupIds.length) return null;
  return db.transaction(async (tx) => {
    // Locked first, as the ordinary claim does, so a deactivation waits for (or stops) us.
    if (!(await lockActiveUsers(tx, [actor.id])))
      throw new DomainError('unauthenticated', 'Your account is deactivated.');
    const walks: GroupWalk[] = groupIds.map((groupId) => ({
      groupId,
      buffer: [],
      cursor: null,
      done: false,
    }));
    const seen = new Set<string>();
    while (seen.size < MAX_CANDIDATES) {
      const candidate = await nextInOrder(tx, walks);
      if (!candidate) return null;
      if (seen.has(candidate.id)) continue;
      seen.add(candidate.id);
      if (await fourEyesBar(tx, candidate, actor.id)) continue;
      const groupId = candidate.candidateGroupId!;
      if (!(await lockWaitingTask(tx, { taskId: candidate.id, groupId }))) continue;
      return applyTaskOperation(
        tx,
        actor,
        {
          taskId: candidate.id,
          command: { op: 'claim' },
          summary: () => `Claimed by ${actor.name} (Next task)`,
        },
        now,
      );
    }
    return null;
  });
}

/** The most urgent unseen candidate over all the person's groups (a k-way merge, refilled lazily). */
async function nextInOrder(tx: DbOrTx, walks: GroupWalk[]): Promise<NextCandidate | null> {
  for (const walk of walks) {
    if (walk.buffer.length || walk.done) continue;
    const rows = await listNextCandidates(tx, {
      groupId: walk.groupId,
      cursor: walk.cursor,
      limit: BATCH,
    });
    walk.buffer = rows;
    walk.done = rows.length < BATCH;
    if (rows.length) walk.cursor = rows[rows.length - 1]!;
  }
  let best: GroupWalk | null = null;
  for (const walk of walks) {
    if (!walk.buffer.length) continue;
    if (!best || compareNext(walk.buffer[0]!, best.buffer[0]!) < 0) best = walk;
  }
  return best ? best.buffer.shift()! : null;
}
