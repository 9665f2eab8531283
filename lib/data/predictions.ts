import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import {
  businessCalendars,
  calendarHolidays,
  slaPolicies,
  stepDurationStats,
  taskPredictions,
} from '../../db/schema';
import { makeCalendar, type BusinessCalendar } from '../domain/business-calendar';
import type { Priority, StepStats } from '../domain/breach-prediction';

/**
 * Queries of predicted breach (issue 18). Every query here is bounded by an index range or a
 * LIMIT; the index each one uses is named beside it (bench/results/predictions.md has the plans).
 */

/** A Monday–Friday 09:00–17:00 UTC calendar for tasks without an SLA policy. */
export const DEFAULT_CALENDAR = makeCalendar({
  timeZone: 'UTC',
  workingHours: Object.fromEntries(
    ['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
  ),
});

/** Every business calendar by SLA policy id (a handful of rows). */
export async function loadPolicyCalendars(db: DbOrTx): Promise<Map<string, BusinessCalendar>> {
  const [policies, calendars, holidays] = await Promise.all([
    db.select({ id: slaPolicies.id, calendarId: slaPolicies.calendarId }).from(slaPolicies),
    db.select().from(businessCalendars),
    db
      .select({ calendarId: calendarHolidays.calendarId, day: calendarHolidays.day })
      .from(calendarHolidays),
  ]);
  const days = new Map<string, string[]>();
  for (const h of holidays) days.set(h.calendarId, [...(days.get(h.calendarId) ?? []), h.day]);
  const byCalendar = new Map(
    calendars.map((c) => [
      c.id,
      makeCalendar({
        timeZone: c.timeZone,
        workingHours: c.workingHours,
        holidays: days.get(c.id) ?? [],
      }),
    ]),
  );
  const out = new Map<string, BusinessCalendar>();
  for (const p of policies) {
    const c = byCalendar.get(p.calendarId);
    if (c) out.set(p.id, c);
  }
  return out;
}

export type CompletedSample = {
  case_type_id: string;
  step_key: string;
  sla_policy_id: string | null;
  created_at: Date | string;
  claimed_at: Date | string | null;
  completed_at: Date | string;
};

/**
 * The most recent completed tasks since `from` (at most `limit`): a backward range scan of
 * tasks_completed_at_idx, each task's case by primary key.
 */
export async function recentCompletedTasks(
  db: DbOrTx,
  from: Date,
  limit: number,
): Promise<CompletedSample[]> {
  return queryRows<CompletedSample>(
    db,
    sql`select c.case_type_id, t.step_key, t.sla_policy_id, t.created_at, t.claimed_at, t.completed_at
          from tasks t join cases c on c.id = t.case_id
         where t.completed_at is not null and t.completed_at >= ${from.toISOString()}::timestamptz
         order by t.completed_at desc
         limit ${limit}`,
  );
}

/** When the step statistics were last computed (null: never). */
export async function stepStatsComputedAt(db: DbOrTx): Promise<Date | null> {
  const [r] = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select max(computed_at) as at from step_duration_stats`,
  );
  return r?.at ? new Date(r.at) : null;
}

export type StepStatsRow = typeof stepDurationStats.$inferInsert;

/** Upserts the statistics of the steps seen (a step with no recent sample keeps its last figures). */
export async function upsertStepStats(db: DbOrTx, rows: StepStatsRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(stepDurationStats)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [stepDurationStats.caseTypeId, stepDurationStats.stepKey],
        set: {
          sampleCount: sql`excluded.sample_count`,
          workMedianMinutes: sql`excluded.work_median_minutes`,
          workP90Minutes: sql`excluded.work_p90_minutes`,
          elapsedMedianMinutes: sql`excluded.elapsed_median_minutes`,
          elapsedP90Minutes: sql`excluded.elapsed_p90_minutes`,
          computedAt: sql`excluded.computed_at`,
        },
      });
  }
}

/** All step statistics (one row per case type and step: a small table), keyed by statsKey. */
export async function loadStepStats(db: DbOrTx): Promise<Map<string, StepStats>> {
  const rows = await db.select().from(stepDurationStats);
  return new Map(
    rows.map((r) => [
      `${r.caseTypeId}:${r.stepKey}`,
      { workMedian: r.workMedianMinutes, workP90: r.workP90Minutes, samples: r.sampleCount },
    ]),
  );
}

/** Groups with open work or people: every group (a small table). */
export async function listGroupIdsForPredictions(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`select id from groups order by id`);
  return rows.map((r) => r.id);
}

/**
 * Takes the group's prediction lock for this transaction, or returns false when another
 * scheduler copy (or a supervisor's recompute) holds it: that one is doing the same work.
 */
export async function tryLockGroupPredictions(tx: DbOrTx, groupId: string): Promise<boolean> {
  const [r] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(hashtext(${`predictions:${groupId}`})) as ok`,
  );
  return Boolean(r?.ok);
}

/** Waits for the group's prediction lock (an on-demand recompute after a reassignment). */
export async function lockGroupPredictions(tx: DbOrTx, groupId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`predictions:${groupId}`}))`);
}

/** Serialises step statistics refreshes of parallel scheduler copies; false: another is at it. */
export async function tryLockStepStats(tx: DbOrTx): Promise<boolean> {
  const [r] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(hashtext('predictions:step-stats')) as ok`,
  );
  return Boolean(r?.ok);
}

