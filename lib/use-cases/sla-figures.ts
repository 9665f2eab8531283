import type { DbOrTx } from '../../db/client';
import { listSupervisedGroups } from '../data/groups';
import {
  listCaseTimes,
  listComplianceCounts,
  listCycleTimes,
  listDailyCounts,
  listExtendedDeadlines,
} from '../data/sla-figures';
import type { UserActor } from '../domain/permissions';
import { compliance, deadlineVerdict, hoursOf, sumCompliance } from '../domain/sla-figures';
import { guard } from './guard';

export type SlaFigures = Awaited<ReturnType<typeof slaFigures>>;

/** The extended deadlines the console lists (the count in `extendedTasks` is not capped). */
const EXTENDED_LIST_LIMIT = 50;
const toDate = (v: Date | string | null) => (v === null ? null : new Date(v));

/**
 * SLA figures over the last `days` for the supervised groups, aggregated in SQL (definitions
 * in lib/data/sla-figures.ts and lib/domain/sla-figures.ts): compliance per group and step with
 * open overdue work counted as missed, cycle time in business hours per group, end-to-end time
 * per case type with waiting for information apart, and opened / completed / escalations per
 * day in the actor's time zone. Compliance is judged against the SLA deadline (which only a
 * pause moves); `complianceExtended` judges the same work against the deadlines as extended,
 * and `extended` lists the extended tasks with both deadlines and the reason.
 */
export async function slaFigures(db: DbOrTx, actor: UserActor, days: 7 | 30, now: Date) {
  await guard(db, actor, 'team.view', undefined, { type: 'team' });
  const gs = await listSupervisedGroups(db, actor);
  const empty = { met: 0, completedLate: 0, openOverdue: 0 };
  if (!gs.length)
    return {
      days,
      complianceTotal: compliance(empty),
      complianceExtended: compliance(empty),
      extendedTasks: 0,
      extended: [],
      compliance: [],
      cycle: [],
      cases: [],
      daily: [],
    };
  const scope = {
    groupIds: gs.map((g) => g.id),
    since: new Date(now.getTime() - days * 86_400_000),
    until: now,
  };
  const [counts, extendedRows, cycle, cases, daily] = await Promise.all([
    listComplianceCounts(db, scope),
    listExtendedDeadlines(db, scope, EXTENDED_LIST_LIMIT),
    listCycleTimes(db, scope),
    listCaseTimes(db, scope),
    listDailyCounts(db, scope, actor.timeZone ?? 'UTC'),
  ]);
  const rows = counts.map((r) => ({
    group: r.group_name,
    step: r.step,
    ...compliance({
      met: Number(r.met),
      completedLate: Number(r.late),
      openOverdue: Number(r.open_overdue),
    }),
  }));
  const extended = extendedRows.map((r) => {
    const t = {
      status: r.status,
      completedAt: toDate(r.completed_at),
      pausedAt: toDate(r.paused_at),
    };
    const slaDueAt = new Date(r.sla_due_at);
    const dueAt = new Date(r.due_at);
    return {
      taskId: r.task_id,
      taskName: r.task_name,
      reference: r.reference,
      group: r.group_name,
      status: r.status,
      slaDueAt,
      dueAt,
      completedAt: t.completedAt,
      reason: r.reason,
      extendedBy: r.extended_by,
      extendedAt: toDate(r.extended_at),
      sla: deadlineVerdict(t, slaDueAt, now),
      asExtended: deadlineVerdict(t, dueAt, now),
    };
  });
  return {
    days,
    complianceTotal: sumCompliance(rows),
    complianceExtended: sumCompliance(
      counts.map((r) => ({
        met: Number(r.met_extended),
        completedLate: Number(r.late_extended),
        openOverdue: Number(r.open_overdue_extended),
      })),
    ),
    extendedTasks: counts.reduce((n, r) => n + Number(r.extended), 0),
    extended,
    compliance: rows,
    cycle: cycle.map((r) => ({
      group: r.group_name,
      completed: Number(r.completed),
      medianHours: hoursOf(r.median_s),
      p90Hours: hoursOf(r.p90_s),
    })),
    cases: cases.map((r) => ({
      caseType: r.case_type,
      closed: Number(r.closed),
      withWaiting: Number(r.with_waiting),
      medianHours: hoursOf(r.median_s),
      p90Hours: hoursOf(r.p90_s),
      medianWaitingHours: hoursOf(r.median_waiting_s),
      medianActiveHours: hoursOf(r.median_active_s),
    })),
    daily: daily.map((r) => ({
      day: r.day,
      opened: Number(r.opened),
      completed: Number(r.completed),
      escalations: Number(r.escalations),
    })),
  };
}
