import type { DbOrTx } from '../../db/client';
import {
  DEFAULT_CALENDAR,
  deleteOldPredictions,
  deleteStaleAtRisk,
  groupOpenTasks,
  groupPeople,
  listGroupIdsForPredictions,
  loadPolicyCalendars,
  loadStepStats,
  lockGroupPredictions,
  recentCompletedTasks,
  stepStatsComputedAt,
  tryLockGroupPredictions,
  tryLockStepStats,
  upsertPredictions,
  upsertStepStats,
  type GroupTaskRow,
  type StepStatsRow,
} from '../data/predictions';
import { businessMinutesBetween, type BusinessCalendar } from '../domain/business-calendar';
import {
  FALLBACK_STATS,
  percentile,
  predictQueue,
  statsKey,
  type PredictionInput,
} from '../domain/breach-prediction';

/** Completed tasks of the last 90 days count towards a step's figures… */
export const STATS_WINDOW_DAYS = 90;
/** …at most this many of the most recent (bounds the refresh whatever the history). */
export const STATS_SAMPLE_LIMIT = 50_000;
/** Step figures move slowly: recomputed at most this often, whatever the number of copies. */
export const STATS_MAX_AGE_MS = 60 * 60_000;
/** Tasks due within this many days (and all held work) get a prediction. */
export const HORIZON_DAYS = 14;
/** At most this many tasks of one group are simulated per run (the most urgent by due time). */
export const GROUP_TASK_LIMIT = 20_000;
/** A row not rewritten for this long belongs to a task that closed or left the horizon. */
const STALE_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

const d = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * Recomputes step_duration_stats from the recent completed tasks: median and p90 of work time
 * (claimed → completed; created → completed when never claimed) and elapsed time (created →
 * completed) in working minutes of each task's SLA calendar. Working minutes need the calendar,
 * which SQL does not have, so the durations are measured here and the percentiles taken with the
 * same interpolation as percentile_cont. Skipped when fresh or when another copy is at it.
 */
export async function refreshStepStats(
  db: DbOrTx,
  now: Date,
  options: { force?: boolean } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    if (!(await tryLockStepStats(tx))) return 0;
    const last = await stepStatsComputedAt(tx);
    if (!options.force && last && now.getTime() - last.getTime() < STATS_MAX_AGE_MS) return 0;
    const calendars = await loadPolicyCalendars(tx);
    const samples = await recentCompletedTasks(
      tx,
      new Date(now.getTime() - STATS_WINDOW_DAYS * DAY_MS),
      STATS_SAMPLE_LIMIT,
    );
    const by = new Map<
      string,
      { caseTypeId: string; stepKey: string; work: number[]; elapsed: number[] }
    >();
    for (const s of samples) {
      const cal = (s.sla_policy_id && calendars.get(s.sla_policy_id)) || DEFAULT_CALENDAR;
      const done = d(s.completed_at);
      const created = d(s.created_at);
      const claimed = s.claimed_at ? d(s.claimed_at) : created;
      if (done < created) continue;
      const key = statsKey(s.case_type_id, s.step_key);
      let g = by.get(key);
      if (!g)
        by.set(
          key,
          (g = { caseTypeId: s.case_type_id, stepKey: s.step_key, work: [], elapsed: [] }),
        );
      g.work.push(Math.max(0, businessMinutesBetween(claimed < done ? claimed : done, done, cal)));
      g.elapsed.push(Math.max(0, businessMinutesBetween(created, done, cal)));
    }
    const rows: StepStatsRow[] = [...by.values()].map((g) => ({
      caseTypeId: g.caseTypeId,
      stepKey: g.stepKey,
      sampleCount: g.work.length,
      workMedianMinutes: percentile(g.work, 0.5),
      workP90Minutes: percentile(g.work, 0.9),
      elapsedMedianMinutes: percentile(g.elapsed, 0.5),
      elapsedP90Minutes: percentile(g.elapsed, 0.9),
      computedAt: now,
    }));
    await upsertStepStats(tx, rows);
    return rows.length;
  });
}

