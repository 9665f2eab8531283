import bcrypt from 'bcryptjs';
import { Worker } from 'node:worker_threads';
import { errorFields, log } from '../log';

/** bcrypt, cost 11: slow and salted by design; the cost is stored in each hash so it can rise later. */
const COST = 11;

/**
 * Password checks waiting beyond this many are refused at once (PasswordCheckBusy): a flood of
 * sign-ins from many addresses then costs the server a bounded amount of hashing.
 */
export const MAX_QUEUED_PASSWORD_CHECKS = 16;

export class PasswordCheckBusy extends Error {
  constructor() {
    super('Too many password checks are waiting.');
  }
}

/**
 * bcrypt runs on a worker thread, one hash at a time. bcryptjs is plain JavaScript: on the main
 * thread each hash takes ~150–200 ms of CPU in 100 ms slices, and N concurrent ones block the
 * event loop for N × 100 ms at a time — every page, API call, scheduler tick (and, on PGlite,
 * every query) waits behind them. The worker resolves bcryptjs from the working directory
 * (the project root for `npm start`, scripts and tests) so the bundler does not need to know it.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createRequire } = require('node:module');
const path = require('node:path');
const bcrypt = createRequire(path.join(process.cwd(), 'package.json'))('bcryptjs');
parentPort.on('message', (m) => {
  try {
    const value = m.op === 'compare' ? bcrypt.compareSync(m.plain, m.hash) : bcrypt.hashSync(m.plain, m.cost);
    parentPort.postMessage({ id: m.id, value });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});`;

type Job =
  { op: 'compare'; plain: string; hash: string } | { op: 'hash'; plain: string; cost: number };
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Pool = {
  worker: Worker | null;
  failures: number;
  nextId: number;
  pending: Map<number, Pending>;
  /** In-thread fallback when no worker can start: one hash at a time. */
  chain: Promise<unknown>;
};

const POOL = Symbol.for('handoff.bcrypt-pool');
function pool(): Pool {
  const g = globalThis as typeof globalThis & { [POOL]?: Pool };
  return (g[POOL] ??= {
    worker: null,
    failures: 0,
    nextId: 1,
    pending: new Map(),
    chain: Promise.resolve(),
  });
}

function startWorker(p: Pool): Worker | null {
  if (p.worker) return p.worker;
  if (p.failures >= 2) return null;
  try {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const job = p.pending.get(m.id);
      p.pending.delete(m.id);
      if (!p.pending.size) w.unref();
      if (m.error !== undefined) job?.reject(new Error(m.error));
      else job?.resolve(m.value);
    });
    const fail = (e: Error) => {
      p.failures++;
      log.warn('bcrypt worker failed; password checks may run on the main thread', errorFields(e));
      p.worker = null;
      for (const job of p.pending.values()) job.reject(e);
      p.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (p.worker === w) fail(new Error(`bcrypt worker exited with code ${code}`));
    });
    w.unref();
    p.worker = w;
    return w;
  } catch (e) {
    p.failures++;
    log.warn(
      'bcrypt worker could not start; password checks run on the main thread',
      errorFields(e),
    );
    return null;
  }
}

function inThread(job: Job): Promise<unknown> {
  return job.op === 'compare'
    ? bcrypt.compare(job.plain, job.hash)
    : bcrypt.hash(job.plain, job.cost);
}

function run(job: Job): Promise<unknown> {
  const p = pool();
  if (p.pending.size >= MAX_QUEUED_PASSWORD_CHECKS) return Promise.reject(new PasswordCheckBusy());
  const w = startWorker(p);
  if (!w) {
    const result = p.chain.then(() => inThread(job));
    p.chain = result.catch(() => undefined);
    return result;
  }
  const id = p.nextId++;
  return new Promise((resolve, reject) => {
    p.pending.set(id, { resolve, reject });
    // Keeps a script alive while it waits for a hash; unref'd again when the queue is empty.
    w.ref();
    w.postMessage({ id, ...job });
  });
}

/** Password checks waiting or running now. */
export function queuedPasswordChecks(): number {
  return pool().pending.size;
}

export async function hashPassword(plain: string): Promise<string> {
  return (await run({ op: 'hash', plain, cost: COST })) as string;
}

export async function verifyPassword(
  plain: string,
  hash: string | null | undefined,
): Promise<boolean> {
  // Compare against a fixed hash when there is none, so timing does not reveal which accounts exist.
  return (await run({ op: 'compare', plain, hash: hash ?? DUMMY_HASH })) === true;
}

const DUMMY_HASH = '$2b$11$C6UzMDM.H6dfI/f/IKxGhuZtNW2Ed3s4hdjYeQW3W8v6YwqNfGZSu';
