import type { DbOrTx } from '../../db/client';
import { listSupervisedGroups } from '../data/groups';
import { listVisibleViews, type SavedViewRow } from '../data/saved-views';
import { visibleGroupIds, type UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { inboxFilterSchema } from '../schemas/inbox';
import { canManageView } from './delete-view';
import { readInboxPage, type ListInboxOptions } from './list-inbox';

/** Views listed (and counted) at most: each count is one bounded inbox read. */
export const MAX_VISIBLE_VIEWS = 20;

export type ViewCount = {
  n: number;
  capped: boolean;
  /** Tasks of the queue looked at when the count stopped there (null: it did not). */
  scanned: number | null;
} | null;

/**
 * The count of one view, as its viewer sees it: the inbox's own read (the viewer's visibility
 * slices, the queue's checks), with a one-row page, so the total is the inbox's capped count
 * (1,000; 100 with filters), cached per database snapshot like the inbox's. A search or case
 * filter counts among the first FILTER_SCAN_LIMIT tasks of its queue only (scanLimited: "n+"),
 * so twenty views cost twenty bounded reads, never twenty walks of a queue. null when the view
 * does not apply to this viewer any more (a queue they lost, a field the case type dropped).
 */
async function countView(
  db: DbOrTx,
  actor: UserActor,
  v: SavedViewRow,
  now: Date,
  options: Pick<ListInboxOptions, 'scanLimit'>,
) {
  const parsed = inboxFilterSchema.safeParse({
    ...v.filters,
    queue: v.queue,
    sort: v.sort,
    limit: 1,
  });
  if (!parsed.success) return { count: null, problem: 'Its filters are no longer valid.' };
  try {
    const page = await readInboxPage(db, actor, parsed.data, now, options);
    return {
      count: {
        n: page.total ?? 0,
        capped: page.totalCapped,
        scanned: page.scanLimited ? page.scanLimit : null,
      } as ViewCount,
      problem: null,
    };
  } catch (e) {
    if (e instanceof DomainError) return { count: null, problem: e.message };
    throw e;
  }
}

/**
 * The views in a person's rail: their personal views and the views shared with any group whose
 * queue they see (admins: every shared view), each with a live count computed with the viewer's
 * own visibility — a shared view never counts tasks its viewer could not open.
 */
export async function listViews(
  db: DbOrTx,
  actor: UserActor,
  now: Date,
  options: Pick<ListInboxOptions, 'scanLimit'> = {},
) {
  const rows = await listVisibleViews(db, actor.id, visibleGroupIds(actor), MAX_VISIBLE_VIEWS);
  // One view at a time: twenty counts at once would take twenty connections from the pool for
  // one request. Each is bounded (a filtered one reads at most FILTER_SCAN_LIMIT tasks).
  const counted: Awaited<ReturnType<typeof countView>>[] = [];
  for (const v of rows) counted.push(await countView(db, actor, v, now, options));
  return rows.map((v, i) => ({
    id: v.id,
    name: v.name,
    queue: v.queue,
    sort: v.sort,
    filters: v.filters as Record<string, string>,
    groupId: v.groupId,
    groupName: v.groupName,
    mine: v.ownerId === actor.id,
    canDelete: canManageView(actor, v),
    count: counted[i]!.count?.n ?? null,
    countCapped: counted[i]!.count?.capped ?? false,
    /**
     * The count looked at this many tasks of the queue only (FILTER_SCAN_LIMIT) and stopped: at
     * least `count` match, shown "n+". null when the count is exact or stopped at its cap.
     */
    countScanned: counted[i]!.count?.scanned ?? null,
    /** Why there is no count (the view no longer applies to this person), or null. */
    problem: counted[i]!.problem,
  }));
}

export type ListedView = Awaited<ReturnType<typeof listViews>>[number];

/** The groups `actor` may share a view with: those they supervise (admins: every group; adjusters: none). */
export async function listShareGroups(db: DbOrTx, actor: UserActor) {
  return actor.role === 'adjuster' ? [] : listSupervisedGroups(db, actor);
}
