import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/chromium';

const port = Number(process.env.E2E_PORT ?? 3210);
const executablePath = process.env.E2E_CHROMIUM_PATH || undefined;

/** Run through `npm run test:e2e` (scripts/e2e.ts), which picks the browser and prepares a fresh database. */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    // The tests' OpenID Connect provider (tests/e2e/sso.spec.ts), when scripts/e2e.ts set it up.
    ...(process.env.E2E_OIDC_PORT
      ? [
          {
            command: 'node --import tsx tests/helpers/oidc-provider.ts',
            url: `${process.env.HANDOFF_OIDC_ISSUER}/.well-known/openid-configuration`,
            timeout: 60_000,
            reuseExistingServer: false,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
    {
      // Handoff's own server (scripts/serve.ts, one process): it establishes each client's address
      // from the socket, which sign-in needs; a bare `next start` would refuse every sign-in.
      command: `node --import tsx scripts/serve.ts --port ${port}`,
      url: `http://localhost:${port}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
