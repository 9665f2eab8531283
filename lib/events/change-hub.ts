import postgres from 'postgres';
import type { DbHandle } from '../../db/client';
import { getDatabase } from '../data/database';
import { errorFields, log } from '../log';
import { CHANGE_CHANNEL, parseChangeEvent, type ChangeEvent } from './change-events';

type Subscriber = (event: ChangeEvent) => void;

/**
 * One LISTEN per process, fanned out to every open stream of this process: the database sees
 * one idle connection per web instance whatever the number of people online, and nothing
 * else while nothing changes. On PostgreSQL the listener has a connection of its own (postgres.js
 * reconnects it and listens again; announcements sent meanwhile are lost, so subscribers get a
 * `resync`). On PGlite the announcements arrive in-process, at the commit that made them.
 */
type Hub = {
  subscribers: Set<Subscriber>;
  started: Promise<void> | null;
  stop: (() => Promise<void>) | null;
};

const HUB_KEY = Symbol.for('handoff.change-hub');

function hub(): Hub {
  // On globalThis: Next bundles each route apart, and dev reloads modules; one hub per process.
  const g = globalThis as typeof globalThis & { [HUB_KEY]?: Hub };
  g[HUB_KEY] ??= { subscribers: new Set(), started: null, stop: null };
  return g[HUB_KEY];
}

function publish(event: ChangeEvent) {
  for (const fn of hub().subscribers) {
    try {
      fn(event);
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

async function startListening(handle: DbHandle): Promise<() => Promise<void>> {
  if (handle.pglite) {
    const unlisten = await handle.pglite.listen(CHANGE_CHANNEL, onPayload);
    return () => unlisten();
  }
  // Not the pool: a LISTEN holds its session for good, and the pool's connections come and go.
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  let listening = false;
  await client.listen(CHANGE_CHANNEL, onPayload, () => {
    // Called again after each reconnect: what was announced in between is lost.
    if (listening) {
      log.warn('change listener reconnected; streams resync');
      publish({ kind: 'resync' });
    }
    listening = true;
  });
  return () => client.end({ timeout: 5 });
}

/**
 * Calls `fn` with every change announced from now on, until the returned function is called.
 * Resolves once the process listens, so a caller that then reads the database misses nothing.
 */
export async function subscribeChanges(fn: Subscriber): Promise<() => void> {
  const h = hub();
  h.subscribers.add(fn);
  const unsubscribe = () => void h.subscribers.delete(fn);
  if (!h.started) {
    h.started = (async () => {
      h.stop = await startListening(await getDatabase());
    })();
    // A failed start must not stick: the next subscriber tries again.
    h.started.catch(() => {
      h.started = null;
    });
  }
  try {
    await h.started;
  } catch (e) {
    unsubscribe();
    throw e;
  }
  return unsubscribe;
}

/** Stops listening (tests; a server stops with its process). */
export async function stopChangeHub(): Promise<void> {
  const h = hub();
  const stop = h.stop;
  h.started = null;
  h.stop = null;
  h.subscribers.clear();
  await stop?.();
}
