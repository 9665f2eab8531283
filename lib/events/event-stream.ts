import type { Db } from '../../db/client';
import { loadSessionActor } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { getEnv } from '../env';
import { errorFields, log } from '../log';
import { capSignal, mergeSignals, signalFor, type ChangeEvent } from './change-events';
import { changeFeedUnavailable, subscribeChanges, type HubMessage } from './change-hub';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;
/** Announcements this close together reach a browser as one message (a bulk action, a sweep). */
export const COALESCE_MS = 100;
/**
 * While announcements keep coming (a batched sweep), each window is twice the last, up to this:
 * a browser refetches a few times during a long burst, not ten times a second.
 */
export const MAX_COALESCE_MS = 1_000;
/**
 * A change that makes every stream re-read its person (over 150 people, or a resync) is spread
 * over this long, so a thousand open streams do not ask the database at the same moment.
 */
export const RELOAD_SPREAD_MS = 1_000;
/**
 * Open streams per person (tabs, devices); opening one more ends their oldest. The default of
 * HANDOFF_MAX_STREAMS_PER_PERSON (the push benchmark raises it to hold many streams of one person).
 */
export const maxStreamsPerPerson = () => getEnv().HANDOFF_MAX_STREAMS_PER_PERSON;
/** Bytes a stream may have queued, unread by its browser, before it is dropped. */
export const MAX_BUFFERED_BYTES = 64 * 1024;
/** Announcements kept for one window; past this they count as "everything changed". */
const MAX_PENDING_EVENTS = 50;
/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RETRY_MS = 3_000;

export type StreamOptions = {
  db: Db;
  actor: UserActor;
  /** The session's sign-in time: a password change after it ends the stream (as it ends the session). */
  signedInAt: number | null;
  /** When the session expires: the stream ends then, and the browser's reconnect is checked afresh. */
  expiresAt: number | null;
  signal: AbortSignal;
  /** Defaults to MAX_BUFFERED_BYTES (tests pass less). */
  maxBufferedBytes?: number;
  /** For the spread of re-reads; Math.random unless a test passes another. */
  random?: () => number;
};

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/** Each person's open streams, oldest first (a Set keeps insertion order); per process. */
const STREAMS_KEY = Symbol.for('handoff.event-streams');
type OpenStream = { close: () => void; evict: () => void };
function openStreams(): Map<string, Set<OpenStream>> {
  const g = globalThis as typeof globalThis & { [STREAMS_KEY]?: Map<string, Set<OpenStream>> };
  g[STREAMS_KEY] ??= new Map();
  return g[STREAMS_KEY];
}

/** How many streams this process has open for `userId` (tests, diagnostics). */
export function openStreamCount(userId: string): number {
  return openStreams().get(userId)?.size ?? 0;
}

/** True when `event` may change what the person may see: their actor is read again first. */
function needsReload(actor: UserActor, event: ChangeEvent): boolean {
  return (
    event.kind === 'resync' ||
    (event.kind === 'principals' && (event.all || event.userIds.includes(actor.id)))
  );
}

/**
 * The server-sent event stream of one signed-in person: `ready` once listening, then a `change`
 * ({ inbox, tasks, notifications }) whenever something of theirs changed — everything when
 * changes may have been missed (the listener reconnected). At most one `change` per window,
 * whatever the number of announcements in it; the task list is capped (past it, '*'). Costs the
 * database nothing while nothing changes: no query runs unless an announcement about this
 * person's memberships or account arrives (then their actor is reloaded, once per window, and
 * the stream ends if they may no longer sign in). Ends when the listener is lost (browsers poll),
 * when the person opens an eleventh stream (the oldest ends), and when its browser does not read
 * what it is sent (dropped, never buffered without limit).
 */
