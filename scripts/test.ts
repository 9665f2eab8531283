import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runE2e } from './e2e';

/**
 * `npm test`: unit and integration tests (vitest; PostgreSQL when DATABASE_URL is set, else
 * PGlite), then the browser tests (Playwright in Chromium against a production build).
 */
async function main() {
  const target = process.env.DATABASE_URL
    ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host})`
    : 'embedded PGlite';
  console.log(`\n== Unit and integration tests on ${target}\n`);
  const unit = spawnSync(path.resolve('node_modules/.bin/vitest'), ['run'], { stdio: 'inherit' });
  if (unit.status !== 0) process.exit(unit.status ?? 1);
  console.log(`\n== Browser tests on ${target}\n`);
  process.exit(await runE2e());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
