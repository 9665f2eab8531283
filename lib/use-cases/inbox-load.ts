import type { DbOrTx } from '../../db/client';
import { queueGroupsOf, type GroupRef } from '../data/groups';
import { predictionsByTaskIds, type TaskPredictionRow } from '../data/predictions-read';
import { isTransaction, lastReadGroups, readGroupsAndSnapshot } from '../data/inbox-count-cache';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import type { InboxFilters } from '../schemas/inbox';
import { inboxCounts, queueTotal, railCountsTotal } from './inbox-counts';
import { readInboxPage } from './list-inbox';

/**
 * What GET /api/inbox answers: one page of a queue plus the rail's counts. A rail queue without
 * filters takes its total from the rail's count (the same number, one count less per request).
 * The counts come from the per-process cache while the database's snapshot is the one they were
 * counted at (lib/data/inbox-count-cache.ts); so does the group list, so that a request whose
 * page shows an unchanged database runs that one statement.
 */
export async function loadInbox(db: DbOrTx, actor: UserActor, f: InboxFilters, now: Date) {
  const fromRail = railCountsTotal(f);
  const known = isTransaction(db) ? null : lastReadGroups(db);
  let groupRefs: GroupRef[];
  let snapshot: string;
  let list: Awaited<ReturnType<typeof readInboxPage>>;
  const readsKnown =
    known !== null &&
    !(f.queue === 'escalated' && actor.role === 'admin') &&
    (!f.queue.startsWith('group:') || known.groups.some((g) => `group:${g.id}` === f.queue));
  if (known && readsKnown) {
    // The page first, with the groups as last read; when the page's snapshot is theirs, the
    // groups are current and the rail's counts may all be cached: one statement in all.
    list = await readInboxPage(db, actor, f, now, {
      withTotal: !fromRail,
      groups: known.groups,
    });
    if (list.snapshot === known.snapshot) {
      groupRefs = known.groups;
      snapshot = known.snapshot;
    } else {
      ({ groups: groupRefs, snapshot } = await readGroupsAndSnapshot(db));
      // The queue's group was checked against the groups as they were: again, as they are.
      if (
        f.queue.startsWith('group:') &&
        !queueGroupsOf(groupRefs, actor).some((g) => `group:${g.id}` === f.queue)
      )
        throw new DomainError('not_found', 'Queue was not found.');
    }
  } else {
    // The groups once for both (an admin's Escalated is read group by group), with the snapshot
    // the rail's cached counts are checked against.
    ({ groups: groupRefs, snapshot } = await readGroupsAndSnapshot(db));
    list = await readInboxPage(db, actor, f, now, { withTotal: !fromRail, groups: groupRefs });
  }
  const counts = await inboxCounts(db, actor, now, { groups: groupRefs, snapshot });
  const total = fromRail ? queueTotal(f, counts) : null;
  const { snapshot: _snapshot, ...rest } = list;
  // The page's predicted breach (issue 18): primary-key lookups of its rows, never a join that
  // would change the page query's plan.
  const predictions = await predictionsByTaskIds(
    db,
    rest.tasks.map((t) => t.id),
  );
  return {
    ...rest,
    tasks: rest.tasks.map((t) => ({ ...t, prediction: predictionView(predictions.get(t.id)) })),
    ...(total ? { total: total.n, totalCapped: total.capped } : {}),
    counts,
  };
}

/** What a row shows of its prediction: when it will likely be done and how late (null: none). */
function predictionView(p: TaskPredictionRow | undefined) {
  if (!p) return null;
  return {
    predictedDoneAt: p.predictedDoneAt,
    latenessMinutes: p.latenessMinutes,
    risk: p.risk,
    atRisk: p.atRisk,
  };
}
