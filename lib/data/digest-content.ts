import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import {
  DIGEST_DUE_SOON_MS,
  DIGEST_SECTION_CAP,
  type DigestContent,
  type DigestSection,
  type DigestTask,
} from '../domain/escalation-digest';

/** What one escalation digest lists (lib/data/digests.ts holds the digests themselves). */

type TaskRowSql = {
  task_id: string;
  case_id: string;
  reference: string | null;
  name: string;
  due_at: string | Date | null;
  escalation_level: number;
  assignee_name: string | null;
};
const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
const toTask = (r: TaskRowSql): DigestTask => ({
  taskId: r.task_id,
  caseId: r.case_id,
  reference: r.reference,
  name: r.name,
  dueAt: iso(r.due_at),
  escalationLevel: Number(r.escalation_level),
  assigneeName: r.assignee_name,
});
const total = (rows: { total: unknown }[]) => Number(rows[0]?.total ?? 0);
const cap = DIGEST_SECTION_CAP;

/**
 * What the digest of one group for [from, to) lists, read at `now`.
 * - escalations: the group's open escalated tasks escalated (at any level: tasks.escalated_at is
 *   the last escalation) in the period, or whose snooze
 *   ended in it, neither acknowledged nor still snoozed — tasks_escalated_page_idx (the group's
 *   open escalated set, not the table).
 * - at risk: task_predictions_group_risk_idx (the group's at-risk predictions), tasks by key,
 *   kept only when still open in this group.
 * - unassigned due soon: ready tasks due within a day — a range of tasks_group_ready_page_idx.
 * - absent people: members out of office (absences set it) holding claimed work of the group —
 *   group_memberships by group, then tasks_assignee_open_page_idx per person (capped).
 */
export async function digestContent(
  db: DbOrTx,
  groupId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<DigestContent> {
  const f = from.toISOString();
  const t = to.toISOString();
  const n = now.toISOString();
  const soon = new Date(now.getTime() + DIGEST_DUE_SOON_MS).toISOString();
  const taskCols = sql`t.id as task_id, t.case_id, c.reference, t.name, t.due_at, t.escalation_level, a.name as assignee_name`;
  const escWhere = sql`t.candidate_group_id = ${groupId} and t.status in ('ready', 'claimed') and t.escalation_level > 0
    and (t.escalation_acknowledged_at is null or t.escalation_acknowledged_at < t.ladder_started_at)
    and (t.escalation_snoozed_until is null or t.escalation_snoozed_until <= ${t}::timestamptz)
    and ((t.escalated_at >= ${f}::timestamptz and t.escalated_at < ${t}::timestamptz)
      or (t.escalation_snoozed_until > ${f}::timestamptz and t.escalation_snoozed_until <= ${t}::timestamptz))`;
  const [escItems, escTotal] = await Promise.all([
    queryRows<TaskRowSql>(
      db,
      sql`select ${taskCols} from tasks t join cases c on c.id = t.case_id left join users a on a.id = t.assignee_id
        where ${escWhere} order by coalesce(t.due_at, 'infinity'::timestamptz), t.id limit ${cap}`,
    ),
    queryRows<{ total: unknown }>(db, sql`select count(*) as total from tasks t where ${escWhere}`),
  ]);
  // The prediction's group may be stale: the task must still be open and in this group.
  const riskWhere = sql`p.group_id = ${groupId} and p.at_risk
    and t.candidate_group_id = ${groupId} and t.status in ('ready', 'claimed')`;
  const [riskItems, riskTotal] = await Promise.all([
    queryRows<TaskRowSql & { lateness_minutes: number; risk: number }>(
      db,
      sql`select ${taskCols}, p.lateness_minutes, p.risk from task_predictions p
        join tasks t on t.id = p.task_id join cases c on c.id = t.case_id left join users a on a.id = t.assignee_id
        where ${riskWhere}
        order by p.lateness_minutes desc nulls last limit ${cap}`,
    ),
    queryRows<{ total: unknown }>(
      db,
      sql`select count(*) as total from task_predictions p join tasks t on t.id = p.task_id where ${riskWhere}`,
    ),
  ]);
  const dueWhere = sql`t.candidate_group_id = ${groupId} and t.status = 'ready'
    and coalesce(t.due_at, 'infinity'::timestamptz) >= ${n}::timestamptz
    and coalesce(t.due_at, 'infinity'::timestamptz) < ${soon}::timestamptz`;
  const [dueItems, dueTotal] = await Promise.all([
    queryRows<TaskRowSql>(
      db,
      sql`select ${taskCols} from tasks t join cases c on c.id = t.case_id left join users a on a.id = t.assignee_id
        where ${dueWhere} order by coalesce(t.due_at, 'infinity'::timestamptz), t.id limit ${cap}`,
    ),
    queryRows<{ total: unknown }>(db, sql`select count(*) as total from tasks t where ${dueWhere}`),
  ]);
  const absent = await queryRows<{ user_id: string; name: string; claimed: unknown }>(
    db,
    sql`select u.id as user_id, u.name, h.claimed from group_memberships m join users u on u.id = m.user_id
      cross join lateral (select count(*) as claimed from tasks t
        where t.assignee_id = u.id and t.status = 'claimed' and t.candidate_group_id = ${groupId}) h
      where m.group_id = ${groupId} and u.active and u.out_of_office and h.claimed > 0
      order by u.name, u.id limit ${cap + 1}`,
  );
  const section = <T>(items: T[], count: number): DigestSection<T> => ({
    items,
    total: Math.max(count, items.length),
  });
  return {
    escalations: section(escItems.map(toTask), total(escTotal)),
    atRisk: section(
      riskItems.map((r) => ({
        ...toTask(r),
        latenessMinutes: Number(r.lateness_minutes),
        risk: Number(r.risk),
      })),
      total(riskTotal),
    ),
    unassignedDueSoon: section(dueItems.map(toTask), total(dueTotal)),
    absentHolders: section(
      absent.slice(0, cap).map((r) => ({
        userId: r.user_id,
        name: r.name,
        claimedTasks: Number(r.claimed),
      })),
      absent.length,
    ),
  };
}
