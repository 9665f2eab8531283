/** The web server and sign-in, for the benchmarks over HTTP (see lib.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import { DEMO_PASSWORD } from '../seed/demo-data';

export type BenchServer = {
  url: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop: () => Promise<void>;
};

/**
 * Starts the production build (scripts/serve.ts, as `npm start` and the browser tests do) on
 * `databaseUrl` at `port`, without the scheduler and without seeding (the scratch database is
 * already seeded), and waits for /api/health. Needs a build: scripts/bench.ts makes sure of it.
 * `env` adds or overrides variables (e.g. HANDOFF_SCHEDULER, a pool size).
 */
export async function startServer(options: {
  databaseUrl: string;
  port: number;
  env?: Record<string, string>;
  /** Print the server's output (default: only when it fails to start). */
  verbose?: boolean;
}): Promise<BenchServer> {
  const url = `http://localhost:${options.port}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve.ts', '--port', String(options.port)],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl,
        HANDOFF_SEED_ON_START: 'never',
        HANDOFF_SCHEDULER: 'off',
        NEXTAUTH_SECRET: 'bench-secret-not-for-production',
        NEXTAUTH_URL: url,
        NEXT_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
    if (options.verbose) process.stdout.write(b);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited (${child.exitCode}) before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, process: child, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`The server did not answer ${url}/api/health within 120 s:\n${output}`);
}

/** Cookies of a response as `name=value` pairs (attributes dropped). */
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/**
 * Signs in through next-auth's credentials endpoint, as the sign-in form does; returns the Cookie
 * header value of the session, for `fetch(url, { headers: { cookie } })`. Throws when refused.
 */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map(cookiesOf(csrfRes).map((c) => [c.split('=')[0]!, c]));
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [...jar.values()].join('; '),
    },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  });
  for (const c of cookiesOf(res)) jar.set(c.split('=')[0]!, c);
  const session = [...jar.keys()].find((k) => k.includes('session-token'));
  if (!session) throw new Error(`Sign-in as ${email} was refused (status ${res.status})`);
  return [...jar.values()].join('; ');
}
