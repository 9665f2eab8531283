/**
 * `DATABASE_URL=postgres://… npx tsx scripts/bench/intake-profile.ts [seconds] [--no-notify]`
 * (needs `npx next build` first; run it under the heavy-command lock)
 *
 * Where the web server's CPU goes during the intake load of scripts/bench/intake.ts: the same
 * production server, scratch database, token and claim mix, with `node --cpu-prof`; prints the
 * server's CPU per created case and the self time by package / our file and by function. Not a
 * benchmark (it writes no results): the figures it prints explain the intake benchmark's.
 * --no-notify disables the push triggers (migration 0011) of the scratch database first, to see
 * what their NOTIFY costs the same load.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as schema from '../../db/schema';
import { hashApiToken } from '../../lib/auth/api-token';
import { httpLoad } from './intake-load';
import { setPushTriggers } from './intake-floor';
import { formatNumber, requireDatabaseUrl, startServer, withScratchDb } from './lib';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type CpuProfile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

/** `node_modules/<pkg>` (scoped too), our file relative to the repository, or a V8 pseudo-frame. */
function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    // Next's server runtime is one package but several distinct costs: keep its top folder.
    if (pkg === 'next') return `next/${rest.slice(1, 4).join('/')}`;
    return pkg;
  }
  if (url.startsWith('node:')) return url;
  const cwd = `file://${process.cwd()}/`;
  if (url.startsWith(cwd)) return url.slice(cwd.length).replace(/\?.*$/, '');
  if (url.includes('/.next/')) return `.next/${url.split('/.next/')[1]!.split('/')[0]}`;
  return url;
}

/**
 * Loaded into the server with NODE_OPTIONS=--require (which refuses --cpu-prof): the first
 * SIGUSR2 starts V8's sampling profiler in-process, the second stops it and writes the profile
 * to PROFILE_FILE, so the profile covers the load and nothing else.
 */
const PRELOAD = `
const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
        session.post('Profiler.start')));
    return;
  }
  session.post('Profiler.stop', (err, res) => {
    fs.writeFileSync(process.env.PROFILE_FILE + '.tmp', JSON.stringify(err ? {} : res.profile));
    fs.renameSync(process.env.PROFILE_FILE + '.tmp', process.env.PROFILE_FILE);
  });
});
`;

async function waitForFile(file: string) {
  for (let i = 0; i < 100 && !fs.existsSync(file); i++)
    await new Promise((r) => setTimeout(r, 200));
  if (!fs.existsSync(file)) throw new Error(`No CPU profile was written to ${file}`);
}

/** The built chunks' source maps, so a frame of a minified chunk names its source file. */
const maps = new Map<string, SourceMap | null>();
function originalOf(url: string, line: number, column: number): string | null {
  if (!url.includes('/.next/')) return null;
  const file = url.replace(/^file:\/\//, '');
  if (!maps.has(file)) {
    const map = `${file}.map`;
    maps.set(
      file,
      fs.existsSync(map) ? new SourceMap(JSON.parse(fs.readFileSync(map, 'utf8')) as never) : null,
    );
  }
  const entry: { originalSource?: string; originalLine?: number } | undefined = maps
    .get(file)
    ?.findEntry(line, column);
  if (!entry?.originalSource) return null;
  const src = entry.originalSource
    .replace(/^.*\[project\]\//, '')
    .replace(/^turbopack:\/\/\/?/, '')
    .replace(/ \[.*$/, '');
  return `${src}:${(entry.originalLine ?? 0) + 1}`;
}

/** A frame as people read it: the source file and line (through source maps) and the function. */
function labelOf(n: ProfileNode): string {
  const { url, functionName, lineNumber, columnNumber } = n.callFrame;
  const original = originalOf(url, lineNumber, columnNumber);
  return `${functionName || '(anonymous)'} ${original ?? `${bucketOf(url, functionName)}:${lineNumber + 1}`}`;
}

/**
 * Inclusive time (ms) of every frame whose label matches `keep`: each sample counts once for
 * every distinct such frame on its stack.
 */
function inclusiveTimes(p: CpuProfile, keep: (label: string) => boolean) {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const labels = new Map<number, string>();
  const label = (id: number) => {
    let l = labels.get(id);
    if (l === undefined) labels.set(id, (l = labelOf(byId.get(id)!)));
    return l;
  };
  const out = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const l = label(id);
      if (keep(l)) seen.add(l);
    }
    for (const l of seen) out.set(l, (out.get(l) ?? 0) + dt);
  }
  return out;
}

/** Self time (ms) by bucket and by function. */
function selfTimes(p: CpuProfile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(p.samples[i]!)!;
    const { url, functionName, lineNumber, columnNumber } = n.callFrame;
    const original = originalOf(url, lineNumber, columnNumber);
    const b = original ? original.replace(/:\d+$/, '') : bucketOf(url, functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
    const f = labelOf(n);
    functions.set(f, (functions.get(f) ?? 0) + dt);
    total += dt;
  }
  return { buckets, functions, total };
}

function top(m: Map<string, number>, n: number, perCase: number) {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `  ${formatNumber(ms / perCase, 3).padStart(8)} ms/case  ${k}`)
    .join('\n');
}

