import postgres from 'postgres';
import type { DbHandle } from '../../db/client';
import { getDatabase } from '../data/database';
import { DomainError } from '../errors';
import { errorFields, log } from '../log';
import { CHANGE_CHANNEL, parseChangeEvent, type ChangeEvent } from './change-events';

/** What subscribers hear: announcements, or `lost` (the listener is down; end the stream). */
export type HubMessage = ChangeEvent | { kind: 'lost' };
type Subscriber = (message: HubMessage) => void;

/** The listener's connection on PostgreSQL, named so operators (and tests) can find it. */
export const LISTENER_APPLICATION_NAME = 'handoff-change-hub';

export type HubTimings = {
  /** After the listener's connection closed, how long listening again may take before streams end. */
  graceMs: number;
  /** While down, how often the hub tries to listen again. */
  retryMs: number;
};
const DEFAULT_TIMINGS: HubTimings = { graceMs: 5_000, retryMs: 5_000 };

/**
 * One LISTEN per process, fanned out to every open stream of this process: the database sees
 * one idle connection per web instance whatever the number of people online, and nothing else
 * while nothing changes (no probe: an idle inbox costs no transaction, scripts/bench/push.ts).
 *
 * On PostgreSQL the listener is a connection of our own, not postgres.js's `listen`: that one
 * reconnects and calls `onlisten` again, but when its one re-listen fails (the database was
 * unreachable at that moment) it gives up silently, and streams would look live while nothing
 * arrives. Here the connection's close is seen (`onclose`; a half-open connection is found by
 * TCP keepalive), and the hub listens again at once. Back within `graceMs`: every subscriber gets
 * a `resync` (announcements in between are lost). Not back: the hub is down — every subscriber
 * gets `lost` (streams end; browsers poll), new subscriptions are refused with 503 — and it tries
 * again every `retryMs`; once it listens, it is live again.
 * On PGlite the announcements arrive in-process, at the commit that made them; nothing can drop.
 */
type Hub = {
  subscribers: Set<Subscriber>;
  /** idle: not started; starting: first listen under way; reconnecting: within the grace. */
  state: 'idle' | 'starting' | 'live' | 'reconnecting' | 'down';
  started: Promise<void> | null;
  stop: (() => Promise<void>) | null;
  timings: HubTimings;
  /** The listener's backend pid (PostgreSQL), for diagnostics and tests. */
  pid: number | null;
};

const HUB_KEY = Symbol.for('handoff.change-hub');

function hub(): Hub {
  // On globalThis: Next bundles each route apart, and dev reloads modules; one hub per process.
  const g = globalThis as typeof globalThis & { [HUB_KEY]?: Hub };
  g[HUB_KEY] ??= {
    subscribers: new Set(),
    state: 'idle',
    started: null,
    stop: null,
    timings: DEFAULT_TIMINGS,
    pid: null,
  };
  return g[HUB_KEY];
}

function publish(message: HubMessage) {
  for (const fn of [...hub().subscribers]) {
    try {
      fn(message);
    } catch (e) {
      log.error('change subscriber failed', errorFields(e));
    }
  }
}

function onPayload(payload: string) {
  const event = parseChangeEvent(payload);
  if (event) publish(event);
  else log.warn('unreadable change announcement', { bytes: payload.length });
}

function markDown(why: string, e?: unknown) {
  const h = hub();
  if (h.state === 'down') return;
  h.state = 'down';
  log.error(`change listener down (${why}); streams end, browsers poll`, e ? errorFields(e) : {});
  publish({ kind: 'lost' });
}

/**
 * postgres.js options plus `onnotify`, the hook its own `listen` uses to receive announcements
 * (not in its type definitions): every NotificationResponse on the connection, channel and payload.
 */
type ListenerOptions = postgres.Options<Record<string, never>> & {
  onnotify: (channel: string, payload: string) => void;
};

