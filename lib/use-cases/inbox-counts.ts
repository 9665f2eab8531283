import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { listQueueGroups, queueGroupsOf, type GroupRef } from '../data/groups';
import {
  cachedCount,
  isTransaction,
  snapshotColumn,
  storeCount,
  visibilityKey,
} from '../data/inbox-count-cache';
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
import { inboxEndOfDay } from './inbox-day';
import type { UserActor } from '../domain/permissions';
import type { InboxFilters } from '../schemas/inbox';

const openTasksWhere = (where: SQL | undefined) =>
  sql`select 1 from ${tasks} where ${and(isOpen, where) ?? sql`true`}`;

/**
 * Live counts for the queue rail, in one statement. Each count reads at most `cap` + 1 entries
 * of one partial index per slice (lib/data/inbox.ts visibilitySlices): exact up to the cap
 * (default 1,000), "1,000+" past it (the flags in `capped`, `readyCapped`), so the rail costs the
 * same at a million open tasks as at a thousand.
 *
 * Given the request's `snapshot` (lib/data/inbox-count-cache.ts), counts already read at that
 * snapshot by anyone in this process are reused and only the others are counted; the statement
 * reports its own snapshot, under which its counts are kept.
 */
export async function inboxCounts(
  db: DbOrTx,
  actor: UserActor,
  now: Date,
  options: { cap?: number; groups?: GroupRef[]; snapshot?: string } = {},
) {
  const cap = options.cap ?? INBOX_COUNT_CAP;
  const tz = actor.timeZone ?? 'UTC';
  const groupList = options.groups
    ? queueGroupsOf(options.groups, actor)
    : await listQueueGroups(db, actor);
  const slices = visibilitySlices(actor);
  const sliceKey = visibilityKey(actor);
  const eod = inboxEndOfDay(now, tz);
  // Per group: on the column, from (group, due_at) alone. Without slices (admins): on the sort
  // key, a range of tasks_open_page_idx.
  const visible = (onColumn: SQL, onKey: SQL) =>
    slices === null
      ? [openTasksWhere(onKey)]
      : slices.map((slice) => openTasksWhere(and(slice, onColumn)));
  /** One count: its name in the statement, its key in the cache, whether it moves with time. */
  type Column = { name: string; key: string; timed: boolean; branches: () => SQL[] };
  const columns: Column[] = [
    {
      name: 'mine',
      key: `mine/${actor.id}`,
      timed: false,
      branches: () => [openTasksWhere(eq(tasks.assigneeId, actor.id))],
    },
    {
      name: 'due_today',
      key: `due_today/${sliceKey}/${eod.toISOString()}`,
      timed: true,
      branches: () => visible(isDueTodayByColumn(now, eod), isDueToday(now, eod)),
    },
    {
      name: 'overdue',
      key: `overdue/${sliceKey}`,
      timed: true,
      branches: () => visible(isOverdueByColumn(now), isOverdue(now)),
    },
    ...(actor.role === 'adjuster'
      ? []
      : [
          {
            name: 'escalated',
            key: `escalated/${slices === null ? `groups/${groupList.map((g) => g.id).join(',')}` : sliceKey}`,
            timed: false,
            branches: () =>
              // The escalated index leads with the group: an admin's is read group by group too.
              (slices ?? everyGroupSlices(groupList.map((g) => g.id))).map((slice) =>
                openTasksWhere(and(slice, isEscalated)),
              ),
          },
        ]),
    ...groupList.map((g, i) => ({
      name: `g${i}`,
      key: `ready/${g.id}`,
      timed: false,
      branches: () => [
        sql`select 1 from ${tasks} where ${hasStatus('ready')} and ${eq(tasks.candidateGroupId, g.id)}`,
      ],
    })),
  ];
  const useCache = options.snapshot !== undefined && !isTransaction(db);
  const row: Record<string, number> = {};
  const missing: Column[] = [];
  for (const c of columns) {
    const hit = useCache
      ? cachedCount(db, `${c.key}/${cap}`, options.snapshot!, now, c.timed)
      : undefined;
    if (hit === undefined) missing.push(c);
    else row[c.name] = hit;
  }
  if (missing.length) {
    const [read] = await preparedRows<Record<string, number> & { snapshot: string }>(
      db,
      sql`select ${snapshotColumn} as snapshot, ${sql.join(
        missing.map((c) => sql`${cappedCountSql(c.branches(), cap)} as ${sql.identifier(c.name)}`),
        sql`, `,
      )}`,
    );
    for (const c of missing) {
      const n = Number(read?.[c.name] ?? 0);
      row[c.name] = n;
      if (read && !isTransaction(db)) storeCount(db, `${c.key}/${cap}`, read.snapshot, now, n);
    }
  }
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
  if (f.fields && Object.keys(f.fields).length) return false;
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
