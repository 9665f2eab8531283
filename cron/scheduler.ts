import cron from 'node-cron';
import type { Db } from '../db/client';
import { errorFields, log } from '../lib/log';
import { jobs as registeredJobs, type Job } from './jobs';

export type Scheduler = { stop: () => Promise<void>; tick: () => Promise<void> };

/**
 * node-cron is only the trigger (UTC, one tick a minute by default). All scheduling state
 * lives in the database, so a missed tick — downtime, DST, a slow sweep — is caught up by the
 * next one, and running several copies never duplicates an effect.
 */
export function startScheduler(options: {
  getDb: () => Promise<Db>;
  expression: string;
  jobs?: Job[];
  now?: () => Date;
}): Scheduler {
  const jobs = options.jobs ?? registeredJobs;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  /** Job name → when it last succeeded in this process (for jobs with minIntervalMs). */
  const lastSuccess = new Map<string, number>();

  const tick = async () => {
    if (running) return running; // one tick at a time per process
    running = (async () => {
      let db: Db;
      try {
        db = await options.getDb();
      } catch (e) {
        log.error('scheduler tick skipped: database unavailable', errorFields(e));
        return;
      }
      for (const job of jobs) {
        if (!job.enabled()) continue;
        const started = Date.now();
        const at = now();
        const last = lastSuccess.get(job.name);
        if (job.minIntervalMs && last !== undefined && at.getTime() - last < job.minIntervalMs)
          continue;
        try {
          const { processed } = await job.run(db, at);
          lastSuccess.set(job.name, at.getTime());
          if (processed > 0)
            log.info('job finished', { job: job.name, processed, ms: Date.now() - started });
        } catch (e) {
          log.error('job failed', { job: job.name, ...errorFields(e) });
        }
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };

  if (!cron.validate(options.expression))
    throw new Error(`HANDOFF_CRON "${options.expression}" is not a valid cron expression`);
  const task = cron.schedule(options.expression, () => void tick(), {
    name: 'handoff-scheduler',
    timezone: 'UTC',
    noOverlap: true,
  });
  // Catch up at start: work that fell due while no scheduler ran is done now, not a minute later.
  void tick();
  log.info('scheduler started', { expression: options.expression, jobs: jobs.map((j) => j.name) });

  return {
    tick,
    stop: async () => {
      await task.stop();
      await running;
    },
  };
}
