import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { listQueueGroups } from '../data/groups';
import {
  cappedCountSql,
  everyGroupSlices,
  hasStatus,
  INBOX_COUNT_CAP,
  isDueToday,
  isDueTodayByColumn,
  isEscalated,
  isOpen,
  isOverdue,
  isOverdueByColumn,
  preparedRows,
  toCappedCount,
  visibilitySlices,
  type CappedCount,
} from '../data/inbox';
import { endOfLocalDay } from '../domain/business-calendar';
import type { UserActor } from '../domain/permissions';
import type { InboxFilters } from '../schemas/inbox';

const openTasksWhere = (where: SQL | undefined) =>
  sql`select 1 from ${tasks} where ${and(isOpen, where) ?? sql`true`}`;

/**
 * Live counts for the queue rail, in one statement. Each count reads at most `cap` + 1 entries
 * of one partial index per slice (lib/data/inbox.ts visibilitySlices): exact up to the cap
 * (default 1,000), "1,000+" past it (the flags in `capped`, `readyCapped`), so the rail costs the
 * same at a million open tasks as at a thousand.
 */
export async function inboxCounts(
  db: DbOrTx,
  actor: UserActor,
  now: Date,
  options: { cap?: number } = {},
) {
  const cap = options.cap ?? INBOX_COUNT_CAP;
  const tz = actor.timeZone ?? 'UTC';
  const groupList = await listQueueGroups(db, actor);
  const slices = visibilitySlices(actor);
  const eod = endOfLocalDay(now, tz);
  // Per group: on the column, from (group, due_at) alone. Without slices (admins): on the sort
  // key, a range of tasks_open_page_idx.
  const visible = (onColumn: SQL, onKey: SQL) =>
    slices === null
      ? [openTasksWhere(onKey)]
      : slices.map((slice) => openTasksWhere(and(slice, onColumn)));
  const count = (branches: SQL[], name: string) =>
    sql`${cappedCountSql(branches, cap)} as ${sql.identifier(name)}`;
  const columns = [
    count([openTasksWhere(eq(tasks.assigneeId, actor.id))], 'mine'),
    count(visible(isDueTodayByColumn(now, eod), isDueToday(now, eod)), 'due_today'),
    count(visible(isOverdueByColumn(now), isOverdue(now)), 'overdue'),
    ...(actor.role === 'adjuster'
      ? []
      : [
          count(
            // The escalated index leads with the group: an admin's is read group by group too.
            (slices ?? everyGroupSlices(groupList.map((g) => g.id))).map((slice) =>
              openTasksWhere(and(slice, isEscalated)),
            ),
            'escalated',
          ),
        ]),
    ...groupList.map((g, i) =>
      count(
        [
          sql`select 1 from ${tasks} where ${hasStatus('ready')} and ${eq(tasks.candidateGroupId, g.id)}`,
        ],
        `g${i}`,
      ),
    ),
  ];
  const [row = {}] = await preparedRows<Record<string, number>>(
    db,
    sql`select ${sql.join(columns, sql`, `)}`,
  );
  const at = (name: string) => toCappedCount(row[name], cap);
  const escalated = actor.role === 'adjuster' ? null : at('escalated');
  return {
    mine: at('mine').n,
    dueToday: at('due_today').n,
    overdue: at('overdue').n,
    escalated: escalated ? escalated.n : null,
    groups: groupList.map((g, i) => ({
      ...g,
      ready: at(`g${i}`).n,
      /** More than `ready` wait: the count stopped at the cap. */
      readyCapped: at(`g${i}`).capped,
    })),
    /** Which counts stopped at the cap: more than the number shown ("1,000+"). */
    capped: {
      mine: at('mine').capped,
      dueToday: at('due_today').capped,
      overdue: at('overdue').capped,
      escalated: escalated?.capped ?? false,
    },
  };
}

export type InboxCounts = Awaited<ReturnType<typeof inboxCounts>>;

/**
 * Whether the rail counts the list's total: a queue of the rail as the rail shows it, without a
 * filter, search or other status (the sort order changes nothing).
 */
export function railCountsTotal(f: InboxFilters): boolean {
  if (f.queue === 'all' || f.priority || f.due || f.type || f.q) return false;
  const isGroup = f.queue.startsWith('group:');
  return !f.status || f.status === (isGroup ? 'ready' : 'open');
}

/** The list's total as the rail counted it (railCountsTotal), or null. */
export function queueTotal(f: InboxFilters, counts: InboxCounts): CappedCount | null {
  if (!railCountsTotal(f)) return null;
  if (f.queue.startsWith('group:')) {
    const g = counts.groups.find((x) => `group:${x.id}` === f.queue);
    return g ? { n: g.ready, capped: g.readyCapped } : null;
  }
  switch (f.queue) {
    case 'mine':
      return { n: counts.mine, capped: counts.capped.mine };
    case 'due_today':
      return { n: counts.dueToday, capped: counts.capped.dueToday };
    case 'overdue':
      return { n: counts.overdue, capped: counts.capped.overdue };
    case 'escalated':
      return counts.escalated === null
        ? null
        : { n: counts.escalated, capped: counts.capped.escalated };
    default:
      return null;
  }
}
