import type { Db } from '../../db/client';
import { loadSessionActor } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { errorFields, log } from '../log';
import { mergeSignals, signalFor, type ChangeEvent, type ChangeSignal } from './change-events';
import { subscribeChanges } from './change-hub';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;
/** Announcements this close together reach a browser as one message (a bulk action, a sweep). */
export const COALESCE_MS = 100;
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
};

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * The server-sent event stream of one signed-in person: `ready` once listening, then a `change`
 * ({ inbox, tasks, notifications }) whenever something of theirs changed — everything when
 * changes may have been missed (the listener reconnected). Costs the database nothing while
 * nothing changes: no query runs unless an announcement about this person's memberships or
 * account arrives (then their actor is reloaded, and the stream ends if they may no longer
 * sign in).
 */
export async function openEventStream(opts: StreamOptions): Promise<ReadableStream<Uint8Array>> {
  let actor = opts.actor;
  let pending: ChangeSignal | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // Subscribed before the stream is handed out, so nothing committed after `ready` is missed.
  const buffered: ChangeEvent[] = [];
  let onEvent: (e: ChangeEvent) => void = (e) => buffered.push(e);
  const unsubscribe = await subscribeChanges((e) => onEvent(e));

  const send = (chunk: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(chunk);
    } catch {
      close();
    }
  };
  const flush = () => {
    flushTimer = null;
    if (!pending) return;
    const signal = pending;
    pending = null;
    send(frame('change', signal));
  };
  const queue = (signal: ChangeSignal) => {
    pending = mergeSignals(pending, signal);
    flushTimer ??= setTimeout(flush, COALESCE_MS);
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
  // Announcements are handled in order: one that follows a membership change must be judged
  // against the reloaded actor, never the stale one.
  let chain = Promise.resolve();
  const handle = (event: ChangeEvent) => {
    chain = chain
      .then(async () => {
        if (closed) return;
        // A resync means announcements may have been missed, membership changes among them.
        if (
          event.kind === 'resync' ||
          (event.kind === 'principals' && (event.all || event.userIds.includes(actor.id)))
        )
          await reloadActor();
        const signal = closed ? null : signalFor(actor, event);
        if (signal) queue(signal);
      })
      .catch((e) => log.error('event stream failed on a change', errorFields(e)));
  };

  const heartbeat = setInterval(() => send(encoder.encode(': heartbeat\n\n')), HEARTBEAT_MS);
  const expiry =
    opts.expiresAt !== null
      ? setTimeout(close, Math.max(0, Math.min(opts.expiresAt - Date.now(), 2 ** 31 - 1)))
      : null;
  function close() {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    if (expiry) clearTimeout(expiry);
    if (flushTimer) clearTimeout(flushTimer);
    opts.signal.removeEventListener('abort', close);
    try {
      controller.close();
    } catch {
      /* already closed or cancelled */
    }
  }
  opts.signal.addEventListener('abort', close);

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      c.enqueue(frame('ready', {}));
      onEvent = handle;
      // The actor was read before listening began: a change to them committed in between
      // would never be announced to this stream, so read them once more now that it listens.
      chain = chain.then(async () => {
        if (!closed) await reloadActor();
      });
      for (const e of buffered.splice(0)) handle(e);
      if (opts.signal.aborted) close();
    },
    cancel() {
      close();
    },
  });
}
