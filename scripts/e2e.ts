import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { e2eOidcEnv } from '../tests/helpers/oidc-e2e';
import { ensureBuild } from './build-state';
import { findChromium, INSTALL_HINT } from './chromium';

/**
 * Browser tests: a production build served by `next start` on a fresh database (a temporary
 * PGlite folder, or a new PostgreSQL database when DATABASE_URL is set) seeded with the demo,
 * driven by Playwright in real Chromium. Exit code 0 = passed or (outside CI) skipped.
 */
export async function runE2e(extraArgs: string[] = []): Promise<number> {
  const browser = await findChromium();
  if (!browser) {
    if (process.env.CI === 'true') {
      console.error(`Browser tests FAILED: no Chromium found and CI=true. ${INSTALL_HINT}`);
      return 1;
    }
    console.warn(`\nBrowser tests SKIPPED: no Chromium found. ${INSTALL_HINT}\n`);
    return 0;
  }
  console.log(`Browser tests in ${browser.path} (${browser.source})`);
  ensureBuild();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    E2E_CHROMIUM_PATH: browser.path,
    E2E_PORT: process.env.E2E_PORT ?? '3210',
    HANDOFF_SEED_ON_START: 'always',
    HANDOFF_SCHEDULER: 'on',
    // A fast scheduler and a demo task due 25 s after seeding, so escalation is seen live.
    HANDOFF_CRON: '*/2 * * * * *',
    HANDOFF_DEMO_DUE_SOON_SECONDS: '25',
    NEXTAUTH_SECRET: 'e2e-secret-not-for-production',
    // Signed audit checkpoints, so the evidence bundle carries the ones covering its case.
    HANDOFF_AUDIT_KEYS: `e2e:${randomBytes(32).toString('base64url')}`,
    NEXT_TELEMETRY_DISABLED: '1',
    // Outbound events to the specs' receivers on 127.0.0.1, dead after 3 quick attempts.
    HANDOFF_WEBHOOK_ALLOW_PRIVATE: 'yes',
    HANDOFF_WEBHOOK_MAX_ATTEMPTS: '3',
    HANDOFF_WEBHOOK_BACKOFF_BASE_SECONDS: '1',
    HANDOFF_WEBHOOK_BACKOFF_MAX_SECONDS: '2',
  };
  env.NEXTAUTH_URL = `http://localhost:${env.E2E_PORT}`;
  // Single sign-on against a real OpenID Connect provider that playwright.config.ts starts
  // (tests/e2e/sso.spec.ts); password sign-in stays on for every other spec.
  Object.assign(env, await e2eOidcEnv(env.NEXTAUTH_URL));
  let cleanup: () => Promise<void> | void = () => {};
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `handoff_e2e_${process.pid}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-e2e-'));
    env.HANDOFF_DATA_DIR = dir;
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    const r = spawnSync(path.resolve('node_modules/.bin/playwright'), ['test', ...extraArgs], {
      stdio: 'inherit',
      env,
    });
    return r.status ?? 1;
  } finally {
    await cleanup();
  }
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith('e2e')) {
  void runE2e(process.argv.slice(2)).then((code) => process.exit(code));
}
