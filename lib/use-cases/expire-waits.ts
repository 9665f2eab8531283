import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cases } from '../../db/schema';
import { getDefinitionVersion } from '../data/definitions';
import { resumeWaitingCase } from '../engine/resume-waiting-case';
import { errorFields, log } from '../log';
import { runQueuedSteps } from './run-queued-steps';
import { POISON_DELAY_MS, SCHEDULER, sweepOneByOne } from './sweep';

/** Sweep: waiting cases whose deadline passed get their follow-up task. */
export async function expireWaits(
  db: Db,
  now: Date,
  batch = 50,
  random = Math.random,
): Promise<number> {
  const resumed: string[] = [];
  const done = await sweepOneByOne(
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
      const def = (await getDefinitionVersion(tx, c.caseTypeVersionId))!.definition;
      await resumeWaitingCase(
        { tx, now, random },
        SCHEDULER,
        c,
        def,
        { event: c.waitingForEvent, timedOut: true },
        `No "${c.waitingForEvent}" arrived by the wait deadline: follow-up task opened`,
      );
      resumed.push(c.id);
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
  // Whatever a resumed case queued (a payment) runs after its transaction committed.
  for (const caseId of resumed) await runQueuedSteps(db, { caseId, random }, now);
  return done;
}
