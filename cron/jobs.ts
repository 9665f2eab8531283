import type { Db } from '../db/client';
import { getEnv } from '../lib/env';
import { deliverEmails } from '../lib/use-cases/deliver-emails';
import { deliverWebhooks } from '../lib/use-cases/deliver-webhooks';
import { escalateDueTasks } from '../lib/use-cases/escalate-due-tasks';
import { expireWaits } from '../lib/use-cases/expire-waits';
import { maintainAuditPartitions } from '../lib/use-cases/maintain-audit-partitions';
import { maintainReferenceSequences } from '../lib/use-cases/maintain-reference-sequences';
import { refreshPredictions } from '../lib/use-cases/refresh-predictions';
import { retryDueSteps } from '../lib/use-cases/retry-due-steps';
import { sendEscalationDigests } from '../lib/use-cases/send-escalation-digests';
import { sendDueReminders } from '../lib/use-cases/send-due-reminders';
import { startAndEndAbsences } from '../lib/use-cases/start-and-end-absences';
import { writeAuditCheckpoint } from '../lib/use-cases/write-audit-checkpoint';

/**
 * A scheduled job: one sweep calling one use-case. Each job must be safe to run in any
 * number of processes at once (claim rows with FOR UPDATE SKIP LOCKED, idempotent effects
 * keyed by a unique de-duplication key) and safe to kill at any point.
 */
export type Job = {
  name: string;
  /** Kill switch: HANDOFF_JOB_<NAME>=off disables the job without a deploy. */
  enabled: () => boolean;
  run: (db: Db, now: Date) => Promise<{ processed: number }>;
  /**
   * Housekeeping that need not run every tick: after a successful run, this process skips the
   * job until this much time has passed. The first tick after start always runs it.
   */
  minIntervalMs?: number;
};

function switchFor(name: string) {
  const key = name.toUpperCase().replace(/-/g, '_');
  return () => getEnv().HANDOFF_JOBS[key] !== false;
}

export function defineJob(
  name: string,
  run: Job['run'],
  options: Pick<Job, 'minIntervalMs'> = {},
): Job {
  return { name, enabled: switchFor(name), run, ...options };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The registry, run in this order each tick. Duplicate-run protection: every job claims its
 * rows with FOR UPDATE SKIP LOCKED and writes effects under unique de-duplication keys, so
 * overlapping ticks and parallel scheduler processes never repeat an effect.
 */
export const jobs: Job[] = [
  defineJob('reminders', async (db, now) => ({ processed: await sendDueReminders(db, now) })),
  defineJob('escalations', async (db, now) => ({ processed: await escalateDueTasks(db, now) })),
  defineJob('step-retries', async (db, now) => ({ processed: await retryDueSteps(db, now) })),
  defineJob('wait-deadlines', async (db, now) => ({ processed: await expireWaits(db, now) })),
  // One digest per supervisor per period for groups in digest mode; HANDOFF_JOB_ESCALATION_DIGESTS=off.
  defineJob('escalation-digests', async (db, now) => ({
    processed: await sendEscalationDigests(db, now),
  })),
  defineJob('email-delivery', async (db, now) => ({ processed: await deliverEmails(db, now) })),
  // Outbound events (webhooks): signed POSTs from the outbox; HANDOFF_JOB_WEBHOOKS=off.
  defineJob('webhooks', async (db, now) => ({ processed: await deliverWebhooks(db, now) })),
  // Absences with dates start and end on time (and hand over open work); HANDOFF_JOB_ABSENCES=off.
  defineJob('absences', async (db, now) => ({ processed: await startAndEndAbsences(db, now) })),
  // Partitions exist months ahead, so a daily run (and one at start) leaves ample slack.
  defineJob(
    'audit-partitions',
    async (db, now) => ({ processed: (await maintainAuditPartitions(db, now)).length }),
    { minIntervalMs: DAY_MS },
  ),
  // Signed checkpoints of the audit chain heads that moved (needs a signing key; see README).
  defineJob('audit-checkpoints', async (db, now) => ({
    processed: await writeAuditCheckpoint(db, now),
  })),
  // This year's and next year's reference sequences exist before intake needs them.
  defineJob(
    'reference-sequences',
    async (db, now) => ({ processed: (await maintainReferenceSequences(db, now)).length }),
    { minIntervalMs: DAY_MS },
  ),
  // Predicted breach: step figures, then each group's predictions (HANDOFF_JOB_PREDICTIONS=off).
  defineJob('predictions', async (db, now) => ({ processed: await refreshPredictions(db, now) }), {
    minIntervalMs: 5 * 60_000,
  }),
];
