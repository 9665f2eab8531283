import { businessMinutesBetween, type BusinessCalendar } from './business-calendar';
import { WorkTimeline } from './breach-prediction-timeline';

/**
 * Predicted breach (issue 18): who finishes what when, from the queue, the people and the
 * historical time of each step. Pure: `now`, the calendar and the statistics are parameters.
 *
 * The model is list scheduling in working minutes from `now`: every available person first works
 * through the tasks they hold (most urgent first), then takes the next ready task of the queue
 * (priority, then due time) whenever they are free. A task held by someone who cannot work on it
 * (out of office, inactive, no longer a member) joins the queue: a supervisor will hand it over.
 * The schedule is run twice, with the median and with the p90 time of each step; the risk says
 * where the due time falls between those two predictions.
 */

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export type PredictTask = {
  id: string;
  status: 'ready' | 'claimed';
  assigneeId: string | null;
  /** Key into the step statistics (lib/domain/breach-prediction.ts statsKey). */
  statsKey: string;
  priority: Priority;
  dueAt: Date | null;
  createdAt: Date;
  /** When the holder claimed it; the work already done shortens what is left. */
  claimedAt: Date | null;
};

export type PredictPerson = {
  id: string;
  /** Active, not out of office, a member of the group. */
  available: boolean;
  /** Working minutes already owed to work outside this group (their open load elsewhere). */
  busyMinutes: number;
};

/** Working minutes of one step: claimed → completed. */
export type StepStats = { workMedian: number; workP90: number; samples: number };

/** With no history for a step: an hour's work, two at the 90th percentile. */
export const FALLBACK_STATS: StepStats = { workMedian: 60, workP90: 120, samples: 0 };
/** Fewer samples than this and the step's own figures are blended with the fallback. */
export const MIN_SAMPLES = 5;
/** Nobody can work the queue: the prediction is this far out (about a working year). */
export const NO_CAPACITY_MINUTES = 250 * 8 * 60;
/** How far back claimed-since and overdue-since are counted (60 days). */
const LOOKBACK_MS = 60 * 86_400_000;
/** Whatever is left of a task already under way, at least this share of its median. */
const MIN_REMAINING_SHARE = 0.1;

export const statsKey = (caseTypeId: string, stepKey: string) => `${caseTypeId}:${stepKey}`;

export type PredictionInput = {
  now: Date;
  calendar: BusinessCalendar;
  tasks: readonly PredictTask[];
  people: readonly PredictPerson[];
  stats: ReadonlyMap<string, StepStats>;
  fallback?: StepStats;
  /** At risk from this risk on (0.5: the median-based prediction is late). */
  threshold?: number;
  /** The calendar's working time from `now` (built when missing; shared by repeated runs). */
  timeline?: WorkTimeline;
};

export type TaskPrediction = {
  taskId: string;
  /** Who the schedule has doing it; null when nobody can. */
  workerId: string | null;
  predictedDoneAt: Date;
  /** Working minutes past the due time (positive = late); 0 without a due time. */
  latenessMinutes: number;
  risk: number;
  atRisk: boolean;
};

/** The step's figures, falling back (or blending towards the fallback) when history is thin. */
export function stepStatsFor(
  key: string,
  stats: ReadonlyMap<string, StepStats>,
  fallback: StepStats = FALLBACK_STATS,
): StepStats {
  const s = stats.get(key);
  if (!s || s.samples <= 0 || !(s.workMedian >= 0)) return fallback;
  const w = Math.min(1, s.samples / MIN_SAMPLES);
  const median = w * s.workMedian + (1 - w) * fallback.workMedian;
  const p90 = w * Math.max(s.workP90, s.workMedian) + (1 - w) * fallback.workP90;
  return { workMedian: median, workP90: Math.max(p90, median), samples: s.samples };
}

const dueKey = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);

