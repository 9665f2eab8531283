import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';

/** The groups and period every figure is computed for; `until` is "now". */
export type FigureScope = { groupIds: string[]; since: Date; until: Date };

const groupList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Working seconds between `from_at` and `to_at` on calendar `calendar_id`, as SQL over a row
 * of those three columns in scope `s` — the same rules as businessMinutesBetween in
 * lib/domain/business-calendar.ts: each local day's working intervals (weekday from the
 * calendar's working hours, none on its holidays) are turned into instants in the calendar's
 * time zone and clipped to the span. No calendar means the clock runs around the clock.
 * Cost is one row per local day of the span, so it is only ever run over a bounded set.
 */
const businessSeconds = sql`case when s.calendar_id is null
    then greatest(0, extract(epoch from s.to_at - s.from_at))
    else (select coalesce(sum(greatest(0, extract(epoch from
            least(s.to_at, (d.day + (iv.v->>'end')::interval) at time zone cal.time_zone)
            - greatest(s.from_at, (d.day + (iv.v->>'start')::interval) at time zone cal.time_zone)))), 0)
          from business_calendars cal
          cross join lateral (select (s.from_at at time zone cal.time_zone)::date as first_day,
                                     (s.to_at at time zone cal.time_zone)::date as last_day) r
          -- local dates (date + interval is a local timestamp; a timestamptz series would not be)
          cross join lateral (select r.first_day + i as day
                              from generate_series(0, r.last_day - r.first_day) as n(i)) d
          cross join lateral jsonb_array_elements(
            coalesce(cal.working_hours -> extract(isodow from d.day)::int::text, '[]'::jsonb)) as iv(v)
          where cal.id = s.calendar_id
            and not exists (select 1 from calendar_holidays h
                            where h.calendar_id = cal.id and h.day = d.day))
  end`;

/**
 * Per group and step: tasks completed in the period on time and late, and tasks open now
 * past their due time (however old), each judged twice: against the SLA deadline
 * (coalesce(sla_due_at, due_at): moved by pauses only) and against the working deadline a
 * supervisor may have extended (due_at). A task's clock reads at its pause when it was
 * completed or is still paused (the time it waited on the claimant is not the company's).
 * Tasks without a due time are left out.
 */
export async function listComplianceCounts(db: DbOrTx, scope: FigureScope) {
  const groups = groupList(scope.groupIds);
  const since = scope.since.toISOString();
  const until = scope.until.toISOString();
  const sla = sql`coalesce(t.sla_due_at, t.due_at)`;
  const openClock = sql`coalesce(t.paused_at, ${until}::timestamptz)`;
  return queryRows<{
    group_name: string;
    step: string;
    met: number;
    late: number;
    open_overdue: number;
    met_extended: number;
    late_extended: number;
    open_overdue_extended: number;
    extended: number;
  }>(
    db,
    sql`with done as (
          select t.candidate_group_id, t.name, t.due_at, ${sla} as sla_at,
            t.completed_at as clock_at, t.sla_due_at is not null as extended
          from tasks t
          where t.status = 'completed' and t.due_at is not null
            and t.completed_at >= ${since}::timestamptz and t.completed_at < ${until}::timestamptz
            and t.candidate_group_id in (${groups})),
        open_late as (
          -- Open work past a deadline: past the working one (tasks_group_open_due_idx), or
          -- extended past the SLA one while the working one is still ahead.
          select t.candidate_group_id, t.name, t.due_at, ${sla} as sla_at, ${openClock} as clock_at,
            t.sla_due_at is not null as extended
          from tasks t
          where t.status in ('ready', 'claimed') and t.due_at <= ${until}::timestamptz
            and t.candidate_group_id in (${groups})
          union all
          select t.candidate_group_id, t.name, t.due_at, t.sla_due_at, ${openClock}, true
          from tasks t
          where t.status in ('ready', 'claimed') and t.sla_due_at is not null
            and t.sla_due_at <= ${until}::timestamptz and t.due_at > ${until}::timestamptz
            and t.candidate_group_id in (${groups})),
        counted as (
          select candidate_group_id, name, extended,
            clock_at <= sla_at as met, clock_at > sla_at as late, false as open_overdue,
            clock_at <= due_at as met_x, clock_at > due_at as late_x, false as open_overdue_x
          from done
          union all
          select candidate_group_id, name, extended, false, false, sla_at <= clock_at,
            false, false, due_at <= clock_at
          from open_late)
        select g.name as group_name, c.name as step,
          count(*) filter (where c.met)::int as met,
          count(*) filter (where c.late)::int as late,
          count(*) filter (where c.open_overdue)::int as open_overdue,
          count(*) filter (where c.met_x)::int as met_extended,
          count(*) filter (where c.late_x)::int as late_extended,
          count(*) filter (where c.open_overdue_x)::int as open_overdue_extended,
          count(*) filter (where c.extended)::int as extended
        from counted c join groups g on g.id = c.candidate_group_id
        where c.met or c.late or c.open_overdue or c.met_x or c.late_x or c.open_overdue_x
        group by g.name, c.name order by g.name, c.name`,
  );
}

