'use client';

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { notificationKeys, taskKeys, teamKeys } from './query-keys';

/** What GET /api/events sends in a `change` event (lib/events/change-events.ts ChangeSignal). */
type ChangeSignal = { inbox: boolean; tasks: string[] | '*'; notifications: boolean };

/** After the server refused the stream (e.g. signed out), try again this much later; polling covers the gap. */
const REOPEN_AFTER_REFUSAL_MS = 30_000;

/** Whether the stream is open: while it is, queries stop polling (push keeps them fresh). */
let connected = false;
const watchers = new Set<() => void>();
function setConnected(value: boolean) {
  // On <html> too, so a browser test can tell when the stream is open (tests/e2e/push.spec.ts).
  document.documentElement.dataset.live = value ? 'on' : 'off';
  if (connected === value) return;
  connected = value;
  for (const w of watchers) w();
}
/** Counted on <html>: a test compares refetches with pushed events (no refetch on a timer). */
function countEvent() {
  const el = document.documentElement;
  el.dataset.liveEvents = String(Number(el.dataset.liveEvents ?? 0) + 1);
}
function watch(fn: () => void) {
  watchers.add(fn);
  return () => void watchers.delete(fn);
}

/** True while the page receives pushed changes; a query polls only when this is false. */
export function useLiveUpdates(): boolean {
  return useSyncExternalStore(
    watch,
    () => connected,
    () => false,
  );
}

/**
 * Refetches what `signal` names. An open task screen's own task comes first: its refetch (the
 * detail endpoint runs a dozen statements) does not queue behind the page's lists and counts on
 * a busy server or behind the browser's per-host connection limit; the lists follow once it is
 * in. Exactly the task's key: the queries under it (the mention list) do not change with the task.
 */
async function refetch(qc: QueryClient, signal: ChangeSignal) {
  const detail =
    signal.tasks === '*'
      ? qc.invalidateQueries({ queryKey: [...taskKeys.all, 'detail'] })
      : Promise.all(
          signal.tasks.map((id) =>
            qc.invalidateQueries({ queryKey: taskKeys.detail(id), exact: true }),
          ),
        );
  if (signal.notifications) void qc.invalidateQueries({ queryKey: notificationKeys.all });
  if (!signal.inbox) return;
  await detail.catch(() => {});
  void qc.invalidateQueries({ queryKey: taskKeys.lists() });
  void qc.invalidateQueries({ queryKey: [...teamKeys.all, 'tasks'] });
}

const EVERYTHING: ChangeSignal = { inbox: true, tasks: '*', notifications: true };

/** A `change` event's data; anything unreadable counts as everything (refetch once). */
function parseSignal(data: string): ChangeSignal {
  try {
    const v = JSON.parse(data) as Partial<ChangeSignal> | null;
    const tasks = v?.tasks;
    return {
      inbox: v?.inbox === true,
      tasks: Array.isArray(tasks) ? tasks.filter((t) => typeof t === 'string') : '*',
      notifications: v?.notifications === true,
    };
  } catch {
    return EVERYTHING;
  }
}

/**
 * One EventSource per page on GET /api/events (mounted once, in the work layout): pushed changes
 * invalidate the inbox, open task and notification queries, which refetch through their own
 * endpoints. The browser reconnects a dropped stream by itself; each (re)opening refetches
 * what is on screen once, since changes in the gap were not pushed. While the stream is down
 * the queries poll as before.
 */
export function LiveUpdates() {
  const qc = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      reopen = null;
      const es = new EventSource('/api/events');
      source = es;
      es.addEventListener('ready', () => {
        countEvent();
        setConnected(true);
        void refetch(qc, EVERYTHING);
      });
      es.addEventListener('change', (e) => {
        countEvent();
        void refetch(qc, parseSignal((e as MessageEvent<string>).data));
      });
      // The server ended this stream for a newer one of the same person (too many tabs): poll,
      // and try again later rather than at once (which would evict another tab).
      es.addEventListener('evicted', () => {
        es.close();
        setConnected(false);
        reopen ??= setTimeout(open, REOPEN_AFTER_REFUSAL_MS);
      });
      es.onerror = () => {
        setConnected(false);
        // CONNECTING: the browser retries by itself. CLOSED: it gave up (a refusal); we retry later.
        if (es.readyState === EventSource.CLOSED && !reopen) {
          es.close();
          reopen = setTimeout(open, REOPEN_AFTER_REFUSAL_MS);
        }
      };
    };
    open();
    return () => {
      if (reopen) clearTimeout(reopen);
      source?.close();
      setConnected(false);
    };
  }, [qc]);
  return null;
}