export type GroupPersonRow = {
  id: string;
  active: boolean;
  out_of_office: boolean;
  /** Tasks they hold in other groups (their load elsewhere), capped at 200. */
  elsewhere: number;
};

/**
 * The group's members (group_memberships primary key), whether they can work, and how many
 * tasks they hold elsewhere (tasks_assignee_open_due_idx, capped).
 */
export async function groupPeople(db: DbOrTx, groupId: string): Promise<GroupPersonRow[]> {
  const rows = await queryRows<GroupPersonRow>(
    db,
    sql`select u.id, u.active, u.out_of_office,
               (select count(*)::int from (
                  select 1 from tasks t
                   where t.assignee_id = u.id and t.status in ('ready', 'claimed')
                     and t.candidate_group_id is distinct from ${groupId}::uuid
                   limit 200) x) as elsewhere
          from group_memberships m join users u on u.id = m.user_id
         where m.group_id = ${groupId}::uuid
         order by u.id`,
  );
  return rows.map((r) => ({ ...r, elsewhere: Number(r.elsewhere) }));
}

export type GroupTaskRow = {
  id: string;
  case_type_id: string;
  step_key: string;
  status: 'ready' | 'claimed';
  assignee_id: string | null;
  priority: Priority;
  due_at: Date | string | null;
  created_at: Date | string;
  claimed_at: Date | string | null;
  sla_policy_id: string | null;
};

/**
 * The group's open, unpaused work that matters within the horizon: tasks due by `until` in due
 * order (a range of tasks_group_open_page_idx, at most `limit`), and whatever the group's members
 * hold whatever its due time (tasks_assignee_open_due_idx per member): held work comes first in
 * a holder's day. Each task's case by primary key.
 */
export async function groupOpenTasks(
  db: DbOrTx,
  groupId: string,
  memberIds: readonly string[],
  until: Date,
  limit: number,
): Promise<{ rows: GroupTaskRow[]; truncated: boolean }> {
  const cols = sql`t.id, c.case_type_id, t.step_key, t.status, t.assignee_id, t.priority, t.due_at, t.created_at, t.claimed_at, t.sla_policy_id`;
  const due = await queryRows<GroupTaskRow>(
    db,
    sql`select ${cols}
          from tasks t join cases c on c.id = t.case_id
         where t.candidate_group_id = ${groupId}::uuid and t.status in ('ready', 'claimed')
           and coalesce(t.due_at, 'infinity'::timestamptz) <= ${until.toISOString()}::timestamptz
           and t.paused_at is null
         order by coalesce(t.due_at, 'infinity'::timestamptz), t.id
         limit ${limit + 1}`,
  );
  const truncated = due.length > limit;
  const rows = due.slice(0, limit);
  if (memberIds.length) {
    const seen = new Set(rows.map((r) => r.id));
    const held = await queryRows<GroupTaskRow>(
      db,
      sql`select ${cols}
            from tasks t join cases c on c.id = t.case_id
           where t.assignee_id in (${sql.join(
             memberIds.map((m) => sql`${m}::uuid`),
             sql`, `,
           )})
             and t.status in ('ready', 'claimed') and t.candidate_group_id = ${groupId}::uuid
             and t.paused_at is null
           limit ${limit}`,
    );
    for (const r of held) if (!seen.has(r.id)) rows.push(r);
  }
  return { rows, truncated };
}

export type PredictionRow = typeof taskPredictions.$inferInsert;

/** Writes predictions in batches (primary key upsert: a second writer overwrites, never duplicates). */
export async function upsertPredictions(db: DbOrTx, rows: PredictionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(taskPredictions)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: taskPredictions.taskId,
        set: {
          groupId: sql`excluded.group_id`,
          assigneeId: sql`excluded.assignee_id`,
          dueAt: sql`excluded.due_at`,
          predictedDoneAt: sql`excluded.predicted_done_at`,
          latenessMinutes: sql`excluded.lateness_minutes`,
          risk: sql`excluded.risk`,
          atRisk: sql`excluded.at_risk`,
          computedAt: sql`excluded.computed_at`,
        },
      });
  }
}

/**
 * Removes the group's at-risk rows this run did not rewrite (closed, moved away, paused):
 * task_predictions_group_risk_idx.
 */
export async function deleteStaleAtRisk(db: DbOrTx, groupId: string, before: Date) {
  await db.execute(
    sql`delete from task_predictions
         where group_id = ${groupId}::uuid and at_risk and computed_at < ${before.toISOString()}::timestamptz`,
  );
}

/**
 * Removes rows no run has rewritten for a while (tasks closed, or gone past the horizon): one scan
 * of a table that holds only the horizon's tasks.
 */
export async function deleteOldPredictions(db: DbOrTx, before: Date): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with d as (delete from task_predictions where computed_at < ${before.toISOString()}::timestamptz returning 1)
        select count(*)::int as n from d`,
  );
  return Number(rows[0]?.n ?? 0);
}
