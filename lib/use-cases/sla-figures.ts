import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { listSupervisedGroups } from '../data/groups';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

export type SlaFigures = Awaited<ReturnType<typeof slaFigures>>;

/**
 * SLA figures over the last `days` for the supervised groups, computed in SQL:
 * compliance per group and step (completed on or before due), cycle time (median, p90),
 * tasks opened vs completed per day, escalations per day (days in the actor's time zone).
 */
export async function slaFigures(db: DbOrTx, actor: UserActor, days: 7 | 30, now: Date) {
  await guard(db, actor, 'team.view', undefined, { type: 'team' });
  const gs = await listSupervisedGroups(db, actor);
  const tz = actor.timeZone ?? 'UTC';
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const until = now.toISOString();
  if (!gs.length) return { days, compliance: [], cycle: [], daily: [] };
  const groupList = sql.join(
    gs.map((g) => sql`${g.id}::uuid`),
    sql`, `,
  );
  const compliance = await queryRows<{
    group_name: string;
    step: string;
    completed: number;
    on_time: number;
  }>(
    db,
    sql`select g.name as group_name, t.name as step, count(*)::int as completed,
          count(*) filter (where t.due_at is null or t.completed_at <= t.due_at)::int as on_time
        from tasks t join groups g on g.id = t.candidate_group_id
        where t.status = 'completed' and t.completed_at >= ${since}::timestamptz and t.completed_at < ${until}::timestamptz and t.candidate_group_id in (${groupList})
        group by g.name, t.name order by g.name, t.name`,
  );
  const cycle = await queryRows<{
    group_name: string;
    completed: number;
    median_h: number | null;
    p90_h: number | null;
  }>(
    db,
    sql`select g.name as group_name, count(*)::int as completed,
          percentile_cont(0.5) within group (order by extract(epoch from t.completed_at - t.created_at)) / 3600 as median_h,
          percentile_cont(0.9) within group (order by extract(epoch from t.completed_at - t.created_at)) / 3600 as p90_h
        from tasks t join groups g on g.id = t.candidate_group_id
        where t.status = 'completed' and t.completed_at >= ${since}::timestamptz and t.completed_at < ${until}::timestamptz and t.candidate_group_id in (${groupList})
        group by g.name order by g.name`,
  );
  const daily = await queryRows<{
    day: string;
    opened: number;
    completed: number;
    escalations: number;
  }>(
    db,
    sql`with d as (
          select generate_series((${since}::timestamptz at time zone ${tz})::date + 1, (${until}::timestamptz at time zone ${tz})::date, interval '1 day')::date as day)
        select to_char(d.day, 'YYYY-MM-DD') as day,
          (select count(*)::int from tasks t where t.candidate_group_id in (${groupList}) and (t.created_at at time zone ${tz})::date = d.day) as opened,
          (select count(*)::int from tasks t where t.candidate_group_id in (${groupList}) and t.status = 'completed' and (t.completed_at at time zone ${tz})::date = d.day) as completed,
          (select count(*)::int from audit_events a join tasks t on t.id = a.task_id where a.action = 'task.escalated'
             -- counted for the group the task was in when it escalated (a level may move it elsewhere)
             and coalesce((a.before->>'candidateGroupId')::uuid, t.candidate_group_id) in (${groupList}) and (a.occurred_at at time zone ${tz})::date = d.day) as escalations
        from d order by d.day`,
  );
  return {
    days,
    compliance: compliance.map((r) => ({
      group: r.group_name,
      step: r.step,
      completed: Number(r.completed),
      onTime: Number(r.on_time),
      percent: Number(r.completed)
        ? Math.round((Number(r.on_time) / Number(r.completed)) * 1000) / 10
        : null,
    })),
    cycle: cycle.map((r) => ({
      group: r.group_name,
      completed: Number(r.completed),
      medianHours: r.median_h === null ? null : Math.round(Number(r.median_h) * 10) / 10,
      p90Hours: r.p90_h === null ? null : Math.round(Number(r.p90_h) * 10) / 10,
    })),
    daily: daily.map((r) => ({
      day: r.day,
      opened: Number(r.opened),
      completed: Number(r.completed),
      escalations: Number(r.escalations),
    })),
  };
}
