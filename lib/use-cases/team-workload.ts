import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { listSupervisedGroups } from '../data/groups';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

/**
 * Workload per person in the supervised groups: open, due soon (from each task's due-soon point,
 * the inbox's definition), overdue; and who is out of office.
 */
export async function teamWorkload(db: DbOrTx, actor: UserActor, now: Date) {
  await guard(db, actor, 'team.view', undefined, { type: 'team' });
  const gs = await listSupervisedGroups(db, actor);
  if (!gs.length) return { groups: [], people: [] };
  const ids = gs.map((g) => g.id);
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
    group_ids: string;
    open: number;
    due_soon: number;
    overdue: number;
  }>(
    db,
    sql`select u.id, u.name, u.email, u.out_of_office, u.delegate_id, d.name as delegate_name,
          string_agg(distinct g.name, ', ' order by g.name) as group_names,
          string_agg(distinct g.id::text, ',') as group_ids,
          (select count(*)::int from tasks t where t.assignee_id = u.id and t.status = 'claimed' and t.candidate_group_id in (${groupIds})) as open,
          (select count(*)::int from tasks t where t.assignee_id = u.id and t.status = 'claimed' and t.candidate_group_id in (${groupIds}) and t.due_at > ${now.toISOString()}::timestamptz and t.due_soon_at <= ${now.toISOString()}::timestamptz) as due_soon,
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
      /** The supervised groups the person is in: delegates and new holders come from these. */
      groupIds: r.group_ids.split(','),
      outOfOffice: r.out_of_office,
      delegateId: r.delegate_id,
      delegateName: r.delegate_name,
      open: Number(r.open),
      dueSoon: Number(r.due_soon),
      overdue: Number(r.overdue),
    })),
  };
}