export async function openEventStream(opts: StreamOptions): Promise<ReadableStream<Uint8Array>> {
  const maxBuffered = opts.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const random = opts.random ?? Math.random;
  let actor = opts.actor;
  let pending: ChangeEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let flushing = false;
  let windowMs = COALESCE_MS;
  let lastSentAt = -Infinity;
  let closed = false;
  let started = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const drop = (why: string) => {
    if (closed) return;
    log.warn('event stream dropped', { why, userId: actor.id });
    try {
      // Errored, not closed: what is queued is discarded at once, and the response is aborted.
      controller.error(new Error(why));
    } catch {
      /* already closed */
    }
    close();
  };
  const send = (chunk: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(chunk);
    } catch {
      return close();
    }
    // desiredSize = high-water mark minus what is queued: below zero, the browser is not reading.
    if ((controller.desiredSize ?? 0) < 0) drop('not drained');
  };
  const reloadActor = async () => {
    try {
      const fresh = await loadSessionActor(opts.db, { uid: actor.id, signedInAt: opts.signedInAt });
      if (!fresh) return close();
      actor = fresh;
    } catch (e) {
      // Unsure what they may see now: end the stream; the browser reconnects and signs in afresh.
      log.error('event stream could not reload its actor', errorFields(e));
      close();
    }
  };
  const schedule = () => {
    if (closed || flushing || flushTimer || pending.length === 0) return;
    const now = Date.now();
    // Busy (the last message went out less than a window ago): a longer window this time.
    windowMs = now - lastSentAt < windowMs ? Math.min(windowMs * 2, MAX_COALESCE_MS) : COALESCE_MS;
    const wait = Math.max(COALESCE_MS, lastSentAt + windowMs - now);
    // Every stream re-reads its person on these: spread the reads.
    const everyone = pending.some((e) => e.kind === 'resync' || (e.kind === 'principals' && e.all));
    flushTimer = setTimeout(
      () => void flush(),
      wait + (everyone ? Math.floor(random() * RELOAD_SPREAD_MS) : 0),
    );
  };
  // One window's announcements, judged together against the person as they are after them (a
  // membership change in the window is read first, so nothing is judged against a stale actor).
  const flush = async () => {
    flushTimer = null;
    flushing = true;
    const events = pending;
    pending = [];
    try {
      if (events.some((e) => needsReload(actor, e))) await reloadActor();
      if (closed) return;
      let signal = null;
      for (const e of events) {
        const s = signalFor(actor, e);
        if (s) signal = mergeSignals(signal, s);
      }
      if (signal) {
        send(frame('change', capSignal(signal)));
        lastSentAt = Date.now();
      }
    } catch (e) {
      log.error('event stream failed on a change', errorFields(e));
    } finally {
      flushing = false;
      schedule();
    }
  };
  const onMessage = (m: HubMessage) => {
    if (closed) return;
    if (m.kind === 'lost') return close();
    pending.push(m);
    // A flood (or a stream that is not yet started): one "everything", never an unbounded list.
    if (pending.length > MAX_PENDING_EVENTS) pending = [{ kind: 'resync' }];
    if (started) schedule();
  };
  // Set once subscribed; `close` may run before (the listener lost while subscribing).
  let unsubscribe = () => {};
  let mine: Set<OpenStream> | null = null;
  // Subscribed before the stream is handed out, so nothing committed after `ready` is missed.
  unsubscribe = await subscribeChanges(onMessage);
  if (closed) {
    unsubscribe();
    throw changeFeedUnavailable();
  }

  mine = openStreams().get(opts.actor.id) ?? new Set<OpenStream>();
  openStreams().set(opts.actor.id, mine);
  for (const oldest of mine) {
    if (mine.size < maxStreamsPerPerson()) break;
    oldest.evict(); // removes itself from `mine`
  }
  const self: OpenStream = {
    close: () => close(),
    // Told first: a browser reconnecting at once would evict the next tab, and so on forever;
    // this one polls instead and tries again much later (live-updates.tsx).
    evict: () => {
      send(frame('evicted', {}));
      close();
    },
  };
  mine.add(self);

  const heartbeat = setInterval(() => send(encoder.encode(': heartbeat\n\n')), HEARTBEAT_MS);
  const expiry =
    opts.expiresAt !== null
      ? setTimeout(close, Math.max(0, Math.min(opts.expiresAt - Date.now(), 2 ** 31 - 1)))
      : null;
  function close() {
    if (closed) return;
    closed = true;
    unsubscribe();
    if (mine) {
      mine.delete(self);
      if (mine.size === 0 && openStreams().get(opts.actor.id) === mine)
        openStreams().delete(opts.actor.id);
    }
    clearInterval(heartbeat);
    if (expiry) clearTimeout(expiry);
    if (flushTimer) clearTimeout(flushTimer);
    opts.signal.removeEventListener('abort', close);
    try {
      controller.close();
    } catch {
      /* already closed, errored or cancelled */
    }
  }
  opts.signal.addEventListener('abort', close);

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        c.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
        c.enqueue(frame('ready', {}));
        if (closed) return c.close(); // ended (e.g. an eleventh stream) before it started
        // The actor was read before listening began: a change to them committed in between
        // would never be announced to this stream, so read them once more now that it listens.
        flushing = true;
        void reloadActor().finally(() => {
          flushing = false;
          started = true;
          schedule();
        });
        if (opts.signal.aborted) close();
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: maxBuffered, size: (chunk) => chunk.byteLength },
  );
}
