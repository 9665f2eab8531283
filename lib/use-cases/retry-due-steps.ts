import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { stepRuns } from '../../db/schema';
import { getCaseForUpdate } from '../data/cases';
import { getDefinitionVersion } from '../data/definitions';
import { findStep, type AutomatedStep } from '../domain/case-definition';
import { attemptStep } from '../engine/attempt-step';
import { advanceCase } from '../engine/case-engine';
import { nextInOrder } from '../engine/case-state';
import { errorFields, log } from '../log';
import { POISON_DELAY_MS, sweepOneByOne } from './sweep';

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
      const c = await getCaseForUpdate(tx, run.caseId);
      const def = (await getDefinitionVersion(tx, c!.caseTypeVersionId))!.definition;
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
