import type { DbOrTx } from '../../db/client';
import {
  atRiskSnapshotOf,
  cachedSuggestion,
  storeSuggestion,
  type CachedSuggestion,
} from '../data/at-risk-suggestion-cache';
import { getCaseReferences } from '../data/cases';
import { groupPeople } from '../data/predictions';
import { atRiskOfGroup, countAtRisk, userNamesByIds } from '../data/predictions-read';
import { getTasksByIds } from '../data/tasks';
import { suggestRebalance } from '../domain/breach-prediction-rebalance';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';
import { loadGroupModel } from './refresh-predictions';

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
/**
 * The suggestion's budget in task-simulations (about 10 µs each: ~1 s): a group too large for
 * even one try per move gets no suggestion rather than a slow page.
 */
const SUGGESTION_BUDGET = 100_000;
const MAX_MOVES = 10;
const MAX_TARGETS = 5;

/**
 * A group's predicted breaches, latest first, with their count and a rebalancing suggestion:
 * which tasks to move to whom so fewer breach (with the breaches before → after, re-predicted on
 * the suggested assignment). Supervisors of the group and admins only.
 */
export async function listAtRisk(
  db: DbOrTx,
  actor: UserActor,
  input: { group: string; limit: number },
  now: Date,
) {
  await guard(
    db,
    actor,
    'team.at_risk',
    { type: 'group', groupId: input.group },
    { type: 'group', id: input.group },
  );
  const snapshot = await atRiskSnapshotOf(db, input.group);
  const [rows, count, people] = await Promise.all([
    atRiskOfGroup(db, input.group, input.limit),
    countAtRisk(db, input.group),
    groupPeople(db, input.group),
  ]);
  const suggestion = await suggestionOf(db, input.group, snapshot, count, now);
  const moved = suggestion.moves.map((m) => m.taskId);
  const tasks = await getTasksByIds(db, moved);
  const refs = await getCaseReferences(
    db,
    tasks.map((t) => t.caseId),
  );
  const names = await userNamesByIds(
    db,
    suggestion.moves.flatMap((m) => (m.fromId ? [m.fromId, m.toId] : [m.toId])),
  );
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return {
    groupId: input.group,
    count,
    items: rows.map((r) => ({
      taskId: r.task_id,
      name: r.name,
      caseId: r.case_id,
      reference: r.reference,
      status: r.status,
      version: r.version,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      dueAt: iso(r.due_at),
      predictedDoneAt: iso(r.predicted_done_at),
      latenessMinutes: r.lateness_minutes,
      risk: r.risk,
    })),
    suggestion: {
      before: suggestion.before,
      after: suggestion.after,
      moves: suggestion.moves.flatMap((m) => {
        const t = byId.get(m.taskId);
        // A kept suggestion may name a task that has moved or closed since: not offered again.
        if (!t || t.candidateGroupId !== input.group) return [];
        const holder = t.status === 'claimed' ? t.assigneeId : t.status === 'ready' ? null : '';
        if (holder !== m.fromId) return [];
        return [
          {
            taskId: m.taskId,
            name: t.name,
            reference: refs.get(t.caseId) ?? '',
            version: t.version,
            fromId: m.fromId,
            fromName: m.fromId ? (names.get(m.fromId) ?? null) : null,
            toId: m.toId,
            toName: names.get(m.toId) ?? '',
          },
        ];
      }),
    },
    people: {
      available: people.filter((p) => p.active && !p.out_of_office).length,
      outOfOffice: people.filter((p) => p.active && p.out_of_office).length,
    },
  };
}
export type AtRiskView = Awaited<ReturnType<typeof listAtRisk>>;

/**
 * The group's suggestion: reused while its predictions show the snapshot it was computed beside
 * (lib/data/at-risk-suggestion-cache.ts), else computed on the group's queue now. The snapshot is
 * read before the queue, so a stored suggestion is never older than the snapshot it is kept under.
 */
async function suggestionOf(
  db: DbOrTx,
  groupId: string,
  snapshot: string,
  count: number,
  now: Date,
): Promise<CachedSuggestion> {
  const cached = cachedSuggestion(db, groupId, snapshot, now);
  if (cached) return cached;
  const model = await loadGroupModel(db, groupId, now);
  const runs = Math.floor(SUGGESTION_BUDGET / Math.max(1, model.input.tasks.length));
  const maxCandidates = Math.min(15, Math.floor(runs / (MAX_MOVES * MAX_TARGETS)));
  const suggestion =
    maxCandidates >= 1
      ? suggestRebalance(model.input, {
          maxMoves: MAX_MOVES,
          maxCandidates,
          maxTargets: MAX_TARGETS,
        })
      : { moves: [], before: count, after: count };
  storeSuggestion(db, groupId, snapshot, now, suggestion);
  return suggestion;
}
