import { getEnv } from '../lib/env';
import { closeDatabase, getDb } from '../lib/data/database';
import { errorFields, log } from '../lib/log';
import { startScheduler } from './scheduler';

/** `npm run cron`: a scheduler process of its own. Any number may run against one PostgreSQL. */
async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    console.error(
      'npm run cron needs DATABASE_URL: the embedded database (PGlite) is single-process, so on it the ' +
        'scheduler runs inside the web server (npm start). Set DATABASE_URL to run separate scheduler processes.',
    );
    process.exit(2);
  }
  await getDb(); // migrate before the first tick
  const scheduler = startScheduler({ getDb, expression: env.HANDOFF_CRON });
  const shutdown = async (signal: string) => {
    log.info('scheduler stopping', { signal });
    await scheduler.stop();
    await closeDatabase();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  log.error('scheduler failed to start', errorFields(e));
  process.exit(1);
});
