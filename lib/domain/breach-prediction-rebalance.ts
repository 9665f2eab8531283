import { WorkTimeline } from './breach-prediction-timeline';
import {
  breachCount,
  predictQueue,
  type PredictionInput,
  type PredictTask,
  type TaskPrediction,
} from './breach-prediction';

/** One suggested move: a task from its holder (null: the queue) to a person. */
export type Move = { taskId: string; fromId: string | null; toId: string };

export type Rebalance = {
  moves: Move[];
  before: number;
  after: number;
  predictions: TaskPrediction[];
};

/** The tasks as they would be after the moves (a moved task is claimed by its new holder). */
export function applyMoves(tasks: readonly PredictTask[], moves: readonly Move[]): PredictTask[] {
  const to = new Map(moves.map((m) => [m.taskId, m.toId]));
  return tasks.map((t) => {
    const dest = to.get(t.id);
    if (!dest) return t;
    const keepsClock = t.status === 'claimed';
    return {
      ...t,
      status: 'claimed',
      assigneeId: dest,
      claimedAt: keepsClock ? t.claimedAt : null,
    };
  });
}

/**
 * Which moves make fewer tasks breach: greedily, for the at-risk tasks (latest first) and the
 * available people, the move that lowers the number at risk most (then the total lateness of the
 * late ones); stops when no move helps or after `maxMoves`. Bounded: at most `maxCandidates`
 * tasks × `maxTargets` people (the least loaded) runs of the schedule per move.
 *
 * tasks × the available people runs of the schedule per move.
 */
export function suggestRebalance(
  input: PredictionInput,
  options: { maxMoves?: number; maxCandidates?: number; maxTargets?: number } = {},
): Rebalance {
  const maxMoves = options.maxMoves ?? 10;
  const maxCandidates = options.maxCandidates ?? 15;
  // The people with the most slack (least held work, least owed elsewhere) are the candidates.
  const held = new Map<string, number>();
  for (const t of input.tasks)
    if (t.status === 'claimed' && t.assigneeId)
      held.set(t.assigneeId, (held.get(t.assigneeId) ?? 0) + 1);
  const targets = input.people
    .filter((p) => p.available)
    .sort(
      (a, b) =>
        (held.get(a.id) ?? 0) - (held.get(b.id) ?? 0) ||
        a.busyMinutes - b.busyMinutes ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, options.maxTargets ?? 5)
    .map((p) => p.id);
  input = { ...input, timeline: input.timeline ?? new WorkTimeline(input.now, input.calendar) };
  const score = (ps: TaskPrediction[]) => ({
    breaches: breachCount(ps),
    late: ps.reduce((n, p) => n + Math.max(0, p.latenessMinutes), 0),
  });
  const first = predictQueue(input);
  const before = breachCount(first);
  let moves: Move[] = [];
  let current = first;
  let best = score(first);
  for (let round = 0; round < maxMoves; round++) {
    const tasks = applyMoves(input.tasks, moves);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const candidates = current
      .filter((p) => p.atRisk && !moves.some((m) => m.taskId === p.taskId))
      .sort((a, b) => b.latenessMinutes - a.latenessMinutes || (a.taskId < b.taskId ? -1 : 1))
      .slice(0, maxCandidates);
    let pick: { move: Move; ps: TaskPrediction[]; s: typeof best } | null = null;
    for (const c of candidates) {
      const t = byId.get(c.taskId)!;
      const fromId = t.status === 'claimed' ? t.assigneeId : null;
      for (const toId of targets) {
        if (toId === fromId) continue;
        const move = { taskId: t.id, fromId, toId };
        const ps = predictQueue({ ...input, tasks: applyMoves(input.tasks, [...moves, move]) });
        const s = score(ps);
        const better =
          s.breaches < (pick?.s ?? best).breaches ||
          (s.breaches === (pick?.s ?? best).breaches && s.late < (pick?.s ?? best).late);
        if (better && (s.breaches < best.breaches || s.late < best.late)) pick = { move, ps, s };
      }
    }
    if (!pick || pick.s.breaches > best.breaches) break;
    // Only moves that save a breach are worth a supervisor's click; lateness alone is not.
    if (pick.s.breaches === best.breaches) break;
    moves = [...moves, pick.move];
    current = pick.ps;
    best = pick.s;
  }
  return { moves, before, after: breachCount(current), predictions: current };
}
