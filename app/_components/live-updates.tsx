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

function refetch(qc: QueryClient, signal: ChangeSignal) {
  if (signal.inbox) {
    void qc.invalidateQueries({ queryKey: taskKeys.lists() });
    void qc.invalidateQueries({ queryKey: [...teamKeys.all, 'tasks'] });
  }
  if (signal.tasks === '*') void qc.invalidateQueries({ queryKey: [...taskKeys.all, 'detail'] });
  else for (const id of signal.tasks) void qc.invalidateQueries({ queryKey: taskKeys.detail(id) });
  if (signal.notifications) void qc.invalidateQueries({ queryKey: notificationKeys.all });
}

const EVERYTHING: ChangeSignal = { inbox: true, tasks: '*', notifications: true };

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
        refetch(qc, EVERYTHING);
      });
      es.addEventListener('change', (e) => {
        countEvent();
        try {
          refetch(qc, JSON.parse((e as MessageEvent<string>).data) as ChangeSignal);
        } catch {
          refetch(qc, EVERYTHING);
        }
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
