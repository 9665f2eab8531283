import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { earlierDecidersByCase, isApprovalTask } from '../data/authority';
import { getGroupByKey, loadSlaPolicyById, type LoadedSla } from '../data/definitions';
import { delegation, escalationReach, notified } from '../data/groups';
import { heldForDigest } from '../data/digests';
import type { Recipient } from '../data/recipients';
import { acknowledgementHolds } from '../domain/escalation-digest';
import { fourEyesRefusal } from '../domain/payout-authority';
import type { EscalationLevelSpec } from '../domain/sla';
import { perSweep } from './sweep';
import { claimDue } from './sweep-claim';

/** One escalation level for a task of a batch (escalate-due-tasks.ts): the claim, the lookups, the level's action. */

/**
 * Claims up to `limit` tasks whose next level has fallen due, oldest first, with what their
 * texts need (sweep-claim.ts).
 */
export async function claimDueEscalations(tx: DbOrTx, now: Date, limit: number) {
  return claimDue(
    tx,
    {
      id: tasks.id,
      caseId: tasks.caseId,
      name: tasks.name,
      status: tasks.status,
      assigneeId: tasks.assigneeId,
      candidateGroupId: tasks.candidateGroupId,
      slaPolicyId: tasks.slaPolicyId,
      dueAt: tasks.dueAt,
      ladderStartedAt: tasks.ladderStartedAt,
      escalationLevel: tasks.escalationLevel,
      escalatedAt: tasks.escalatedAt,
      claimedAt: tasks.claimedAt,
      remindAt: tasks.remindAt,
      version: tasks.version,
      acknowledgedAt: tasks.escalationAcknowledgedAt,
      snoozedUntil: tasks.escalationSnoozedUntil,
      // All four eyes needs of the context (isApprovalTask): not the whole document.
      approval: sql<unknown>`${tasks.context}->'approval'`,
    },
    tasks.nextEscalationAt,
    now,
    limit,
  );
}

export type DueTask = Awaited<ReturnType<typeof claimDueEscalations>>[number];

/** The columns an escalation may change; each row of the batch update carries all of them. */
type TaskState = Pick<
  DueTask,
  | 'escalationLevel'
  | 'escalatedAt'
  | 'assigneeId'
  | 'status'
  | 'claimedAt'
  | 'version'
  | 'remindAt'
  | 'candidateGroupId'
> & { nextEscalationAt: Date | null };

export type TaskUpdate = { t: DueTask; set: Partial<TaskState> };

/** What a sweep call looks up once and reuses for every batch (a change made meanwhile applies next tick). */
export function sweepLookups() {
  return {
    reaches: escalationReach(),
    sla: perSweep((tx, id: string): Promise<LoadedSla | null> => loadSlaPolicyById(tx, id)),
    groupByKey: perSweep((tx, key: string) => getGroupByKey(tx, key)),
  };
}
export type Lookups = ReturnType<typeof sweepLookups> & {
  /** Four eyes for this batch: why `personId` may not take `t`, else null. */
  fourEyesBar: (t: DueTask, personId: string) => Promise<string | null>;
  /** Who hears of a group's escalations in a digest, read (and locked) once per batch. */
  digestTo: (tx: DbOrTx, groupId: string) => Promise<Recipient[]>;
};

/**
 * The digest lookup of one batch: read in the batch's own transaction with the group row
 * locked FOR SHARE (heldForDigest), so a concurrent switch between digests and one notification
 * per escalation either waits for the batch or is seen by it — an escalation is never in
 * neither. Not per sweep: a later batch must take the lock in its own transaction.
 */
export const batchDigestTo = (): Lookups['digestTo'] => perSweep(heldForDigest);

const isApproval = (t: DueTask) => isApprovalTask({ context: { approval: t.approval } });

/**
 * Four eyes for a whole batch with one query, made only when a level would hand an approval
 * step to someone. The task itself is open, so leaving it out (as earlierDeciders does) changes
 * nothing: only completed tasks count.
 */
export function batchFourEyes(tx: DbOrTx, rows: DueTask[]): Lookups['fourEyesBar'] {
  let deciders: Promise<Map<string, string[]>> | null = null;
  return async (t, personId) => {
    if (!isApproval(t)) return null;
    deciders ??= earlierDecidersByCase(tx, [
      ...new Set(rows.filter(isApproval).map((r) => r.caseId)),
    ]);
    return fourEyesRefusal({
      personId,
      isApprovalStep: true,
      earlierDeciderIds: (await deciders).get(t.caseId) ?? [],
    });
  };
}

/** Back to a group's queue, unclaimed; the version bump voids a form the previous holder has open. */
const toQueue = (t: DueTask, groupId: string | null): TaskUpdate['set'] => ({
  ...(groupId ? { candidateGroupId: groupId } : {}),
  assigneeId: null,
  status: 'ready',
  version: t.version + 1,
  remindAt: null,
});

