import type { Serialized } from '@/lib/serialize';
import type { loadInbox } from '@/lib/use-cases/inbox-load';

/** One page of a queue plus the queue counts: what GET /api/inbox answers and the page preloads. */
export type InboxData = Serialized<Awaited<ReturnType<typeof loadInbox>> & { now: Date }>;
export type InboxRow = InboxData['tasks'][number];

/** The filters kept in the URL, so a view can be bookmarked and shared. */
export const FILTER_KEYS = ['queue', 'status', 'priority', 'due', 'type', 'q', 'sort'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type InboxFilters = Partial<Record<FilterKey, string>>;

/** Rows per page; the API's default limit. */
export const PAGE_SIZE = 50;

export function pickFilters(params: Record<string, string>): InboxFilters {
  return Object.fromEntries(
    Object.entries(params).filter(([k]) => (FILTER_KEYS as readonly string[]).includes(k)),
  );
}

/** A query string of the parameters that have a value. */
export function toQueryString(params: Record<string, string | undefined>): string {
  return new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => !!e[1]),
  ).toString();
}

/** A queue of the rail; `capped`: the count stopped at its cap, more wait than it says. */
export type Queue = { key: string; label: string; count: number; capped?: boolean };

/** A count as shown: "1,000+" when it stopped at its cap, else the number. */
export function countLabel(n: number, capped = false): string {
  return capped ? `${n.toLocaleString('en-GB')}+` : String(n);
}

/** Every open task the person may see (their own and their groups'): where a search can widen to. */
export const ALL_QUEUES = 'all';

/** The open queue: one of the rail's, or all of them (not in the rail; a search widens to it). */
export function currentQueue(queues: Queue[], key: string): Queue {
  if (key === ALL_QUEUES) return { key, label: 'All your queues', count: 0 };
  return queues.find((q) => q.key === key) ?? queues[0]!;
}

/** The filters shown as removable chips; queue and sort are views, not filters. */
export const CHIP_KEYS = ['q', 'status', 'priority', 'due', 'type'] as const satisfies FilterKey[];
export type ChipKey = (typeof CHIP_KEYS)[number];

/** Whether a search or any filter narrows the open queue. */
export function hasActiveFilters(filters: InboxFilters): boolean {
  return CHIP_KEYS.some((k) => filters[k]);
}

/** The queues in the rail: mine, each visible group, the time-based ones, Escalated for supervisors. */
export function queuesFor(counts: InboxData['counts']): Queue[] {
  return [
    { key: 'mine', label: 'My tasks', count: counts.mine, capped: counts.capped.mine },
    ...counts.groups.map((g) => ({
      key: `group:${g.id}`,
      label: g.name,
      count: g.ready,
      capped: g.readyCapped,
    })),
    {
      key: 'due_today',
      label: 'Due today',
      count: counts.dueToday,
      capped: counts.capped.dueToday,
    },
    { key: 'overdue', label: 'Overdue', count: counts.overdue, capped: counts.capped.overdue },
    ...(counts.escalated !== null
      ? [
          {
            key: 'escalated',
            label: 'Escalated',
            count: counts.escalated,
            capped: counts.capped.escalated,
          },
        ]
      : []),
  ];
}
