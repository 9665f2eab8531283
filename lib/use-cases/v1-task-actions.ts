import type { ZodType } from 'zod';
import type { Db } from '../../db/client';
import { credentialFourEyesBar } from '../data/credential-four-eyes';
import { getTask, type TaskRow } from '../data/tasks';
import { authorize, type TokenActor, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { v1ClaimBody, v1CompleteBody, v1ReleaseBody } from '../schemas/api-v1';
import { claimTask } from './claim-task';
import { completeTask } from './complete-task';
import { recordRefusal } from './guard';
import { releaseTask } from './release-task';
import { actOnBehalfOf } from './v1-on-behalf';

/**
 * Claim, complete and release through the API, on behalf of a named person: the very use-cases
 * the inbox calls, with that person as the actor (their groups, role, payout authority, four
 * eyes) and the token as the channel the audit names. Nothing is checked here twice; the one
 * check of the API's own is four eyes per credential on completion (credentialFourEyesBar).
 */

/** What the API answers about a task after a change. */
export function taskState(t: TaskRow) {
  return {
    id: t.id,
    caseId: t.caseId,
    status: t.status,
    version: t.version,
    assigneeId: t.assigneeId,
    outcome: t.outcome,
    completedAt: t.completedAt?.toISOString() ?? null,
  };
}

/** An action: the body it takes and the use-case it calls as the person. */
export type V1TaskAction<T extends { onBehalfOf: string }> = {
  body: ZodType<T>;
  perform: (db: Db, actor: UserActor, taskId: string, body: T, now: Date) => Promise<TaskRow>;
};

const action = <T extends { onBehalfOf: string }>(a: V1TaskAction<T>) => a;

/** POST /api/v1/tasks/{id}/claim|complete|release. */
export const v1TaskActions = {
  claim: action({
    body: v1ClaimBody,
    perform: (db, actor, taskId, body, now) =>
      claimTask(db, actor, { taskId, expectedVersion: body.version }, now),
  }),
  complete: action({
    body: v1CompleteBody,
    perform: async (db, actor, taskId, body, now) => {
      await assertOtherCredentialApproves(db, actor, taskId);
      const { outcome, data, version } = body;
      return completeTask(db, actor, { taskId, outcome, data, expectedVersion: version }, now);
    },
  }),
  release: action({
    body: v1ReleaseBody,
    perform: (db, actor, taskId, body, now) =>
      releaseTask(db, actor, { taskId, expectedVersion: body.version, reason: body.reason }, now),
  }),
};

/** One action as the person the body names (`onBehalfOf`). */
export async function actOnTaskV1<T extends { onBehalfOf: string }>(
  db: Db,
  token: TokenActor,
  action: V1TaskAction<T>,
  taskId: string,
  body: T,
  now: Date,
) {
  const actor = await actOnBehalfOf(db, token, body.onBehalfOf);
  return taskState(await action.perform(db, actor, taskId, body, now));
}

/**
 * Four eyes per credential: an approval is refused (403, `details.fourEyes`, the refusal audited
 * like the person rule's) when the acting token recorded a decision it checks — whoever it named.
 * Asked of anyone who may see the task (one who may not keeps the not-found answer), whether
 * or not they hold it yet: gating on "may complete" read the task apart from the completion, so
 * a claim for the same person committed in between would skip the check. What it reads cannot
 * change meanwhile: the decisions were completed before the approval step opened.
 */
async function assertOtherCredentialApproves(db: Db, actor: UserActor, taskId: string) {
  if (!actor.via) return;
  const task = await getTask(db, taskId);
  if (!task) return;
  const resource = {
    type: 'task' as const,
    candidateGroupId: task.candidateGroupId,
    assigneeId: task.assigneeId,
  };
  if (!authorize(actor, 'task.read', resource).allowed) return;
  const bar = await credentialFourEyesBar(db, task, actor.via.id);
  if (!bar) return;
  const entity = { type: 'task', id: task.id, caseId: task.caseId, taskId: task.id };
  await recordRefusal(db, actor, 'task.complete', entity, bar);
  throw new DomainError('forbidden', bar, undefined, { fourEyes: true });
}
