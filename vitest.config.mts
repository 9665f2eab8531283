import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    include: [
      'lib/**/*.test.ts',
      'app/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'db/**/*.test.ts',
      'cron/**/*.test.ts',
      'tests/lint/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are CPU-heavy; more workers only thrash.
    maxWorkers: 2,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
