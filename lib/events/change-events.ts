import type { UserActor } from '../domain/permissions';
import { visibleGroupIds } from '../domain/permissions';

/** The channel the triggers of migration 0011_change_events notify on. */
export const CHANGE_CHANNEL = 'handoff_changes';

/**
 * What the database announced (migration 0011): tasks, notifications or principals (memberships,
 * supervisors, users) changed. `all` = too many to list: every stream treats it as its own.
 * `resync` is ours: the listener may have missed announcements (it reconnected).
 */
export type ChangeEvent =
  | {
      kind: 'tasks';
      all: boolean;
      groupIds: string[];
      userIds: string[];
      /** Each changed task with its old and new group and assignee; null when more than 10 changed. */
      tasks: { id: string; groupIds: string[]; userIds: string[] }[] | null;
    }
  | { kind: 'notifications'; all: boolean; userIds: string[] }
  | { kind: 'principals'; all: boolean; userIds: string[] }
  | { kind: 'resync' };

/**
 * What one person's screens should refetch. Only ids the person may see: the signal names a
 * task only when it is, or was, in a queue they see or in their hands; all other detail stays
 * on the server and the client refetches through the authorized endpoints.
 */
export type ChangeSignal = {
  inbox: boolean;
  /** Task ids whose screens should refetch; '*' = whichever is open (the database listed none). */
  tasks: string[] | '*';
  notifications: boolean;
};

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Parses a payload of the triggers; null for anything else (never trusted further). */
export function parseChangeEvent(payload: string): ChangeEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const p = raw as Record<string, unknown>;
  const all = p.all === true;
  const userIds = isStringArray(p.u) ? p.u : [];
  if (p.k === 'n') return { kind: 'notifications', all, userIds };
  if (p.k === 'p') return { kind: 'principals', all, userIds };
  if (p.k !== 't') return null;
  const rows = Array.isArray(p.r) ? (p.r as unknown[]) : null;
  const tasks =
    rows?.flatMap((r) =>
      Array.isArray(r) && typeof r[0] === 'string' && isStringArray(r[1]) && isStringArray(r[2])
        ? [{ id: r[0], groupIds: r[1], userIds: r[2] }]
        : [],
    ) ?? null;
  return {
    kind: 'tasks',
    all,
    groupIds: isStringArray(p.g) ? p.g : [],
    userIds,
    tasks: all ? null : tasks,
  };
}

/** True when a change of these groups and people shows in the actor's inbox. */
function touches(actor: UserActor, groupIds: string[], userIds: string[]): boolean {
  if (userIds.includes(actor.id)) return true;
  const visible = visibleGroupIds(actor);
  return visible === null || groupIds.some((g) => visible.includes(g));
}

/** What `event` means for `actor`'s screens; null when nothing of theirs changed. */
export function signalFor(actor: UserActor, event: ChangeEvent): ChangeSignal | null {
  switch (event.kind) {
    case 'resync':
      return { inbox: true, tasks: '*', notifications: true };
    case 'notifications':
      return event.all || event.userIds.includes(actor.id)
        ? { inbox: false, tasks: [], notifications: true }
        : null;
    case 'principals':
      // The stream reloads the actor (event-stream.ts); what they see may have changed.
      return event.all || event.userIds.includes(actor.id)
        ? { inbox: true, tasks: '*', notifications: false }
        : null;
    case 'tasks': {
      if (event.all) return { inbox: true, tasks: '*', notifications: false };
      if (!touches(actor, event.groupIds, event.userIds)) return null;
      const tasks =
        event.tasks === null
          ? '*'
          : event.tasks.filter((t) => touches(actor, t.groupIds, t.userIds)).map((t) => t.id);
      return { inbox: true, tasks, notifications: false };
    }
  }
}

/** Several signals as one (a stream sends at most one message per short window). */
export function mergeSignals(a: ChangeSignal | null, b: ChangeSignal): ChangeSignal {
  if (!a) return b;
  return {
    inbox: a.inbox || b.inbox,
    tasks: a.tasks === '*' || b.tasks === '*' ? '*' : [...new Set([...a.tasks, ...b.tasks])],
    notifications: a.notifications || b.notifications,
  };
}

/** Past this many task ids a signal says '*' (refetch whichever task is open): a bounded message. */
export const MAX_SIGNAL_TASKS = 20;

/** The signal as sent: at most MAX_SIGNAL_TASKS ids, else '*'. */
export function capSignal(signal: ChangeSignal): ChangeSignal {
  return signal.tasks !== '*' && signal.tasks.length > MAX_SIGNAL_TASKS
    ? { ...signal, tasks: '*' }
    : signal;
}