/** The calendar most of the group's tasks are timed on (their SLA policy's). */
function groupCalendar(rows: GroupTaskRow[], calendars: Map<string, BusinessCalendar>) {
  const n = new Map<string, number>();
  for (const r of rows)
    if (r.sla_policy_id) n.set(r.sla_policy_id, (n.get(r.sla_policy_id) ?? 0) + 1);
  const top = [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return (top && calendars.get(top[0])) || DEFAULT_CALENDAR;
}

export type GroupModel = {
  input: PredictionInput;
  rows: GroupTaskRow[];
  truncated: boolean;
};

/** What the prediction of one group starts from: its queue, its people, the figures, a calendar. */
export async function loadGroupModel(db: DbOrTx, groupId: string, now: Date): Promise<GroupModel> {
  const people = await groupPeople(db, groupId);
  const [{ rows, truncated }, stats, calendars] = await Promise.all([
    groupOpenTasks(
      db,
      groupId,
      people.map((p) => p.id),
      new Date(now.getTime() + HORIZON_DAYS * DAY_MS),
      GROUP_TASK_LIMIT,
    ),
    loadStepStats(db),
    loadPolicyCalendars(db),
  ]);
  const fallback = fallbackOf(stats);
  return {
    rows,
    truncated,
    input: {
      now,
      calendar: groupCalendar(rows, calendars),
      stats,
      fallback,
      people: people.map((p) => ({
        id: p.id,
        available: p.active && !p.out_of_office,
        // Work held elsewhere is owed first: the typical step's median each.
        busyMinutes: p.elsewhere * fallback.workMedian,
      })),
      tasks: rows.map((r) => ({
        id: r.id,
        status: r.status,
        assigneeId: r.assignee_id,
        statsKey: statsKey(r.case_type_id, r.step_key),
        priority: r.priority,
        dueAt: r.due_at ? d(r.due_at) : null,
        createdAt: d(r.created_at),
        claimedAt: r.claimed_at ? d(r.claimed_at) : null,
      })),
    },
  };
}

/** Without a step's own history: the median of the known steps' figures, else an hour. */
function fallbackOf(stats: PredictionInput['stats']) {
  const known = [...stats.values()].filter((s) => s.samples > 0);
  if (!known.length) return FALLBACK_STATS;
  const median = percentile(
    known.map((s) => s.workMedian),
    0.5,
  );
  const p90 = percentile(
    known.map((s) => s.workP90),
    0.5,
  );
  return { workMedian: Math.max(1, median), workP90: Math.max(1, median, p90), samples: 0 };
}

/**
 * Recomputes one group's predictions in one transaction under the group's advisory lock. With
 * `wait` false (the scheduler) a group another copy is doing is skipped (returns null); with
 * `wait` true (after a supervisor's reassignment) it waits its turn and then recomputes.
 */
export async function refreshGroupPredictions(
  db: DbOrTx,
  groupId: string,
  now: Date,
  options: { wait?: boolean } = {},
): Promise<{ written: number; atRisk: number } | null> {
  return db.transaction(async (tx) => {
    if (options.wait) await lockGroupPredictions(tx, groupId);
    else if (!(await tryLockGroupPredictions(tx, groupId))) return null;
    const model = await loadGroupModel(tx, groupId, now);
    const predictions = predictQueue(model.input);
    const byId = new Map(model.rows.map((r) => [r.id, r]));
    await upsertPredictions(
      tx,
      predictions.map((p) => {
        const r = byId.get(p.taskId)!;
        return {
          taskId: p.taskId,
          groupId,
          assigneeId: r.status === 'claimed' ? r.assignee_id : null,
          dueAt: r.due_at ? d(r.due_at) : null,
          predictedDoneAt: p.predictedDoneAt,
          latenessMinutes: clampInt(p.latenessMinutes),
          risk: p.risk,
          atRisk: p.atRisk,
          computedAt: now,
        };
      }),
    );
    await deleteStaleAtRisk(tx, groupId, now);
    return { written: predictions.length, atRisk: predictions.filter((p) => p.atRisk).length };
  });
}

const clampInt = (n: number) => Math.max(-2_000_000_000, Math.min(2_000_000_000, Math.round(n)));

/**
 * The `predictions` job: step figures (when stale), then every group's predictions, then rows of
 * tasks that left the horizon. Safe with any number of scheduler copies: the figures and each
 * group are done under an advisory lock taken with try (a copy skips what another is doing), and
 * rows are upserted by task id.
 */
export async function refreshPredictions(db: DbOrTx, now: Date): Promise<number> {
  await refreshStepStats(db, now);
  let written = 0;
  for (const groupId of await listGroupIdsForPredictions(db)) {
    const r = await refreshGroupPredictions(db, groupId, now);
    written += r?.written ?? 0;
  }
  await deleteOldPredictions(db, new Date(now.getTime() - STALE_MS));
  return written;
}