/**
 * Carries out one ladder level on `set`: returns the summary's tail (what happened, to whom and
 * why) and who is notified.
 */
export async function applyLevel(
  tx: DbOrTx,
  l: Lookups,
  t: DueTask,
  spec: EscalationLevelSpec,
  slaPolicyId: string,
  set: TaskUpdate['set'],
  now: Date,
): Promise<{ text: string; notify: Recipient[] }> {
  const { reaches } = l;
  const fallbackId = await reaches.fallbackOf(tx, slaPolicyId);
  if (spec.action === 'reassign_to_group') {
    const named = spec.groupKey ? await l.groupByKey(tx, spec.groupKey) : null;
    const targetId = named?.id ?? fallbackId;
    const reach = await reaches.reachFor(tx, targetId ?? t.candidateGroupId, fallbackId);
    let text: string;
    if (!targetId) text = ', but there is no group to move it to';
    else if (t.candidateGroupId === targetId && t.status === 'ready')
      text = ', already in that queue';
    else {
      Object.assign(set, toQueue(t, targetId));
      const name = named?.name ?? (await reaches.supervision(tx, targetId))?.groupName;
      text = `, moved to the queue of ${named ? name : `the fallback group ${name}`}`;
    }
    return { text: `${text}; ${notified(reach)}`, notify: reach.notify };
  }
  const reach = await reaches.reachFor(tx, t.candidateGroupId, fallbackId);
  if (spec.action === 'notify_supervisor')
    return {
      text: `${reach.kind === 'supervisor' ? ', ' : '; '}${notified(reach)}`,
      notify: reach.notify,
    };
  // reassign_to_supervisor: to the person who acts for the supervisor, else down the line.
  if (reach.kind === 'supervisor' || reach.kind === 'delegate') {
    const p = reach.person;
    const lead = reach.kind === 'supervisor' ? ', ' : `; ${delegation(reach)}, `;
    const them = reach.kind === 'supervisor' ? `${p.name} (supervisor)` : 'them';
    let text: string;
    if (await l.fourEyesBar(t, p.id)) {
      // Four eyes: they decided on this case, so the approval goes to the group queue.
      if (t.assigneeId || t.status !== 'ready') Object.assign(set, toQueue(t, null));
      text =
        reach.kind === 'supervisor'
          ? `returned to the group queue: ${p.name} (supervisor) decided on this case earlier and may not approve it (four eyes)`
          : `who decided on this case earlier and may not approve it (four eyes): returned to the group queue`;
    } else if (t.assigneeId === p.id) {
      text = `already with ${them}`; // no change: their open form stays valid
    } else {
      Object.assign(set, {
        assigneeId: p.id,
        status: 'claimed',
        claimedAt: now,
        version: t.version + 1,
        remindAt: null,
      });
      text = `reassigned to ${them}`;
    }
    return { text: lead + text, notify: reach.notify };
  }
  if (reach.kind === 'fallback') {
    const there = t.candidateGroupId === reach.group.id && t.status === 'ready';
    if (!there) Object.assign(set, toQueue(t, reach.group.id));
    const moved = there ? 'already in the queue of' : 'moved to the queue of';
    return {
      text: `; ${reach.because}: ${moved} the fallback group ${reach.group.name}, ${reach.who}`,
      notify: reach.notify,
    };
  }
  return {
    text: `; ${notified(reach)}; no one can take it, so it stays where it is`,
    notify: reach.notify,
  };
}

/**
 * Why the supervisors are not told of this level one by one, else null: the escalation was
 * acknowledged (the ladder still climbs, silently) or is snoozed until later. The task's holder
 * losing it to a level is still told: that is their work changing hands, not a supervisor's alert.
 */
export function quietReason(t: DueTask, now: Date): 'acknowledged' | 'snoozed' | null {
  if (acknowledgementHolds(t.acknowledgedAt, t.ladderStartedAt)) return 'acknowledged';
  if (t.snoozedUntil && t.snoozedUntil > now) return 'snoozed';
  return null;
}

/**
 * Of those a level notifies, who hears of it in a digest instead: the digest recipients (the
 * active supervisor, else the admins) of the group the task is in after the level — a task moved
 * by the level follows its new group's delivery — when that group is in digest mode. Everyone
 * else the level names (a delegate acting for an absent supervisor, a fallback group's
 * supervisor, a group the task was moved to in immediate mode) is notified one by one, as the
 * digest (which goes to the group's supervisor only) would not tell them.
 */
export async function digestHolds(
  tx: DbOrTx,
  l: Lookups,
  groupId: string | null,
  notify: Recipient[],
): Promise<Recipient[]> {
  if (!groupId || !notify.length) return [];
  const digest = new Set((await l.digestTo(tx, groupId)).map((r) => r.id));
  return notify.filter((r) => digest.has(r.id));
}
