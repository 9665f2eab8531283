import type { Db } from '../../db/client';
import { claimDueAbsence } from '../data/absences';
import { absenceDueAction } from '../domain/absences';
import { errorFields, log } from '../log';
import { endAbsence, lapseAbsence, startAbsence, type StartHooks } from './absence-transitions';
import { SCHEDULER, sweepOneByOne } from './sweep';

/**
 * Scheduler job `absences`: absences whose end passed end, then those whose start passed start
 * (ends first, so back-to-back absences hand the out-of-office flag on). Each absence is claimed
 * with FOR UPDATE SKIP LOCKED and moved in its own transaction with its hand-over: parallel
 * schedulers never start one twice, and a run killed midway leaves it scheduled for the next.
 * One that fails (e.g. a hand-over too large) is logged and retried on the next tick.
 */
export async function startAndEndAbsences(
  db: Db,
  now: Date,
  options: { batch?: number } & StartHooks = {},
): Promise<number> {
  const batch = options.batch ?? 100;
  let done = 0;
  for (const kind of ['end', 'start'] as const) {
    done += await sweepOneByOne(
      db,
      batch,
      (tx, skipped) => claimDueAbsence(tx, kind, now, skipped),
      async (tx, absence) => {
        const action = absenceDueAction(absence, now);
        if (action === 'end') await endAbsence(tx, SCHEDULER, absence, now, 'at_end');
        else if (action === 'lapse') await lapseAbsence(tx, SCHEDULER, absence, now);
        else if (action === 'start') await startAbsence(tx, SCHEDULER, absence, now, options);
      },
      (id, e) => {
        log.error('absence could not be started or ended; retrying on the next tick', {
          absenceId: id,
          ...errorFields(e),
        });
        return Promise.resolve();
      },
    );
  }
  return done;
}
