import { closeDatabase, migrateDatabase, openConfiguredDatabase } from '../lib/data/database';
import { getMigrationStatus } from '../db/migrate';

/** `npm run db:migrate`: applies pending migrations to the configured database. */
async function main() {
  const handle = await openConfiguredDatabase();
  try {
    await migrateDatabase(handle);
    const status = await getMigrationStatus(handle.db);
    console.log(
      `Migrations applied on ${handle.location}: ${status.applied} of ${status.expected} (latest ${status.latest}).`,
    );
  } finally {
    await handle.close();
    await closeDatabase();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
