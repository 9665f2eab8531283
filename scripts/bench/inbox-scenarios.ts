import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
/**
 * The inbox benchmark's queues (scripts/bench/inbox.ts): who asks, the filters, and the floor of
 * each, the raw-SQL top-50 page of the same queue (the columns a row shows; the visibility as one
 * index range per slice, a hand-written union), for the same data in the same run.
 */

export type Scenario = {
  key: string;
  label: string;
  who: 'adjuster' | 'supervisor';
  filters: Record<string, string>;
  /** The raw-SQL top-50 page of the same queue: the floor. */
  floor: (ids: Ids) => string;
};
export type Ids = { adjuster: string; supervisor: string; group: string; supervised: string[] };

const PAGE_COLUMNS = `t.id, t.name, t.status, t.priority, t.due_at, t.escalation_level, t.version,
  c.id case_id, c.reference, c.title, c.amount_cents, t.candidate_group_id, t.assignee_id`;
const DUE = `coalesce(t.due_at, 'infinity'::timestamptz)`;
const OPEN = `t.status in ('ready', 'claimed')`;
/** A top-50 page over index ranges, one per slice, as a hand-written union. */
const unionPage = (slices: string[], cond: string) =>
  `select * from (${slices
    .map(
      (s) =>
        `(select ${PAGE_COLUMNS}, ${DUE} k from tasks t join cases c on c.id = t.case_id
          where ${s} and ${OPEN} ${cond} order by ${DUE}, t.id limit 50)`,
    )
    .join(' union all ')}) p order by k, id limit 50`;
const adjusterSlices = (ids: Ids) => [
  `t.candidate_group_id = '${ids.group}'`,
  `t.assignee_id = '${ids.adjuster}' and (t.candidate_group_id is null or t.candidate_group_id <> '${ids.group}')`,
];
const nowSql = (now: Date) => `'${now.toISOString()}'::timestamptz`;

export function scenarios(now: Date, endOfDay: Date): Scenario[] {
  return [
    {
      key: 'mine',
      label: 'queue=mine',
      who: 'adjuster',
      filters: { queue: 'mine' },
      floor: (ids) =>
        `select ${PAGE_COLUMNS} from tasks t join cases c on c.id = t.case_id
         where t.assignee_id = '${ids.adjuster}' and ${OPEN} order by ${DUE}, t.id limit 50`,
    },
    {
      key: 'group',
      label: 'queue=group:<Claims adjusters>',
      who: 'adjuster',
      filters: { queue: 'group' },
      floor: (ids) =>
        `select ${PAGE_COLUMNS} from tasks t join cases c on c.id = t.case_id
         where t.candidate_group_id = '${ids.group}' and t.status = 'ready' order by ${DUE}, t.id limit 50`,
    },
    {
      key: 'due_today',
      label: 'queue=due_today',
      who: 'adjuster',
      filters: { queue: 'due_today' },
      floor: (ids) =>
        unionPage(
          adjusterSlices(ids),
          `and ${DUE} > ${nowSql(now)} and ${DUE} <= ${nowSql(endOfDay)}`,
        ),
    },
    {
      key: 'overdue',
      label: 'queue=overdue',
      who: 'adjuster',
      filters: { queue: 'overdue' },
      floor: (ids) => unionPage(adjusterSlices(ids), `and ${DUE} <= ${nowSql(now)}`),
    },
    {
      key: 'escalated',
      label: 'queue=escalated (supervisor, 4 groups)',
      who: 'supervisor',
      filters: { queue: 'escalated' },
      floor: (ids) =>
        unionPage(
          [
            ...ids.supervised.map((g) => `t.candidate_group_id = '${g}'`),
            `t.assignee_id = '${ids.supervisor}' and (t.candidate_group_id is null or t.candidate_group_id not in (${ids.supervised.map((g) => `'${g}'`).join(', ')}))`,
          ],
          'and t.escalation_level > 0',
        ),
    },
    {
      key: 'all',
      label: 'queue=all',
      who: 'adjuster',
      filters: { queue: 'all' },
      floor: (ids) => unionPage(adjusterSlices(ids), ''),
    },
    {
      key: 'search',
      label: 'queue=group:<Claims adjusters>&q=ada',
      who: 'adjuster',
      filters: { queue: 'group', q: 'ada' },
      floor: (ids) =>
        `select ${PAGE_COLUMNS} from tasks t join cases c on c.id = t.case_id
         where t.candidate_group_id = '${ids.group}' and t.status = 'ready'
           and c.search_text like '% ada%' order by ${DUE}, t.id limit 50`,
    },
  ];
}

/** The demo's adjuster and supervisor as actors, with the ids the floors' SQL needs. */
export async function benchPeople(db: DbOrTx) {
  const byEmail = Object.fromEntries(
    (await queryRows<{ email: string; id: string }>(db, sql`select email, id from users`)).map(
      (r) => [r.email, r.id],
    ),
  );
  const [g] = await queryRows<{ id: string }>(
    db,
    sql`select id from groups where key = 'claims-adjusters'`,
  );
  const actors: Record<'adjuster' | 'supervisor', UserActor> = {
    adjuster: (await loadUserActor(db, byEmail['adjuster@example.com']!))!,
    supervisor: (await loadUserActor(db, byEmail['supervisor@example.com']!))!,
  };
  const ids: Ids = {
    adjuster: actors.adjuster.id,
    supervisor: actors.supervisor.id,
    group: g!.id,
    supervised: [
      ...new Set([...actors.supervisor.groupIds, ...actors.supervisor.supervisedGroupIds]),
    ],
  };
  return { actors, ids };
}
