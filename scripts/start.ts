import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { demoUsers, DEMO_PASSWORD, DEMO_TOKEN } from './seed/seed-demo';
import { dataDir, getEnv } from '../lib/env';
import { isLoopbackHost } from '../lib/domain/network-exposure';
import { ensureBuild } from './build-state';
import { listenUrls } from './serve-urls';

/**
 * `npm start`: build if needed, then run the web server (which migrates, seeds an empty
 * embedded database and runs the scheduler in-process on PGlite), wait until healthy, and
 * print where to go and how to sign in.
 */
function ensureSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'nextauth-secret');
  if (!fs.existsSync(file))
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The audit checkpoint signing key of the local demo: HANDOFF_AUDIT_KEY_FILE or HANDOFF_AUDIT_KEYS
 * when set, else a key file generated once in the data directory.
 */
function ensureAuditKeyFile(): Record<string, string> {
  if (process.env.HANDOFF_AUDIT_KEY_FILE || process.env.HANDOFF_AUDIT_KEYS) return {};
  const file = path.join(dataDir(), 'audit-keys');
  if (!fs.existsSync(file))
    fs.writeFileSync(
      file,
      `# Audit checkpoint signing keys: "id secret" per line; the last one signs.\n` +
        `demo-${new Date().toISOString().slice(0, 10)} ${randomBytes(32).toString('base64url')}\n`,
      { mode: 0o600 },
    );
  return { HANDOFF_AUDIT_KEY_FILE: file };
}

function refuseIfEmbeddedInUse() {
  const lock = path.join(dataDir(), 'pglite.lock');
  if (!fs.existsSync(lock)) return;
  const pid = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale lock of a dead process; the server takes it over
  }
  console.error(
    `The embedded database in ${dataDir()} is in use by process ${pid}. PGlite is single-process: ` +
      'stop that process first, or set DATABASE_URL to share a PostgreSQL server.',
  );
  process.exit(1);
}

async function waitHealthy(
  url: string,
  child: ReturnType<typeof spawn>,
  timeoutMs = 180_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main() {
  const env = getEnv();
  const embedded = !env.DATABASE_URL;
  if (embedded) refuseIfEmbeddedInUse();
  ensureBuild();
  const url = `http://localhost:${env.PORT}`;
  // One process: Next.js behind Handoff's own HTTP server (scripts/serve.ts), which establishes
  // each client's address and refuses to expose the demo credentials beyond this machine.
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/serve.ts')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXTAUTH_SECRET: ensureSecret(),
      ...ensureAuditKeyFile(),
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? url,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));

  // Health is asked on this machine whatever HOST is; 0.0.0.0 and :: answer on loopback too.
  const healthUrl =
    isLoopbackHost(env.HOST) || ['0.0.0.0', '::'].includes(env.HOST)
      ? url
      : listenUrls(env.HOST, env.PORT)[0]!;
  if (await waitHealthy(healthUrl, child)) {
    const network = isLoopbackHost(env.HOST)
      ? []
      : listenUrls(env.HOST, env.PORT).filter((u) => u !== url);
    const lines = [
      '',
      `  Handoff is running at ${isLoopbackHost(env.HOST) ? url : (network[0] ?? url)}`,
      ...(isLoopbackHost(env.HOST)
        ? ['  (this machine only; set HOST=0.0.0.0 to listen on the network — see README)']
        : network.slice(1).map((u) => `  also at ${u}`)),
      `  Database: ${embedded ? `embedded PGlite in ${path.join(dataDir(), 'pglite')}` : 'PostgreSQL (DATABASE_URL)'}`,
      `  Scheduler: ${env.HANDOFF_SCHEDULER === 'off' || (env.HANDOFF_SCHEDULER === 'auto' && !embedded) ? 'not in this process (run npm run cron)' : 'running inside the server'}`,
      '',
      ...(env.HANDOFF_SEED_ON_START === 'never'
        ? [
            '  No demo data (HANDOFF_SEED_ON_START=never); create an admin with npm run admin:create.',
          ]
        : [
            `  Demo sign-ins (password "${DEMO_PASSWORD}"):`,
            ...demoUsers.map(
              (u) =>
                `    ${u.email.padEnd(24)} ${u.role}${u.groups.length ? ` · ${u.groups.join(', ')}` : ''}`,
            ),
            `  API token: ${DEMO_TOKEN}`,
          ]),
      '',
    ];
    console.log(lines.join('\n'));
  } else if (child.exitCode === null) {
    console.error(`Handoff did not become healthy; see ${healthUrl}/api/health and the log above.`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
