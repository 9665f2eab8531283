import type { Db } from '../../db/client';
import type { TaskRow } from '../data/tasks';
import type { TokenActor } from '../domain/permissions';
import type { z } from 'zod';
import type { v1ClaimBody, v1CompleteBody, v1ReleaseBody } from '../schemas/api-v1';
import { claimTask } from './claim-task';
import { completeTask } from './complete-task';
import { releaseTask } from './release-task';
import { actOnBehalfOf } from './v1-on-behalf';

/**
 * Claim, complete and release through the API, on behalf of a named person: the very use-cases
 * the inbox calls, with that person as the actor (their groups, role, payout authority, four
 * eyes) and the token as the channel the audit names. Nothing is checked here twice.
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

export async function claimTaskV1(
  db: Db,
  token: TokenActor,
  taskId: string,
  body: z.output<typeof v1ClaimBody>,
  now: Date,
) {
  const actor = await actOnBehalfOf(db, token, body.onBehalfOf);
  return taskState(await claimTask(db, actor, { taskId, expectedVersion: body.version }, now));
}

export async function completeTaskV1(
  db: Db,
  token: TokenActor,
  taskId: string,
  body: z.output<typeof v1CompleteBody>,
  now: Date,
) {
  const actor = await actOnBehalfOf(db, token, body.onBehalfOf);
  return taskState(
    await completeTask(
      db,
      actor,
      { taskId, outcome: body.outcome, data: body.data, expectedVersion: body.version },
      now,
    ),
  );
}

export async function releaseTaskV1(
  db: Db,
  token: TokenActor,
  taskId: string,
  body: z.output<typeof v1ReleaseBody>,
  now: Date,
) {
  const actor = await actOnBehalfOf(db, token, body.onBehalfOf);
  return taskState(
    await releaseTask(
      db,
      actor,
      { taskId, expectedVersion: body.version, reason: body.reason },
      now,
    ),
  );
}
