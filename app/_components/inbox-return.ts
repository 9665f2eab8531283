import { useSyncExternalStore } from 'react';

/**
 * Where the person was in the inbox (queue, filters, search and the selected task), so `Esc`,
 * `u` and "← Inbox" on a task page lead back there instead of to My tasks. Kept per browser tab.
 */
type InboxView = {
  /** The inbox's query string (queue, filters, search), without "?". */
  query: string;
  taskId: string | null;
  /** The selected task's position, for when it left the list meanwhile (completed, say). */
  index: number;
};

const KEY = 'handoff:inbox-view';
/** The inbox parameters that select a task on arrival; the inbox drops them from its address. */
export const SELECTED_PARAM = 'selected';
export const AT_PARAM = 'at';

const listeners = new Set<() => void>();

export function rememberInboxView(view: InboxView): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(view));
  } catch {
    // Storage refused (private mode, quota): the way back is the plain inbox.
  }
  listeners.forEach((l) => l());
}

function readInboxView(): InboxView | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<InboxView> | null;
    if (!v || typeof v.query !== 'string') return null;
    return {
      query: v.query,
      taskId: typeof v.taskId === 'string' ? v.taskId : null,
      index: typeof v.index === 'number' && v.index >= 0 ? Math.floor(v.index) : 0,
    };
  } catch {
    return null;
  }
}

/** The inbox address that reopens the view remembered last, with its task selected. */
export function inboxReturnHref(): string {
  const view = readInboxView();
  if (!view) return '/inbox';
  const params = new URLSearchParams(view.query);
  if (view.taskId) {
    params.set(SELECTED_PARAM, view.taskId);
    params.set(AT_PARAM, String(view.index));
  }
  const qs = params.toString();
  return qs ? `/inbox?${qs}` : '/inbox';
}

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** inboxReturnHref() for a link: the plain inbox on the server, the remembered view in the browser. */
export function useInboxReturnHref(): string {
  return useSyncExternalStore(subscribe, inboxReturnHref, () => '/inbox');
}
