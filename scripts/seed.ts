import { dropEverything, isSeeded, seedDemo } from './seed/seed-demo';
import { migrateDatabase, openConfiguredDatabase } from '../lib/data/database';

/**
 * `npm run db:seed` seeds the demo into an empty database.
 * `npm run db:seed -- --reset` first drops every table (all data is lost), then migrates and seeds.
 */
async function main() {
  const reset = process.argv.includes('--reset');
  const handle = await openConfiguredDatabase();
  try {
    if (reset) {
      await dropEverything(handle.db);
      console.log(`Dropped all tables on ${handle.location}.`);
    }
    await migrateDatabase(handle);
    if (await isSeeded(handle.db)) {
      console.log(
        `${handle.location} already has data; nothing seeded. Use "npm run db:seed -- --reset" to start over (this deletes all data).`,
      );
      return;
    }
    const result = await seedDemo(handle.db);
    console.log(
      `Seeded ${handle.location}: ${result.cases} cases, ${result.tasks} tasks, demo users and the demo-intake-token.`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
