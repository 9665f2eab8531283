import type { DbOrTx } from '../../db/client';
import { getCaseForUpdate } from '../data/cases';
import { getDefinitionVersion } from '../data/definitions';
import type { TokenActor } from '../domain/permissions';
import { resumeWaitingCase } from '../engine/resume-waiting-case';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard } from './guard';
import { runQueuedSteps } from './run-queued-steps';

/** POST /api/v1/cases/:id/events — an external system reports, e.g., the claimant's answer. */
export async function receiveCaseEvent(
  db: DbOrTx,
  actor: TokenActor,
  input: { caseId: string; type: string; data: Record<string, unknown> },
  now = new Date(),
  random = Math.random,
) {
  await guard(db, actor, 'case.event', undefined, {
    type: 'case',
    id: input.caseId,
    caseId: isUuid(input.caseId) ? input.caseId : null,
  });
  if (!isUuid(input.caseId)) throw new DomainError('not_found', 'Case was not found.');
  const caseId = await db.transaction(async (tx) => {
    const c = await getCaseForUpdate(tx, input.caseId);
    if (!c) throw new DomainError('not_found', 'Case was not found.');
    if (c.status !== 'waiting' || c.waitingForEvent !== input.type) {
      throw new DomainError(
        'invalid_transition',
        `Case ${c.reference} is not waiting for "${input.type}" (status ${c.status}${c.waitingForEvent ? `, waiting for "${c.waitingForEvent}"` : ''}).`,
        { type: 'is not the event this case waits for' },
      );
    }
    const def = (await getDefinitionVersion(tx, c.caseTypeVersionId))!.definition;
    await resumeWaitingCase(
      { tx, now, random },
      actor,
      c,
      def,
      { event: input.type, information: { ...input.data, receivedAt: now.toISOString() } },
      `Event "${input.type}" received from ${actor.name}`,
    );
    return c.id;
  });
  // Whatever the resumed case queued (a payment) runs after the commit, never inside it.
  await runQueuedSteps(db, { caseId, random }, now);
  return caseId;
}
