/**
 * The case as it stood at a past moment, rebuilt from its audit events alone (issue 16, point 5):
 * what a person saw when they decided. Pure: the events and the moment come in, the snapshot
 * goes out. Events are folded in their chain order (chain_seq, the committed order).
 */
import { dueState, type DueState } from './sla';

import { TASK_MOVES } from './case-as-of-actions';

export { diffSnapshots, type SnapshotChange } from './case-as-of-diff';
export { ACTIONS_WITHOUT_STATE, KNOWN_ACTIONS, unknownActions } from './case-as-of-actions';

/** One audit event of the case, as the replay reads it. */
export type AsOfEvent = {
  id: number;
  seq: number;
  occurredAt: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  taskId: string | null;
  entityId: string | null;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
};

/** A task's SLA at the moment: the due state of an open task, met or missed for a completed one. */
export type SlaState = DueState | 'met' | 'missed';

export type RoutingRef = {
  ruleId: string | null;
  ruleVersion: number | null;
  ruleName: string | null;
};

export type TaskAsOf = {
  id: string;
  name: string | null;
  stepKey: string | null;
  status: string;
  assigneeId: string | null;
  candidateGroupId: string | null;
  priority: string | null;
  /** Instants as ISO text, so a snapshot compares and travels as plain JSON. */
  dueAt: string | null;
  dueSoonAt: string | null;
  escalationLevel: number;
  outcome: string | null;
  outcomeData: Record<string, unknown> | null;
  completedById: string | null;
  completedAt: string | null;
  routing: RoutingRef;
  sla: SlaState;
};

export type CommentAsOf = {
  id: string;
  taskId: string | null;
  authorId: string | null;
  body: string;
  createdAt: string;
};

export type CaseSnapshot = {
  caseId: string;
  reference: string | null;
  status: string;
  resolution: string | null;
  priority: string;
  data: Record<string, unknown>;
  waitingForEvent: string | null;
  waitUntil: string | null;
  /** The routing decision that routed the case (the latest case.routed), null before routing. */
  routing: RoutingRef | null;
  /** In the order they were created. */
  tasks: TaskAsOf[];
  comments: CommentAsOf[];
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Which events make the view, and the moment their SLA clocks are read at. */
export type AsOfSelector = { at: Date } | { eventId: number };

/**
 * The events of the view, in chain order. As of a time: the committed prefix whose events all
 * happened by then (a later-committed event stamped earlier cannot pull in a state that never
 * existed). As of an event: through it and the rest of its change — a use-case stamps all its
 * events with one time, and the states between them were never committed, so "right after the
 * event" is right after the change it belongs to. Null when the event is not the case's.
 */
export function selectEvents(
  events: readonly AsOfEvent[],
  selector: AsOfSelector,
): { events: AsOfEvent[]; moment: Date } | null {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  if ('at' in selector) {
    const end = sorted.findIndex((e) => e.occurredAt.getTime() > selector.at.getTime());
    return { events: end < 0 ? sorted : sorted.slice(0, end), moment: selector.at };
  }
  const i = sorted.findIndex((e) => e.id === selector.eventId);
  if (i < 0) return null;
  const moment = sorted[i]!.occurredAt;
  let end = i + 1;
  while (end < sorted.length && sorted[end]!.occurredAt.getTime() === moment.getTime()) end++;
  return { events: sorted.slice(0, end), moment };
}

/** The SLA of a task at `moment`. */
export function slaStateAt(
  moment: Date,
  t: Pick<TaskAsOf, 'status' | 'dueAt' | 'dueSoonAt' | 'completedAt'>,
): SlaState {
  const due = t.dueAt ? new Date(t.dueAt) : null;
  if (t.status === 'ready' || t.status === 'claimed')
    return dueState(moment, { dueAt: due, dueSoonAt: t.dueSoonAt ? new Date(t.dueSoonAt) : null });
  if (t.status !== 'completed' || !due || !t.completedAt) return 'none';
  return new Date(t.completedAt).getTime() <= due.getTime() ? 'met' : 'missed';
}

/** The snapshot after folding `events` (in chain order), its SLA states read at `moment`. */
export function replayCase(
  caseId: string,
  events: readonly AsOfEvent[],
  moment: Date,
): CaseSnapshot {
  const s: CaseSnapshot = {
    caseId,
    reference: null,
    status: 'open',
    resolution: null,
    priority: 'normal',
    data: {},
    waitingForEvent: null,
    waitUntil: null,
    routing: null,
    tasks: [],
    comments: [],
  };
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) applyEvent(s, e);
  s.tasks = s.tasks.map((t) => ({ ...t, sla: slaStateAt(moment, t) }));
  return s;
}

