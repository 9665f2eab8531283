import type { DbOrTx } from '../../db/client';
import { listCaseEventsInChainOrder, MAX_CASE_EVENTS } from '../data/case-as-of';
import { getDefinitionVersion } from '../data/definitions';
import { getGroupRefsByIds } from '../data/groups';
import { getUserNames } from '../data/mentionable';
import { listCaseTasks } from '../data/tasks';
import {
  diffSnapshots,
  replayCase,
  selectEvents,
  unknownActions,
  type AsOfEvent,
  type CaseSnapshot,
} from '../domain/case-as-of';
import type { Actor } from '../domain/permissions';
import { DomainError } from '../errors';
import { asOfQuerySchema, type MomentQuery } from '../schemas/case-as-of';
import { isUuid, parseOrThrow } from '../validation';
import { requireReadableCase } from './require-readable-case';

/** Staff comments and sign-in events stay inside Handoff, as on the timeline. */
const HIDDEN_FROM_TOKENS = ['auth.', 'comment.'];

/** An event as the view lists it (to pick a moment, or to say where the view stops). */
export type AsOfEventRef = Pick<
  AsOfEvent,
  'id' | 'seq' | 'occurredAt' | 'action' | 'summary' | 'actorLabel'
>;

export type AsOfView = {
  snapshot: CaseSnapshot;
  /** The moment the SLA clocks are read at: the time asked for, or the chosen event's time. */
  moment: Date;
  /** The last event the view includes; null before the case's first event. */
  stoppedAt: AsOfEventRef | null;
  eventCount: number;
};

const refOf = (e: AsOfEvent): AsOfEventRef => ({
  id: e.id,
  seq: e.seq,
  occurredAt: e.occurredAt,
  action: e.action,
  summary: e.summary,
  actorLabel: e.actorLabel,
});

/** `field`: the parameter that named the moment, for the 400 when its event is not the case's. */
function viewOf(
  caseId: string,
  events: readonly AsOfEvent[],
  q: MomentQuery,
  field: string,
): AsOfView {
  const sel = selectEvents(events, q);
  if (!sel)
    throw new DomainError('validation', `Invalid moment: ${field} is not an event of this case.`, {
      [field]: 'is not an event of this case',
    });
  const last = sel.events.at(-1);
  return {
    snapshot: replayCase(caseId, sel.events, sel.moment),
    moment: sel.moment,
    stoppedAt: last ? refOf(last) : null,
    eventCount: sel.events.length,
  };
}

/**
 * GET /api/cases/:id/as-of — the case as it stood at a moment (`at=` a time, `event=` right after
 * an event), or what changed between two (`from`/`fromEvent` and `to`/`toEvent`), rebuilt from
 * its audit events alone; for those who may read the case. Read-only: nothing is written (a
 * refused read is audited by the guard, like every refusal).
 */
export async function getCaseAsOf(
  db: DbOrTx,
  actor: Actor,
  caseId: string,
  query: Record<string, string>,
) {
  const c = await requireReadableCase(db, actor, caseId);
  const q = parseOrThrow(asOfQuerySchema, query, { lead: 'Invalid moment' });
  const loaded = await listCaseEventsInChainOrder(db, c.id);
  const truncated = loaded.length > MAX_CASE_EVENTS;
  const events = loaded
    .slice(0, MAX_CASE_EVENTS)
    .filter(
      (e) => actor.kind !== 'token' || !HIDDEN_FROM_TOKENS.some((p) => e.action.startsWith(p)),
    );
  const pick = (m: MomentQuery, field: string) => viewOf(c.id, events, m, field);
  const [taskRows, version] = await Promise.all([
    listCaseTasks(db, c.id),
    getDefinitionVersion(db, c.caseTypeVersionId),
  ]);
  const base = {
    case: { id: c.id, reference: c.reference, title: c.title },
    fields: version?.definition.fields ?? [],
    events: events.map(refOf),
    unknownActions: unknownActions(events),
    truncated,
  };
  if (q.mode === 'view') {
    const view = pick(q.moment, 'event');
    return {
      ...base,
      mode: 'view' as const,
      view,
      names: await namesFor(db, [view.snapshot], taskRows),
    };
  }
  let from = pick(q.from, 'fromEvent');
  let to = pick(q.to, 'toEvent');
  // Always from the earlier moment to the later, whichever order they were given in.
  if (from.eventCount > to.eventCount) [from, to] = [to, from];
  return {
    ...base,
    mode: 'compare' as const,
    from,
    to,
    changes: diffSnapshots(from.snapshot, to.snapshot),
    names: await namesFor(db, [from.snapshot, to.snapshot], taskRows),
  };
}

export type CaseAsOfResult = Awaited<ReturnType<typeof getCaseAsOf>>;

/**
 * The names of the people and groups the snapshots refer to, as they are called now, and each
 * task's name (a task's name never changes; events written before it was recorded lack it).
 */
async function namesFor(
  db: DbOrTx,
  snapshots: CaseSnapshot[],
  taskRows: Awaited<ReturnType<typeof listCaseTasks>>,
) {
  const userIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const s of snapshots) {
    for (const t of s.tasks) {
      if (t.assigneeId) userIds.add(t.assigneeId);
      if (t.completedById) userIds.add(t.completedById);
      if (t.candidateGroupId) groupIds.add(t.candidateGroupId);
    }
    for (const c of s.comments) if (c.authorId) userIds.add(c.authorId);
  }
  const [users, groups] = await Promise.all([
    getUserNames(db, [...userIds].filter(isUuid)),
    getGroupRefsByIds(db, [...groupIds].filter(isUuid)),
  ]);
  return {
    users: Object.fromEntries(users),
    groups: Object.fromEntries(groups.map((g) => [g.id, g.name])),
    tasks: Object.fromEntries(taskRows.map((r) => [r.task.id, r.task.name])),
  };
}
