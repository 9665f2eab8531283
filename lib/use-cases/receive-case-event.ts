import type { DbOrTx } from '../../db/client';
import { getCaseForUpdate } from '../data/cases';
import { getDefinitionVersion } from '../data/definitions';
import type { TokenActor } from '../domain/permissions';
import {
  attachLateInformation,
  getTimedOutFollowUpForUpdate,
  resumeWaitingCase,
} from '../engine/resume-waiting-case';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard } from './guard';
import { runQueuedSteps } from './run-queued-steps';
import { resumeTasksWaitingFor, type ResumedTask } from './resume-tasks-on-event';

/**
 * POST /api/v1/cases/:id/events — an external system reports, e.g., the claimant's answer.
 * Awaited, it resumes the case; after the wait deadline, it joins the follow-up task opened
 * then. Closed cases, and events nothing waits or waited for, are refused (409).
 */
export async function receiveCaseEvent(
  db: DbOrTx,
  actor: TokenActor,
  input: { caseId: string; type: string; data: Record<string, unknown> },
  now = new Date(),
  random = Math.random,
): Promise<string> {
  return (await receiveCaseEventResult(db, actor, input, now, random)).caseId;
}

/**
 * receiveCaseEvent, also saying which paused task clocks the event restarted: open tasks of
 * the case paused "until <event> arrives" resume in the same transaction (each audited as
 * task.resumed), and such an event is accepted even when the case itself waits for nothing.
 */
export async function receiveCaseEventResult(
  db: DbOrTx,
  actor: TokenActor,
  input: { caseId: string; type: string; data: Record<string, unknown> },
  now = new Date(),
  random = Math.random,
): Promise<{ caseId: string; resumedTasks: ResumedTask[] }> {
  await guard(db, actor, 'case.event', undefined, {
    type: 'case',
    id: input.caseId,
    caseId: isUuid(input.caseId) ? input.caseId : null,
  });
  if (!isUuid(input.caseId)) throw new DomainError('not_found', 'Case was not found.');
  let resumedTasks: ResumedTask[] = [];
  const caseId = await db.transaction(async (tx) => {
    const ctx = { tx, now, random };
    const c = await getCaseForUpdate(tx, input.caseId);
    if (!c) throw new DomainError('not_found', 'Case was not found.');
    if (c.status === 'closed' || c.status === 'cancelled') {
      throw new DomainError(
        'invalid_transition',
        `Case ${c.reference} is ${c.status}; it no longer accepts events.`,
        { type: `the case is ${c.status}` },
      );
    }
    const information = { ...input.data, receivedAt: now.toISOString() };
    resumedTasks = await resumeTasksWaitingFor(tx, actor, c.id, input.type, now);
    const def = (await getDefinitionVersion(tx, c.caseTypeVersionId))!.definition;
    if (c.status === 'waiting' && c.waitingForEvent === input.type) {
      await resumeWaitingCase(
        ctx,
        actor,
        c,
        def,
        { event: input.type, information, receivedFrom: actor.name },
        `Event "${input.type}" received from ${actor.name}`,
      );
      return c.id;
    }
    // Too late for the wait, not for the work: the follow-up task opened at the deadline takes it.
    const followUp =
      c.status === 'open' ? await getTimedOutFollowUpForUpdate(ctx, c.id, input.type) : null;
    if (!followUp && resumedTasks.length) return c.id;
    if (!followUp) {
      throw new DomainError(
        'invalid_transition',
        `Case ${c.reference} is not waiting for "${input.type}" (status ${c.status}${c.waitingForEvent ? `, waiting for "${c.waitingForEvent}"` : ''}).`,
        { type: 'is not the event this case waits for' },
      );
    }
    await attachLateInformation(ctx, actor, c, def, followUp, information);
    return c.id;
  });
  // Whatever the resumed case queued (a payment) runs after the commit, never inside it.
  await runQueuedSteps(db, { caseId, random }, now);
  return { caseId, resumedTasks };
}
