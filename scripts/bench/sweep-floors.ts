import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

/** Raw-SQL floors of the sweep benchmark (sweep.ts), on the same data at the same `at`. */

export type DueColumn = 'next_escalation_at' | 'remind_at';

/** Open tasks whose `col` has fallen due at `at`: the sweeps' own condition. */
export const openDue = (at: string, col: DueColumn) =>
  sql`status in ('ready','claimed') and ${sql.raw(col)} is not null and ${sql.raw(col)} <= ${at}::timestamptz`;

/** The floor: claim 100 with SKIP LOCKED and update them, a transaction each. */
export async function floorClaimUpdate(db: Db, at: string, col: DueColumn) {
  const set =
    col === 'next_escalation_at'
      ? sql`escalation_level = 1, escalated_at = ${at}::timestamptz, next_escalation_at = null`
      : sql`remind_at = null, reminded_at = ${at}::timestamptz`;
  let total = 0;
  for (;;) {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`with c as (select id from tasks where ${openDue(at, col)} order by ${sql.raw(col)} limit 100 for update skip locked),
          u as (update tasks t set ${set} from c where t.id = c.id returning 1)
          select count(*)::int as n from u`,
    );
    if (!r!.n) return total;
    total += r!.n;
  }
}

/**
 * Floor with the same rows the sweep writes for a level-1 escalation, set-based in one statement
 * a batch: the update, one audit event, one notification to the group's supervisor and its e-mail.
 */
export async function floorWithRows(db: Db, at: string, batch: number) {
  let total = 0;
  for (;;) {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`with c as (select id from tasks where ${openDue(at, 'next_escalation_at')} order by next_escalation_at limit ${batch} for update skip locked),
        u as (update tasks t set escalation_level = t.escalation_level + 1, escalated_at = ${at}::timestamptz, next_escalation_at = null, updated_at = ${at}::timestamptz
              from c where t.id = c.id returning t.id, t.case_id, t.name, t.escalation_level, t.candidate_group_id, t.assignee_id, t.status),
        s as (select u.*, g.supervisor_id, su.email, su.name as sup_name, cs.reference from u join groups g on g.id = u.candidate_group_id join users su on su.id = g.supervisor_id join cases cs on cs.id = u.case_id),
        n as (insert into notifications (user_id, kind, case_id, task_id, title, body, link, dedupe_key, created_at)
              select supervisor_id, 'escalation', case_id, id, 'Escalated (level ' || escalation_level || '): ' || reference || ' “' || name || '” is overdue',
                     'Escalated to level ' || escalation_level || ': overdue, ' || sup_name || ' (supervisor) notified', '/tasks/' || id,
                     'escalation:' || id || ':' || escalation_level || ':' || supervisor_id, ${at}::timestamptz from s
              on conflict (dedupe_key) do nothing returning id, dedupe_key, title, body, user_id),
        e as (insert into email_outbox (notification_id, to_address, subject, body, dedupe_key, next_attempt_at, created_at)
              select n.id, su.email, n.title, n.body, 'email:' || n.dedupe_key, ${at}::timestamptz, ${at}::timestamptz from n join users su on su.id = n.user_id
              on conflict (dedupe_key) do nothing),
        a as (insert into audit_events (actor_type, actor_id, actor_label, action, entity_type, entity_id, case_id, task_id, summary, before, after, metadata, occurred_at)
              select 'system', 'scheduler', 'system:scheduler', 'task.escalated', 'task', id::text, case_id, id,
                     'Escalated to level ' || escalation_level || ': overdue, ' || sup_name || ' (supervisor) notified',
                     jsonb_build_object('escalationLevel', escalation_level - 1, 'assigneeId', assignee_id, 'candidateGroupId', candidate_group_id, 'status', status),
                     jsonb_build_object('escalationLevel', escalation_level, 'assigneeId', assignee_id, 'candidateGroupId', candidate_group_id, 'status', status, 'nextEscalationAt', null),
                     jsonb_build_object('level', escalation_level, 'action', 'notify_supervisor', 'notifiedUserIds', jsonb_build_array(supervisor_id)), ${at}::timestamptz from s)
        select count(*)::int as n from u`,
    );
    if (!r!.n) return total;
    total += r!.n;
  }
}