/**
 * Extended deadlines in the supervised groups: open tasks with an extension, and those
 * completed in the period, each with its SLA deadline, its extended deadline and the latest
 * extension's reason and author (from the audit trail), most recently due first, at most `limit`.
 */
export async function listExtendedDeadlines(db: DbOrTx, scope: FigureScope, limit: number) {
  const groups = groupList(scope.groupIds);
  return queryRows<{
    task_id: string;
    task_name: string;
    reference: string;
    group_name: string;
    status: string;
    sla_due_at: Date | string;
    due_at: Date | string;
    completed_at: Date | string | null;
    paused_at: Date | string | null;
    reason: string | null;
    extended_by: string | null;
    extended_at: Date | string | null;
  }>(
    db,
    sql`select t.id as task_id, t.name as task_name, c.reference, g.name as group_name,
          t.status::text as status, t.sla_due_at, t.due_at, t.completed_at, t.paused_at,
          x.metadata->>'reason' as reason, x.actor_label as extended_by, x.occurred_at as extended_at
        from tasks t
        join cases c on c.id = t.case_id
        join groups g on g.id = t.candidate_group_id
        left join lateral (
          select a.metadata, a.actor_label, a.occurred_at from audit_events a
          where a.task_id = t.id and a.action = 'task.deadline_extended'
          order by a.occurred_at desc, a.id desc limit 1) x on true
        where t.sla_due_at is not null and t.due_at is not null
          and t.candidate_group_id in (${groups})
          and (t.status in ('ready', 'claimed')
               or (t.status = 'completed'
                   and t.completed_at >= ${scope.since.toISOString()}::timestamptz
                   and t.completed_at < ${scope.until.toISOString()}::timestamptz))
        order by t.due_at desc, t.id
        limit ${limit}`,
  );
}

/**
 * Per group: median and p90 of business seconds from a task opening to its completion, on the
 * calendar of the task's SLA policy, less the working time its clock was paused (waiting for
 * the claimant), over the tasks completed in the period (a bounded set, found through
 * tasks_completed_at_idx).
 */
export async function listCycleTimes(db: DbOrTx, scope: FigureScope) {
  return queryRows<{
    group_name: string;
    completed: number;
    median_s: number | string | null;
    p90_s: number | string | null;
  }>(
    db,
    sql`with s as (
          select t.candidate_group_id, p.calendar_id, t.created_at as from_at,
            -- A task completed while paused is timed to its completion: a pause only stops the
            -- clock once a resume (by hand or by the event) has closed it, so pausing just
            -- before a breach and completing later cannot hide the breach.
            t.completed_at as to_at, t.paused_minutes
          from tasks t left join sla_policies p on p.id = t.sla_policy_id
          where t.status = 'completed'
            and t.completed_at >= ${scope.since.toISOString()}::timestamptz
            and t.completed_at < ${scope.until.toISOString()}::timestamptz
            and t.candidate_group_id in (${groupList(scope.groupIds)})),
        timed as (select s.candidate_group_id,
                    greatest(0, ${businessSeconds} - s.paused_minutes * 60) as secs from s)
        select g.name as group_name, count(*)::int as completed,
          percentile_cont(0.5) within group (order by timed.secs) as median_s,
          percentile_cont(0.9) within group (order by timed.secs) as p90_s
        from timed join groups g on g.id = timed.candidate_group_id
        group by g.name order by g.name`,
  );
}

/**
 * Per case type: cases closed in the period that had a task in one of the groups, timed from
 * opening to closing in business seconds on the calendar of the case's first task with an SLA
 * policy. Waiting for information (case.waiting until the next case.resumed, or the close) is
 * measured apart on the same calendar, so a "request information" hand-off neither stops nor
 * restarts the case's clock. Closed cases are found through audit_events_action_idx.
 */
