import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks, users } from '../../db/schema';
import type { CaseRow } from './case-state';

/**
 * What a follow-up task keeps of the request that made the case wait, so it can say in words
 * who asked what and when, and until when the answer was awaited (instants as ISO text, shown
 * in the viewer's time zone). Follow-up tasks made before this was stored have none.
 */
export type InformationRequest = {
  /** The task completed with the waiting outcome. */
  taskId: string;
  askedById: string | null;
  /** The asker's name when the case resumed (people are renamed, rarely; history keeps this). */
  askedBy: string | null;
  question: string | null;
  askedAt: string | null;
  waitUntil: string | null;
};

/**
 * The request the waiting case `c` (as it was before resuming) waits on: the latest completed
 * task of its step whose outcome waits for the event it waits for; null if none is found.
 */
export async function findInformationRequest(
  tx: DbOrTx,
  c: CaseRow,
): Promise<InformationRequest | null> {
  if (!c.currentStepKey || !c.waitingForEvent) return null;
  const rows = await tx
    .select({
      id: tasks.id,
      outcome: tasks.outcome,
      outcomes: tasks.outcomes,
      outcomeData: tasks.outcomeData,
      completedAt: tasks.completedAt,
      askedById: tasks.completedById,
      askedBy: users.name,
    })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.completedById))
    .where(
      and(
        eq(tasks.caseId, c.id),
        eq(tasks.stepKey, c.currentStepKey),
        eq(tasks.status, 'completed'),
      ),
    )
    .orderBy(desc(tasks.completedAt), desc(tasks.id))
    .limit(10);
  const asked = rows.find(
    (r) =>
      r.outcomes.find((o) => o.key === r.outcome)?.waitForEvent?.eventType === c.waitingForEvent,
  );
  if (!asked) return null;
  return {
    taskId: asked.id,
    askedById: asked.askedById,
    askedBy: asked.askedBy,
    question: questionOf(asked.outcomeData ?? {}),
    askedAt: asked.completedAt?.toISOString() ?? null,
    waitUntil: c.waitUntil?.toISOString() ?? null,
  };
}

/** The question field of the request form, else its only text. */
function questionOf(form: Record<string, unknown>): string | null {
  if (typeof form.question === 'string') return form.question;
  const texts = Object.values(form).filter((v): v is string => typeof v === 'string');
  return texts.length === 1 ? texts[0]! : null;
}

/** The follow-up task's reason, in words (the routing line under its title). */
export function followUpReason(request: InformationRequest | null, timedOut: boolean): string {
  const whose = request?.askedBy ? `${request.askedBy}’s question` : 'the question asked';
  return timedOut
    ? `Follow-up: no answer to ${whose} by the deadline`
    : `Follow-up: the answer to ${whose} arrived`;
}