function applyEvent(s: CaseSnapshot, e: AsOfEvent): void {
  const after = e.after ?? {};
  const m = e.metadata ?? {};
  switch (e.action) {
    case 'case.opened':
      s.reference = str(after.reference);
      s.data = obj(after.data) ?? {};
      s.priority = str(after.priority) ?? 'normal';
      return;
    case 'case.routed': {
      const decision = obj(m.decision);
      const rule = obj(decision?.rule);
      s.routing = {
        ruleId: str(m.ruleId),
        ruleVersion: typeof m.ruleVersion === 'number' ? m.ruleVersion : null,
        ruleName: str(rule?.name),
      };
      const priority = str(decision?.priority);
      if (priority) s.priority = priority;
      return;
    }
    case 'step.succeeded':
      s.data = { ...s.data, ...dataPatchOf(m) };
      return;
    case 'payout.approved': {
      const amount =
        typeof after.approvedPayout === 'number'
          ? after.approvedPayout
          : typeof m.requestedCents === 'number'
            ? m.requestedCents / 100
            : undefined;
      if (amount !== undefined) s.data = { ...s.data, approvedPayout: amount };
      return;
    }
    case 'case.waiting':
      s.status = 'waiting';
      s.waitingForEvent = str(m.eventType);
      s.waitUntil = str(m.waitUntil);
      return;
    case 'case.resumed':
      s.status = 'open';
      s.waitingForEvent = null;
      s.waitUntil = null;
      if (m.information) appendInformation(s, m.information);
      return;
    case 'case.information_received_late':
      appendInformation(s, m.information);
      return;
    case 'case.closed':
      s.status = str(after.status) ?? 'closed';
      s.resolution = str(after.resolution);
      s.waitingForEvent = null;
      s.waitUntil = null;
      return;
    case 'task.created':
      s.tasks.push(createdTask(e));
      return;
    case 'comment.added':
      s.comments.push({
        id: e.entityId ?? String(e.id),
        taskId: e.taskId,
        authorId: e.actorId,
        body: str(after.body) ?? '',
        createdAt: e.occurredAt.toISOString(),
      });
      return;
    default:
      if (TASK_MOVES.includes(e.action)) moveTask(s, e);
  }
}

/** What a step merged into the case data; events before `patch` was recorded keep only `result`. */
function dataPatchOf(m: Record<string, unknown>): Record<string, unknown> {
  if ('patch' in m) return obj(m.patch) ?? {};
  // Earlier events: the result less what no handler merges (validate's flag, payment's amount).
  const { valid: _valid, amount: _amount, ...rest } = obj(m.result) ?? {};
  return rest;
}

function appendInformation(s: CaseSnapshot, information: unknown): void {
  const list: unknown[] = Array.isArray(s.data.information)
    ? (s.data.information as unknown[])
    : [];
  s.data = { ...s.data, information: [...list, information] };
}

function createdTask(e: AsOfEvent): TaskAsOf {
  const a = e.after ?? {};
  const m = e.metadata ?? {};
  return {
    id: e.taskId ?? e.entityId ?? String(e.id),
    name: str(a.name),
    stepKey: str(a.stepKey),
    status: str(a.status) ?? 'ready',
    assigneeId: str(a.assigneeId),
    candidateGroupId: str(a.candidateGroupId),
    priority: str(a.priority),
    dueAt: str(a.dueAt),
    dueSoonAt: str(a.dueSoonAt),
    escalationLevel: 0,
    outcome: null,
    outcomeData: null,
    completedById: null,
    completedAt: null,
    routing: {
      ruleId: str(m.ruleId),
      ruleVersion: typeof m.ruleVersion === 'number' ? m.ruleVersion : null,
      ruleName: str(m.ruleName),
    },
    sla: 'none',
  };
}

const CLOCK_MOVES: readonly string[] = ['task.paused', 'task.resumed', 'task.deadline_extended'];

/**
 * A claim, release, reassignment, completion, cancellation, return to the queue or escalation;
 * a pause, resume or extension of the task's clock.
 */
function moveTask(s: CaseSnapshot, e: AsOfEvent): void {
  const t = s.tasks.find((x) => x.id === e.taskId);
  if (!t) return;
  const a = e.after ?? {};
  if (typeof a.status === 'string') t.status = a.status;
  if ('assigneeId' in a) t.assigneeId = str(a.assigneeId);
  if (typeof a.candidateGroupId === 'string') t.candidateGroupId = a.candidateGroupId;
  if (typeof a.escalationLevel === 'number') t.escalationLevel = a.escalationLevel;
  // A clock event's `after` carries the due times as they became (a pause leaves them as they were).
  if (CLOCK_MOVES.includes(e.action)) {
    if ('dueAt' in a) t.dueAt = str(a.dueAt);
    if ('dueSoonAt' in a) t.dueSoonAt = str(a.dueSoonAt);
  }
  if (e.action === 'task.completed') {
    t.status = 'completed';
    t.outcome = str(a.outcome);
    t.outcomeData = obj(a.outcomeData);
    t.completedById = e.actorType === 'user' ? e.actorId : null;
    t.completedAt = e.occurredAt.toISOString();
  }
}
