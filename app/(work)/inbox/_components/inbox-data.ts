import type { Serialized } from '@/lib/serialize';
import type { CaseFieldFilterSpec } from '@/lib/domain/case-field-filters';
import type { loadInbox } from '@/lib/use-cases/inbox-load';
import type { ListedView } from '@/lib/use-cases/list-views';

/** One page of a queue plus the queue counts: what GET /api/inbox answers and the page preloads. */
export type InboxData = Serialized<Awaited<ReturnType<typeof loadInbox>> & { now: Date }>;
export type InboxRow = InboxData['tasks'][number];

/** The filters kept in the URL, so a view can be bookmarked and shared. */
export const FILTER_KEYS = ['queue', 'status', 'priority', 'due', 'type', 'q', 'sort'] as const;
/** A case-field filter's parameter: `cf.<path>.<op>` (lib/domain/case-field-filters.ts). */
export type CaseFieldKey = `cf.${string}`;
export type FilterKey = (typeof FILTER_KEYS)[number] | CaseFieldKey;
export type InboxFilters = Partial<Record<FilterKey, string>>;

export const isCaseFieldKey = (k: string): k is CaseFieldKey => k.startsWith('cf.');

/** Rows per page; the API's default limit. */
export const PAGE_SIZE = 50;

export function pickFilters(params: Record<string, string>): InboxFilters {
  return Object.fromEntries(
    Object.entries(params).filter(
      ([k]) => (FILTER_KEYS as readonly string[]).includes(k) || isCaseFieldKey(k),
    ),
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

/**
 * Why a count or page is partial: a search or case filter looks at a bounded number of the
 * queue's tasks (lib/data/inbox.ts FILTER_SCAN_LIMIT) and stops there.
 */
export function scannedNote(scanned: number): string {
  return `counted among the first ${scanned.toLocaleString('en-GB')} tasks of the queue only`;
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
export type ChipKey = (typeof CHIP_KEYS)[number] | CaseFieldKey;

/** The case-field filters that are set, by parameter. */
export function caseFieldEntries(filters: InboxFilters): [CaseFieldKey, string][] {
  return Object.entries(filters).filter(
    (e): e is [CaseFieldKey, string] => isCaseFieldKey(e[0]) && !!e[1],
  );
}

/** Whether a search or any filter narrows the open queue. */
export function hasActiveFilters(filters: InboxFilters): boolean {
  return CHIP_KEYS.some((k) => filters[k]) || caseFieldEntries(filters).length > 0;
}

/** A saved view as GET /api/views lists it. */
export type SavedView = Serialized<ListedView>;
export type ViewsData = {
  views: SavedView[];
  shareGroups: { id: string; key: string; name: string }[];
};

/** The inbox state a view opens: its queue, sort and filters (the default sort left out). */
export function viewFilters(v: Pick<SavedView, 'queue' | 'sort' | 'filters'>): InboxFilters {
  return {
    ...v.filters,
    queue: v.queue,
    ...(v.sort && v.sort !== 'due' ? { sort: v.sort } : {}),
  };
}

/** Whether `filters` are exactly what view `v` opens (so the rail marks it as current). */
export function isViewOpen(v: SavedView, filters: InboxFilters): boolean {
  const a = Object.entries(viewFilters(v)).filter((e) => e[1]);
  const b = Object.entries(filters).filter((e) => e[1]);
  const key = (e: [string, string | undefined][]) => JSON.stringify([...e].sort());
  return key(a) === key(b);
}

/** A case-field filter the inbox offers (GET /api/inbox/fields). */
export type CaseFieldFilter = CaseFieldFilterSpec;

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
