/**
 * The Handoff web server: Next.js behind a plain Node HTTP server (Next's documented custom
 * server), so that every request carries the client address established from its socket
 * (lib/auth/client-address.ts) before Next sees it — `next start` cannot tell a forged
 * X-Forwarded-For from its own. One process: `npm start` and the browser tests run it as
 * `node --import tsx scripts/serve.ts [--dev] [--port N] [--host H]`.
 *
 * It listens on HOST (loopback unless set) and refuses a non-loopback address while the demo
 * credentials still work, unless HANDOFF_ALLOW_DEMO_ON_NETWORK=yes.
 */
import http from 'node:http';
import { listenUrls } from './serve-urls';

function argValue(names: string[]): string | undefined {
  const i = process.argv.findIndex((a) => names.includes(a));
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dev = process.argv.includes('--dev');
// Next reads NODE_ENV when its modules load (`next start` sets it the same way).
(process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';
if (argValue(['--port', '-p'])) process.env.PORT = argValue(['--port', '-p']);
if (argValue(['--host', '-H'])) process.env.HOST = argValue(['--host', '-H']);

/** Opens the database once to see whether the demo credentials still work, then closes it (PGlite is single-process; Next opens it again). */
async function demoCredentialsNow() {
  const { openConfiguredDatabase, prepareDatabase } = await import('../lib/data/database');
  const { findDemoCredentials } = await import('../lib/use-cases/find-demo-credentials');
  const handle = await openConfiguredDatabase();
  try {
    await prepareDatabase(handle);
    return await findDemoCredentials(handle.db, new Date());
  } finally {
    await handle.close();
  }
}

async function main() {
  const { getEnv } = await import('../lib/env');
  const { decideListen, needsDemoCheck } = await import('../lib/domain/network-exposure');
  const { enableClientAddressStamping, stampClientAddress } =
    await import('../lib/auth/client-address');
  const env = getEnv();
  const host = env.HOST;
  const decision = decideListen({
    host,
    allowDemoOnNetwork: env.HANDOFF_ALLOW_DEMO_ON_NETWORK === 'yes',
    demo: needsDemoCheck(host) ? await demoCredentialsNow() : null,
  });
  if (!decision.allowed) {
    console.error(`\n${decision.message}\n`);
    process.exit(2);
  }
  if (decision.warning) console.warn(`\n  WARNING: ${decision.warning}\n`);

  const { default: next } = await import('next');
  const app = next({ dev, dir: process.cwd(), hostname: host, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  enableClientAddressStamping();
  const trusted = env.HANDOFF_TRUSTED_PROXIES;
  const server = http.createServer((req, res) => {
    stampClientAddress(req, trusted);
    void handle(req, res);
  });
  server.on('error', (e) => {
    console.error(`Handoff could not listen on ${host}:${env.PORT}: ${e.message}`);
    process.exit(1);
  });
  server.listen(env.PORT, host, () => {
    console.log(`Handoff listening on ${listenUrls(host, env.PORT).join(' ')}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
