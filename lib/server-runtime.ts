import { startScheduler } from '../cron/scheduler';
import { getDb, getDatabase } from './data/database';
import { assertSessionSecret, getEnv } from './env';
import { errorFields, log } from './log';

const STARTED = Symbol.for('handoff.runtime');

/**
 * Opens (migrates, seeds) the database at server start, so the first request is fast and a
 * locked or unreachable database is reported at once. On the embedded database the scheduler
 * must live in this process (PGlite is single-process); on PostgreSQL it runs as `npm run cron`.
 */
export async function startServerRuntime(): Promise<void> {
  const g = globalThis as typeof globalThis & { [STARTED]?: boolean };
  if (g[STARTED]) return;
  g[STARTED] = true;
  const env = getEnv();
  assertSessionSecret();
  try {
    await getDatabase();
  } catch (e) {
    // Keep serving: /api/health answers 503 with the reason instead of the server dying silently.
    log.error('database unavailable at start', errorFields(e));
  }
  // The scheduler asks for the database on every tick, so it recovers when the database does.
  const inProcess =
    env.HANDOFF_SCHEDULER === 'on' || (env.HANDOFF_SCHEDULER === 'auto' && !env.DATABASE_URL);
  if (inProcess) startScheduler({ getDb, expression: env.HANDOFF_CRON });
}