/** Opens a connection that listens; `onClosed` runs if it closes later (not if it never opened). */
async function listenOnce(url: string, onClosed: () => void): Promise<postgres.Sql> {
  let open = false;
  const options: ListenerOptions = {
    max: 1,
    // A LISTEN holds its session for good: never closed for idleness or age.
    max_lifetime: null,
    keep_alive: 30,
    connect_timeout: 10,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: LISTENER_APPLICATION_NAME },
    onnotify: (channel, payload) => {
      if (channel === CHANGE_CHANNEL) onPayload(payload);
    },
    onclose: () => {
      if (open) {
        open = false;
        onClosed();
      }
    },
  };
  const client = postgres(url, options);
  try {
    await client.unsafe(`listen "${CHANGE_CHANNEL}"`);
    const [row] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
    hub().pid = row?.pid ?? null;
    open = true;
    return client;
  } catch (e) {
    await client.end({ timeout: 0 }).catch(() => {});
    throw e;
  }
}

async function startListening(handle: DbHandle): Promise<() => Promise<void>> {
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(CHANGE_CHANNEL, onPayload);
    return () => unlisten();
  }
  // Not the pool: a LISTEN holds its session for good, and the pool's connections come and go.
  const url = handle.url!;
  const h = hub();
  let stopped = false;
  let client: postgres.Sql | null = null;
  let grace: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const attempt = async () => {
    retry = null;
    try {
      const c = await listenOnce(url, onClosed);
      if (stopped) return void c.end({ timeout: 0 });
      client = c;
      if (grace) clearTimeout(grace);
      grace = null;
      h.state = 'live';
      log.warn('change listener listens again; streams resync');
      publish({ kind: 'resync' });
    } catch (e) {
      if (stopped) return;
      markDown('could not listen again', e);
      retry = setTimeout(() => void attempt(), h.timings.retryMs);
    }
  };
  function onClosed() {
    if (stopped) return;
    const old = client;
    client = null;
    void old?.end({ timeout: 0 }).catch(() => {});
    h.state = 'reconnecting';
    log.warn('change listener connection closed; listening again');
    grace = setTimeout(() => {
      grace = null;
      if (h.state !== 'live') markDown('not listening again in time');
    }, h.timings.graceMs);
    void attempt();
  }

  client = await listenOnce(url, onClosed);
  return async () => {
    stopped = true;
    if (grace) clearTimeout(grace);
    if (retry) clearTimeout(retry);
    await client?.end({ timeout: 5 });
  };
}

/** The change feed is down (the listener lost its connection): the caller should poll. */
export function changeFeedUnavailable(): DomainError {
  return new DomainError('unavailable', 'Live updates are unavailable; try again shortly.');
}

/**
 * Calls `fn` with every change announced from now on, until the returned function is called.
 * Resolves once the process listens, so a caller that then reads the database misses nothing.
 * Throws `changeFeedUnavailable()` while the listener is down.
 */
export async function subscribeChanges(fn: Subscriber): Promise<() => void> {
  const h = hub();
  if (h.state === 'down') throw changeFeedUnavailable();
  h.subscribers.add(fn);
  const unsubscribe = () => void h.subscribers.delete(fn);
  if (!h.started) {
    h.state = 'starting';
    h.started = (async () => {
      h.stop = await startListening(await getDatabase());
      h.state = 'live';
    })();
    // A failed start must not stick: the next subscriber tries again.
    h.started.catch((e) => {
      log.error('change listener could not start', errorFields(e));
      h.started = null;
      h.state = 'idle';
    });
  }
  try {
    await h.started;
  } catch {
    unsubscribe();
    throw changeFeedUnavailable();
  }
  return unsubscribe;
}

/** How the hub is doing (diagnostics and tests). */
export function changeHubStatus(): {
  state: Hub['state'];
  subscribers: number;
  pid: number | null;
} {
  const h = hub();
  return { state: h.state, subscribers: h.subscribers.size, pid: h.pid };
}

/** Shorter timings (tests). */
export function setChangeHubTimings(timings: Partial<HubTimings>): void {
  hub().timings = { ...DEFAULT_TIMINGS, ...timings };
}

/** Stops listening (tests; a server stops with its process). */
export async function stopChangeHub(): Promise<void> {
  const h = hub();
  const stop = h.stop;
  h.started = null;
  h.stop = null;
  h.state = 'idle';
  h.pid = null;
  h.subscribers.clear();
  await stop?.();
}
