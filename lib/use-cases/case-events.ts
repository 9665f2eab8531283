import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import { errorFields, log } from '../log';
import type { Db, DbOrTx } from '../../db/client';
import { cases, stepRuns } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getDefinitionVersion } from '../data/definitions';
import { isUuid } from '../data/tasks';
import type { AutomatedStep, CaseDefinition, HumanStep } from '../domain/case-definition';
import { findStep } from '../domain/case-definition';
import type { Actor, TokenActor } from '../domain/permissions';
import {
  advanceCase,
  attemptStep,
  createHumanTask,
  nextInOrder,
  updateCase,
  type CaseRow,
  type EngineCtx,
} from '../engine/case-engine';
import { DomainError } from '../errors';
import { guard } from './guard';

/** A waiting case resumes: a follow-up task of the step that asked, with what arrived (or that nothing did). */
async function resume(
  ctx: EngineCtx,
  actor: Actor,
  c: CaseRow,
  def: CaseDefinition,
  context: Record<string, unknown>,
  summary: string,
) {
  const step = findStep(def, c.currentStepKey ?? '');
  if (!step || step.kind !== 'human')
    throw new Error(`Waiting case ${c.reference} has no human step to resume`);
  const next = await updateCase(ctx, c, def, {
    status: 'open',
    waitUntil: null,
    waitingForEvent: null,
    data: context.information
      ? {
          ...c.data,
          information: [...((c.data.information as unknown[]) ?? []), context.information],
        }
      : c.data,
  });
  await recordAudit(ctx.tx, actor, {
    action: 'case.resumed',
    entityType: 'case',
    entityId: c.id,
    caseId: c.id,
    summary,
    metadata: context,
    occurredAt: ctx.now,
  });
  await createHumanTask(ctx, next, def, step as HumanStep, {
    context: { followUp: true, ...context },
    reason: summary,
  });
}

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
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(cases).where(eq(cases.id, input.caseId)).for('update');
    if (!c) throw new DomainError('not_found', 'Case was not found.');
    if (c.status !== 'waiting' || c.waitingForEvent !== input.type) {
      throw new DomainError(
        'invalid_transition',
        `Case ${c.reference} is not waiting for "${input.type}" (status ${c.status}${c.waitingForEvent ? `, waiting for "${c.waitingForEvent}"` : ''}).`,
        { type: 'is not the event this case waits for' },
      );
    }
    const def = (await getDefinitionVersion(tx, c.caseTypeVersionId))!.definition as CaseDefinition;
    await resume(
      { tx, now, random },
      actor,
      c,
      def,
      { event: input.type, information: { ...input.data, receivedAt: now.toISOString() } },
      `Event "${input.type}" received from ${actor.name}`,
    );
    return c.id;
  });
}

const SCHEDULER = { kind: 'system', name: 'scheduler' } as const;

/** A broken item is put off (and logged) instead of blocking the sweep for every item behind it. */
const POISON_DELAY_MS = 15 * 60_000;

/**
 * One due item per transaction, claimed with FOR UPDATE SKIP LOCKED so parallel schedulers
 * split the work. An item that throws is logged and put off (`postpone`), and the sweep goes
 * on with the others instead of stopping on it every tick.
 */
async function sweepOneByOne<T extends { id: string }>(
  db: Db,
  batch: number,
  claim: (tx: DbOrTx, skipped: string[]) => Promise<T | undefined>,
  handle: (tx: DbOrTx, item: T) => Promise<void>,
  postpone: (id: string, e: unknown) => Promise<void>,
): Promise<number> {
  let done = 0;
  const skipped: string[] = [];
  for (let i = 0; i < batch; i++) {
    let currentId: string | null = null;
    try {
      const moved = await db.transaction(async (tx) => {
        const item = await claim(tx, skipped);
        if (!item) return false;
        currentId = item.id;
        await handle(tx, item);
        return true;
      });
      if (!moved) break;
      done++;
    } catch (e) {
      if (!currentId) throw e;
      skipped.push(currentId);
      await postpone(currentId, e);
    }
  }
  return done;
}

/** Sweep: waiting cases whose deadline passed get their follow-up task. */
export async function expireWaits(
  db: Db,
  now: Date,
  batch = 50,
  random = Math.random,
): Promise<number> {
  return sweepOneByOne(
    db,
    batch,
    async (tx, skipped) =>
      (
        await tx
          .select()
          .from(cases)
          .where(
            and(
              eq(cases.status, 'waiting'),
              lte(cases.waitUntil, now),
              skipped.length ? notInArray(cases.id, skipped) : undefined,
            ),
          )
          .orderBy(asc(cases.waitUntil))
          .limit(1)
          .for('update', { skipLocked: true })
      )[0],
    async (tx, c) => {
      const def = (await getDefinitionVersion(tx, c.caseTypeVersionId))!
        .definition as CaseDefinition;
      await resume(
        { tx, now, random },
        SCHEDULER,
        c,
        def,
        { event: c.waitingForEvent, timedOut: true },
        `No "${c.waitingForEvent}" arrived by the wait deadline: follow-up task opened`,
      );
    },
    async (id, e) => {
      log.error('wait-deadline sweep failed for a case; retrying it later', {
        caseId: id,
        ...errorFields(e),
      });
      await db
        .update(cases)
        .set({ waitUntil: new Date(now.getTime() + POISON_DELAY_MS) })
        .where(eq(cases.id, id));
    },
  );
}

/** Sweep: automated steps whose retry time has come get their next attempt. */
export async function retryDueSteps(
  db: Db,
  now: Date,
  batch = 50,
  random = Math.random,
): Promise<number> {
  return sweepOneByOne(
    db,
    batch,
    async (tx, skipped) =>
      (
        await tx
          .select()
          .from(stepRuns)
          .where(
            and(
              eq(stepRuns.status, 'pending'),
              lte(stepRuns.nextAttemptAt, now),
              skipped.length ? notInArray(stepRuns.id, skipped) : undefined,
            ),
          )
          .orderBy(asc(stepRuns.nextAttemptAt))
          .limit(1)
          .for('update', { skipLocked: true })
      )[0],
    async (tx, run) => {
      const [c] = await tx.select().from(cases).where(eq(cases.id, run.caseId)).for('update');
      const def = (await getDefinitionVersion(tx, c!.caseTypeVersionId))!
        .definition as CaseDefinition;
      const step = findStep(def, run.stepKey) as AutomatedStep;
      const ctx = { tx, now, random };
      const r = await attemptStep(ctx, c!, def, step, run);
      if (r.status === 'succeeded')
        await advanceCase(
          ctx,
          r.case,
          def,
          step.next === undefined ? nextInOrder(def, step.key) : step.next,
          step.resolution,
        );
    },
    async (id, e) => {
      log.error('step retry failed unexpectedly; putting it off', {
        stepRunId: id,
        ...errorFields(e),
      });
      await db
        .update(stepRuns)
        .set({
          nextAttemptAt: new Date(now.getTime() + POISON_DELAY_MS),
          lastError: `Internal error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500),
          updatedAt: now,
        })
        .where(eq(stepRuns.id, id));
    },
  );
}