/** The queue's working order: priority, then due time (none last), then age, then id. */
export function queueOrder(a: PredictTask, b: PredictTask): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    dueKey(a.dueAt) - dueKey(b.dueAt) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A holder's own order: due time first (none last), then priority. */
function heldOrder(a: PredictTask, b: PredictTask): number {
  return (
    dueKey(a.dueAt) - dueKey(b.dueAt) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

type Finish = { workerId: string | null; end: number };

/**
 * One run of the schedule with one duration per task: finish offsets in working minutes from now
 * (capped at NO_CAPACITY_MINUTES).
 */
function schedule(
  input: PredictionInput,
  duration: (t: PredictTask, held: boolean) => number,
): Map<string, Finish> {
  const finish = new Map<string, Finish>();
  const workers = new Map<string, number>();
  for (const p of input.people) {
    if (p.available) workers.set(p.id, Math.max(0, finiteOr(p.busyMinutes, 0)));
  }
  const held = new Map<string, PredictTask[]>();
  const queue: PredictTask[] = [];
  for (const t of input.tasks) {
    if (t.status === 'claimed' && t.assigneeId && workers.has(t.assigneeId)) {
      const list = held.get(t.assigneeId) ?? [];
      list.push(t);
      held.set(t.assigneeId, list);
    } else queue.push(t);
  }
  for (const [id, list] of held) {
    let at = workers.get(id)!;
    for (const t of list.sort(heldOrder)) {
      at = Math.min(NO_CAPACITY_MINUTES, at + duration(t, true));
      finish.set(t.id, { workerId: id, end: at });
    }
    workers.set(id, at);
  }
  queue.sort(queueOrder);
  // The earliest free person takes the next task (ties: by id, so runs are reproducible).
  const heap = [...workers].map(([id, at]) => ({ id, at }));
  const less = (a: { id: string; at: number }, b: { id: string; at: number }) =>
    a.at < b.at || (a.at === b.at && a.id < b.id);
  const heapify = () => heap.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  heapify();
  for (const t of queue) {
    const w = heap[0];
    if (!w) {
      finish.set(t.id, { workerId: null, end: NO_CAPACITY_MINUTES });
      continue;
    }
    w.at = Math.min(NO_CAPACITY_MINUTES, w.at + duration(t, false));
    finish.set(t.id, { workerId: w.id, end: w.at });
    siftDown(heap, less);
  }
  return finish;
}

function siftDown<T>(heap: T[], less: (a: T, b: T) => boolean) {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
}

const finiteOr = (n: number, d: number) => (Number.isFinite(n) ? n : d);

/**
 * Risk from where the due time (`due`, working minutes from now) falls between the median-based
 * finish `med` and the p90-based finish `p90`: 1 when already overdue, ≥ 0.5 when even the median
 * prediction is late (rising to 1 as it gets later), 0.5 → 0.1 between the two, and towards 0
 * past the p90 prediction.
 */
export function riskOf(due: number, med: number, p90: number): number {
  const hi = Math.max(p90, med);
  if (due <= 0) return 1;
  if (due <= med) return 0.5 + 0.5 * clamp01((med - due) / Math.max(hi - med, 30));
  if (due < hi) return 0.5 - 0.4 * ((due - med) / (hi - med));
  return 0.1 * clamp01(1 - (due - hi) / Math.max(hi, 30));
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** Predicted done time, lateness, risk and at-risk flag of every task of the queue. */
export function predictQueue(input: PredictionInput): TaskPrediction[] {
  const fallback = input.fallback ?? FALLBACK_STATS;
  const threshold = input.threshold ?? 0.5;
  const statsOf = new Map<string, StepStats>();
  const of = (t: PredictTask) => {
    let s = statsOf.get(t.statsKey);
    if (!s) statsOf.set(t.statsKey, (s = stepStatsFor(t.statsKey, input.stats, fallback)));
    return s;
  };
  const now = input.now.getTime();
  const timeline = input.timeline ?? new WorkTimeline(input.now, input.calendar);
  // Looking back further than this changes nothing (the work is then long overdue or long under
  // way) and would cost a calendar walk per task.
  const since = (d: Date) =>
    businessMinutesBetween(
      new Date(Math.min(now, Math.max(d.getTime(), now - LOOKBACK_MS))),
      input.now,
      input.calendar,
    );
  const done = (t: PredictTask, full: number, held: boolean) => {
    if (!held || !t.claimedAt) return full;
    return Math.max(full - since(t.claimedAt), full * MIN_REMAINING_SHARE);
  };
  const med = schedule(input, (t, held) => done(t, of(t).workMedian, held));
  const p90 = schedule(input, (t, held) => done(t, of(t).workP90, held));
  return input.tasks.map((t) => {
    const m = med.get(t.id)!;
    const p = p90.get(t.id)!;
    const predictedDoneAt = timeline.at(m.end);
    if (!t.dueAt) {
      return {
        taskId: t.id,
        workerId: m.workerId,
        predictedDoneAt,
        latenessMinutes: 0,
        risk: 0,
        atRisk: false,
      };
    }
    const overdue = t.dueAt.getTime() <= now;
    const dueIn = overdue ? 0 : timeline.minutesUntil(t.dueAt);
    const lateness = Math.round(overdue ? m.end + since(t.dueAt) : m.end - dueIn);
    const risk = overdue ? 1 : riskOf(dueIn, m.end, Math.max(p.end, m.end));
    return {
      taskId: t.id,
      workerId: m.workerId,
      predictedDoneAt,
      latenessMinutes: lateness,
      risk,
      atRisk: risk >= threshold,
    };
  });
}

export const breachCount = (ps: readonly TaskPrediction[]) => ps.filter((p) => p.atRisk).length;

/** Percentile with linear interpolation between the closest ranks (as percentile_cont). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const v = [...values].sort((a, b) => a - b);
  const pos = clamp01(p) * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}
