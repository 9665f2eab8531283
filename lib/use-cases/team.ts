import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { groupMemberships, groups, users } from '../../db/schema';
import { queryRows } from '../../db/client';
import { recordAudit } from '../data/audit';
import { isUuid } from '../data/tasks';
import { supervises, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard, recordRefusal } from './guard';

/** Groups in the actor's care: those they supervise (admins: all). */
export async function supervisedGroups(db: DbOrTx, actor: UserActor) {
  const all = await db
    .select({ id: groups.id, key: groups.key, name: groups.name })
    .from(groups)
    .orderBy(groups.name);
  return all.filter((g) => supervises(actor, g.id));
}

/** Workload per person in the supervised groups: open, due soon (4 h), overdue; and who is out of office. */
export async function teamWorkload(db: DbOrTx, actor: UserActor, now: Date) {
  await guard(db, actor, 'team.view', undefined, { type: 'team' });
  const gs = await supervisedGroups(db, actor);
  if (!gs.length) return { groups: [], people: [] };
  const ids = gs.map((g) => g.id);
  const soon = new Date(now.getTime() + 4 * 3_600_000).toISOString();
  // Only work in the groups this person supervises counts: other groups' tasks stay private.
  const groupIds = sql.join(
    ids.map((i) => sql`${i}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{
    id: string;
    name: string;
    email: string;
    out_of_office: boolean;
    delegate_id: string | null;
    delegate_name: string | null;
    group_names: string;
    open: number;
    due_soon: number;
    overdue: number;
  }>(
    db,
    sql`select u.id, u.name, u.email, u.out_of_office, u.delegate_id, d.name as delegate_name,
          string_agg(distinct g.name, ', ' order by g.name) as group_names,
          (select count(*)::int from tasks t where t.assignee_id = u.id and t.status = 'claimed' and t.candidate_group_id in (${groupIds})) as open,
          (select count(*)::int from tasks t where t.assignee_id = u.id and t.status = 'claimed' and t.candidate_group_id in (${groupIds}) and t.due_at > ${now.toISOString()}::timestamptz and t.due_at <= ${soon}::timestamptz) as due_soon,
          (select count(*)::int from tasks t where t.assignee_id = u.id and t.status = 'claimed' and t.candidate_group_id in (${groupIds}) and t.due_at <= ${now.toISOString()}::timestamptz) as overdue
        from users u
        join group_memberships m on m.user_id = u.id
        join groups g on g.id = m.group_id
        left join users d on d.id = u.delegate_id
        where u.active and m.group_id in (${groupIds})
        group by u.id, d.name
        order by u.name`,
  );
  return {
    groups: gs,
    people: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      groups: r.group_names,
      outOfOffice: r.out_of_office,
      delegateId: r.delegate_id,
      delegateName: r.delegate_name,
      open: Number(r.open),
      dueSoon: Number(r.due_soon),
      overdue: Number(r.overdue),
    })),
  };
}

/**
 * Out of office with a delegate: new work routed to the person goes to the delegate. Allowed to
 * supervisors of a group the person is in (and admins); the delegate must be active and share a group.
 */
export async function setOutOfOffice(
  db: DbOrTx,
  actor: UserActor,
  input: { userId: string; outOfOffice: boolean; delegateId: string | null },
  now = new Date(),
) {
  if (!isUuid(input.userId)) throw new DomainError('not_found', 'User was not found.');
  const memberships = await db
    .select({ groupId: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, input.userId));
  const allowed = actor.role === 'admin' || memberships.some((m) => supervises(actor, m.groupId));
  if (!allowed) {
    await recordRefusal(
      db,
      actor,
      'team.set_out_of_office',
      { type: 'user', id: input.userId },
      'not a supervisor of any group of this person',
    );
    throw new DomainError('not_found', 'User was not found.');
  }
  if (input.delegateId) {
    if (input.delegateId === input.userId)
      throw new DomainError('validation', 'A person cannot be their own delegate.', {
        delegateId: 'must be someone else',
      });
    // The delegate must share a group with the person that the actor supervises.
    const inCare = memberships.map((m) => m.groupId).filter((g) => supervises(actor, g));
    const shared = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(groupMemberships, eq(groupMemberships.userId, users.id))
      .where(
        and(
          eq(users.id, input.delegateId),
          eq(users.active, true),
          inArray(
            groupMemberships.groupId,
            inCare.concat(['00000000-0000-0000-0000-000000000000']),
          ),
        ),
      );
    if (!shared.length)
      throw new DomainError(
        'validation',
        'The delegate must be an active member of one of the same groups.',
        { delegateId: 'is not an active member of the same groups' },
      );
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
    if (!before) throw new DomainError('not_found', 'User was not found.');
    const [after] = await tx
      .update(users)
      .set({
        outOfOffice: input.outOfOffice,
        delegateId: input.outOfOffice ? input.delegateId : null,
        updatedAt: now,
      })
      .where(eq(users.id, input.userId))
      .returning();
    await recordAudit(tx, actor, {
      action: input.outOfOffice ? 'user.out_of_office' : 'user.back_in_office',
      entityType: 'user',
      entityId: input.userId,
      summary: input.outOfOffice
        ? `${before.name} marked out of office${input.delegateId ? ', new work goes to the delegate' : ''}`
        : `${before.name} is back in the office`,
      before: { outOfOffice: before.outOfOffice, delegateId: before.delegateId },
      after: { outOfOffice: after!.outOfOffice, delegateId: after!.delegateId },
      occurredAt: now,
    });
    return { id: after!.id, outOfOffice: after!.outOfOffice, delegateId: after!.delegateId };
  });
}

export type SlaFigures = Awaited<ReturnType<typeof slaFigures>>;

/**
 * SLA figures over the last `days` for the supervised groups, computed in SQL:
 * compliance per group and step (completed on or before due), cycle time (median, p90),
 * tasks opened vs completed per day, escalations per day (days in the actor's time zone).
 */
export async function slaFigures(db: DbOrTx, actor: UserActor, days: 7 | 30, now: Date) {
  await guard(db, actor, 'team.view', undefined, { type: 'team' });
  const gs = await supervisedGroups(db, actor);
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