export async function listCaseTimes(db: DbOrTx, scope: FigureScope) {
  const closedCases: SQL = sql`
    select distinct c.id, ct.name as case_type, c.created_at, c.closed_at,
      (select p.calendar_id from tasks t2 join sla_policies p on p.id = t2.sla_policy_id
        where t2.case_id = c.id order by t2.created_at, t2.id limit 1) as calendar_id
    from audit_events a
    join cases c on c.id = a.case_id
    join case_types ct on ct.id = c.case_type_id
    where a.action = 'case.closed'
      and a.occurred_at >= ${scope.since.toISOString()}::timestamptz
      and a.occurred_at < ${scope.until.toISOString()}::timestamptz
      and c.status = 'closed' and c.closed_at is not null
      and exists (select 1 from tasks t where t.case_id = c.id
                  and t.candidate_group_id in (${groupList(scope.groupIds)}))`;
  return queryRows<{
    case_type: string;
    closed: number;
    with_waiting: number;
    median_s: number | string | null;
    p90_s: number | string | null;
    median_waiting_s: number | string | null;
    median_active_s: number | string | null;
  }>(
    db,
    sql`with cl as (${closedCases}),
        spans as (
          select cl.id as case_id, false as waiting, cl.calendar_id, cl.created_at as from_at, cl.closed_at as to_at
          from cl
          union all
          select cl.id, true, cl.calendar_id, w.occurred_at,
            least(cl.closed_at, coalesce(
              (select min(r.occurred_at) from audit_events r
                where r.case_id = w.case_id and r.action = 'case.resumed' and r.id > w.id),
              cl.closed_at))
          from cl join audit_events w on w.case_id = cl.id and w.action = 'case.waiting'),
        timed as (select s.case_id, s.waiting, ${businessSeconds} as secs from spans s),
        per_case as (
          select cl.case_type,
            coalesce(sum(timed.secs) filter (where not timed.waiting), 0) as total_s,
            coalesce(sum(timed.secs) filter (where timed.waiting), 0) as waiting_s,
            count(*) filter (where timed.waiting) as waits
          from cl join timed on timed.case_id = cl.id
          group by cl.id, cl.case_type)
        select case_type, count(*)::int as closed,
          count(*) filter (where waits > 0)::int as with_waiting,
          percentile_cont(0.5) within group (order by total_s) as median_s,
          percentile_cont(0.9) within group (order by total_s) as p90_s,
          percentile_cont(0.5) within group (order by waiting_s) as median_waiting_s,
          percentile_cont(0.5) within group (order by total_s - waiting_s) as median_active_s
        from per_case group by case_type order by case_type`,
  );
}

/**
 * Per day in `timeZone`: tasks opened, tasks completed, escalations (for the group the task was
 * in). Each count is one range scan over the period grouped by local day, not one per day.
 */
export async function listDailyCounts(db: DbOrTx, scope: FigureScope, timeZone: string) {
  const groups = groupList(scope.groupIds);
  const tz = timeZone;
  const since = scope.since.toISOString();
  const until = scope.until.toISOString();
  // Whole local days: from the day after `since` up to and including the day of `until`.
  const from = sql`((((${since}::timestamptz at time zone ${tz})::date + 1)::timestamp) at time zone ${tz})`;
  const to = sql`((((${until}::timestamptz at time zone ${tz})::date + 1)::timestamp) at time zone ${tz})`;
  return queryRows<{ day: string; opened: number; completed: number; escalations: number }>(
    db,
    sql`with d as (
          select (${since}::timestamptz at time zone ${tz})::date + i as day
          from generate_series(1, (${until}::timestamptz at time zone ${tz})::date - (${since}::timestamptz at time zone ${tz})::date) as n(i)),
        opened as (
          select (t.created_at at time zone ${tz})::date as day, count(*)::int as n from tasks t
          where t.candidate_group_id in (${groups}) and t.created_at >= ${from} and t.created_at < ${to}
          group by 1),
        completed as (
          select (t.completed_at at time zone ${tz})::date as day, count(*)::int as n from tasks t
          where t.candidate_group_id in (${groups}) and t.status = 'completed'
            and t.completed_at >= ${from} and t.completed_at < ${to}
          group by 1),
        escalated as (
          select (a.occurred_at at time zone ${tz})::date as day, count(*)::int as n
          from audit_events a join tasks t on t.id = a.task_id
          where a.action = 'task.escalated' and a.occurred_at >= ${from} and a.occurred_at < ${to}
            -- counted for the group the task was in when it escalated (a level may move it elsewhere)
            and coalesce((a.before->>'candidateGroupId')::uuid, t.candidate_group_id) in (${groups})
          group by 1)
        select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(o.n, 0) as opened,
          coalesce(c.n, 0) as completed, coalesce(e.n, 0) as escalations
        from d left join opened o on o.day = d.day left join completed c on c.day = d.day
          left join escalated e on e.day = d.day
        order by d.day`,
  );
}