/** Prints where the server's CPU went, per created case. */
function analyse(file: string, created: number) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const { buckets, functions, total } = selfTimes(profile);
  const idle = buckets.get('(idle)') ?? 0;
  const busy = total - idle;
  console.log(
    `server CPU during the load: ${formatNumber(busy)} ms of ${formatNumber(total)} ms sampled ` +
      `(${formatNumber((busy / Math.max(1, total)) * 100)}% busy), ${formatNumber(busy / created, 3)} ms per created case`,
  );
  buckets.delete('(idle)');
  console.log(`\nSelf time by package or file:\n${top(buckets, 400, created)}`);
  console.log(`\nSelf time by function:\n${top(functions, 60, created)}`);
  const ours = inclusiveTimes(profile, (l) =>
    / (\.\.\/)*(lib|app|db)\/|node_modules\/(drizzle-orm|zod|luxon|postgres|next)\//.test(l),
  );
  console.log(`\nInclusive time of our functions and their libraries:\n${top(ours, 80, created)}`);
}

async function main() {
  const analyseAt = process.argv.indexOf('--analyse');
  if (analyseAt > 0) {
    // `--analyse <file> <created cases>`: a profile taken earlier, against the current build.
    analyse(process.argv[analyseAt + 1]!, Number(process.argv[analyseAt + 2]));
    return;
  }
  const baseUrl = requireDatabaseUrl('intake-profile');
  const seconds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 15);
  const noNotify = process.argv.includes('--no-notify');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-profile-'));
  await withScratchDb('intake_profile', { max: 4, baseUrl }, async (scratch) => {
    const plain = `hnd_${randomBytes(24).toString('base64url')}`;
    await scratch.db.insert(schema.apiTokens).values({
      name: 'bench intake profile',
      tokenHash: hashApiToken(plain),
      displayPrefix: plain.slice(0, 8),
      scopes: ['cases:write', 'cases:read'],
    });
    if (noNotify) await setPushTriggers(scratch.url, false);
    const preload = path.join(dir, 'preload.cjs');
    const file = path.join(dir, 'server.cpuprofile');
    fs.writeFileSync(preload, PRELOAD);
    const server = await startServer({
      databaseUrl: scratch.url,
      port: 3334,
      env: { NODE_ENV: 'production', NODE_OPTIONS: `--require ${preload}`, PROFILE_FILE: file },
    });
    let created: number;
    try {
      await httpLoad(server.url, plain, 4, 'warm');
      server.process.kill('SIGUSR2');
      const load = await httpLoad(server.url, plain, seconds, 'run');
      server.process.kill('SIGUSR2');
      await waitForFile(file);
      created = load.statuses.get(201) ?? 0;
      console.log(
        `${formatNumber(load.throughput)} cases/s over ${seconds} s${noNotify ? ' (push triggers off)' : ''}, statuses ${JSON.stringify(Object.fromEntries(load.statuses))}`,
      );
    } finally {
      await server.stop();
    }
    analyse(file, created);
    console.log(`\nprofile: ${file}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
