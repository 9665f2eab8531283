import type { DbOrTx } from '../../db/client';
import { forgetSuggestion } from '../data/at-risk-suggestion-cache';
import type { UserActor } from '../domain/permissions';
import type { AtRiskApply } from '../schemas/at-risk';
import { bulkReassignTasks, type BulkOutcome } from './bulk-reassign-tasks';
import { guard } from './guard';
import { refreshGroupPredictions } from './refresh-predictions';
import { countAtRisk } from '../data/predictions-read';

/**
 * Applies a rebalancing suggestion: the moves to each person go through the bulk reassignment
 * (each task its own transaction with its audit event; a task that cannot go is reported, not
 * moved), then the group's predictions are recomputed at once so the at-risk count is current
 * and the group's kept suggestion (list-at-risk.ts) is dropped.
 */
export async function applyAtRiskRebalance(
  db: DbOrTx,
  actor: UserActor,
  input: AtRiskApply,
  now: Date,
) {
  const group = { type: 'group' as const, groupId: input.groupId };
  await guard(db, actor, 'team.at_risk', group, { type: 'group', id: input.groupId });
  const byTarget = new Map<string, AtRiskApply['moves']>();
  for (const m of input.moves) byTarget.set(m.toUserId, [...(byTarget.get(m.toUserId) ?? []), m]);
  const results: BulkOutcome[] = [];
  for (const [toUserId, moves] of [...byTarget].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const r = await bulkReassignTasks(
      db,
      actor,
      {
        taskIds: moves.map((m) => m.taskId),
        toUserId,
        reason: input.reason,
        versions: Object.fromEntries(
          moves.flatMap((m) => (m.version ? [[m.taskId, m.version] as const] : [])),
        ),
      },
      now,
    );
    results.push(...r.results);
  }
  try {
    await refreshGroupPredictions(db, input.groupId, now, { wait: true });
  } finally {
    // Even if the recompute failed: the moves above changed the queue the suggestion was made for.
    forgetSuggestion(db, input.groupId);
  }
  return { results, atRisk: await countAtRisk(db, input.groupId) };
}
