import { and, asc, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { recordAuditMany, type AuditInput } from '../data/audit';
import { getCaseReferences } from '../data/cases';
import { fourEyesBar } from '../data/authority';
import { getGroupByKey, loadSlaPolicyById, type LoadedSla } from '../data/definitions';
import { delegation, escalationReach, notified } from '../data/groups';
import { getRecipient, notifyMany, type Recipient } from '../data/recipients';
import { isOpenTask, type TaskRow } from '../data/tasks';
import { escalationTime, type EscalationLevelSpec } from '../domain/sla';
import { decideTaskTransition, type TaskEffect } from '../domain/task-lifecycle';
import { SCHEDULER, sweepInBatches, type SweepOptions } from './sweep';

async function slaFor(
  db: DbOrTx,
  cache: Map<string, LoadedSla | null>,
  slaPolicyId: string | null,
): Promise<LoadedSla | null> {
  if (!slaPolicyId) return null;
  if (!cache.has(slaPolicyId)) cache.set(slaPolicyId, await loadSlaPolicyById(db, slaPolicyId));
  return cache.get(slaPolicyId)!;
}

/**
 * The effects of an escalation, applied exhaustively: the lifecycle names the audit action;
 * the ladder level's action (below) decides the rest, so any other effect is a contradiction.
 */
function escalationAuditAction(effects: readonly TaskEffect[]): string {
  let action: string | null = null;
  for (const effect of effects) {
    switch (effect.type) {
      case 'audit':
        action = effect.action;
        break;
      case 'notify_assignee':
      case 'notify_former_assignee':
      case 'reset_reminder':
      case 'stop_sla_clock':
      case 'advance_case':
        throw new Error(`An escalation does not apply the ${effect.type} effect`);
      default: {
        const _exhaustive: never = effect;
        throw new Error(`Task effect not applied: ${JSON.stringify(_exhaustive)}`);
      }
    }
  }
  if (!action) throw new Error('An escalation must be audited');
  return action;
}

/**
 * Escalations that have fallen due, one ladder level per pass (a task overdue for days climbs
 * several levels in one tick, each audited). Level actions: notify the group's supervisor;
 * reassign to the supervisor; reassign to a named group's queue. Whoever the level names must be
 * able to act, else the next in line receives it (`escalationReach` in lib/data/groups.ts). A batch is decided row by
 * row, then written with one statement per table (update, notifications, outbox, audit).
 */
export async function escalateDueTasks(db: Db, now: Date, o: SweepOptions = {}): Promise<number> {
  const batch = o.batchSize ?? 100;
  const slas = new Map<string, LoadedSla | null>();
  const reaches = escalationReach();
  return sweepInBatches(db, o, async (tx) => {
    const rows = await tx
      .select()
      .from(tasks)
      .where(and(isOpenTask, isNotNull(tasks.nextEscalationAt), lte(tasks.nextEscalationAt, now)))
      .orderBy(asc(tasks.nextEscalationAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    const refs = await getCaseReferences(
      tx,
      rows.map((r) => r.caseId),
    );
    const updates: TaskUpdate[] = [];
    const notes: Parameters<typeof notifyMany>[1] = [];
    const audits: AuditInput[] = [];
    for (const t of rows) {
      const sla = await slaFor(tx, slas, t.slaPolicyId);
      const level = t.escalationLevel + 1;
      const spec = sla?.spec.escalations.find((e) => e.level === level);
      if (!sla || !spec || !t.dueAt) {
        updates.push({ t, set: { nextEscalationAt: null } });
        continue;
      }
      const d = decideTaskTransition(
        {
          status: t.status,
          assigneeId: t.assigneeId,
          version: t.version,
          escalationLevel: t.escalationLevel,
        },
        { op: 'escalate', toLevel: level },
        { kind: 'system' },
      );
      if (!d.ok) throw new Error(`Escalation refused by the lifecycle: ${d.message}`);
      const auditAction = escalationAuditAction(d.effects);
      const next = escalationTime(t.ladderStartedAt ?? t.dueAt, sla.spec, level + 1, sla.calendar);
      const set: TaskUpdate['set'] = {
        escalationLevel: level,
        escalatedAt: t.escalatedAt ?? now,
        nextEscalationAt: next,
      };
      const { text, notify } = await applyLevel(tx, reaches, t, spec, sla.id, set, now);
      const summary = `Escalated to level ${level}: overdue${text}`;
      updates.push({ t, set });
      // Whoever loses the task to this level is told, so nobody works on what is no longer theirs.
      const lost = set.assigneeId !== undefined && t.assigneeId && set.assigneeId !== t.assigneeId;
      const loser = lost ? await getRecipient(tx, t.assigneeId!) : null;
      if (loser)
        notes.push({
          recipient: loser,
          kind: 'escalation',
          caseId: t.caseId,
          taskId: t.id,
          title: `Taken from you (escalation level ${level}): ${refs.get(t.caseId) ?? ''} “${t.name}”`,
          body: summary,
          link: `/tasks/${t.id}`,
          dedupeKey: `escalation-taken:${t.id}:${level}`,
        });
      for (const recipient of notify) {
        notes.push({
          recipient,
          kind: 'escalation',
          caseId: t.caseId,
          taskId: t.id,
          title: `Escalated (level ${level}): ${refs.get(t.caseId) ?? ''} “${t.name}” is overdue`,
          body: summary,
          link: `/tasks/${t.id}`,
          dedupeKey: `escalation:${t.id}:${level}:${recipient.id}`,
        });
      }
      audits.push({
        action: auditAction,
        entityType: 'task',
        entityId: t.id,
        caseId: t.caseId,
        taskId: t.id,
        summary,
        before: {
          escalationLevel: t.escalationLevel,
          assigneeId: t.assigneeId,
          candidateGroupId: t.candidateGroupId,
          status: t.status,
        },
        after: {
          escalationLevel: level,
          assigneeId: set.assigneeId !== undefined ? set.assigneeId : t.assigneeId,
          candidateGroupId: set.candidateGroupId ?? t.candidateGroupId,
          status: set.status ?? t.status,
          nextEscalationAt: next?.toISOString() ?? null,
        },
        metadata: {
          level,
          action: spec.action,
          notifiedUserIds: notify.map((r) => r.id),
        },
        occurredAt: now,
      });
      await o.afterItem?.();
    }
    await applyTaskUpdates(tx, updates, now);
    await notifyMany(tx, notes, now);
    await recordAuditMany(tx, SCHEDULER, audits);
    return rows.length;
  });
}

/** Back to a group's queue, unclaimed; the version bump voids a form the previous holder has open. */
const toQueue = (t: TaskRow, groupId: string | null): TaskUpdate['set'] => ({
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
async function applyLevel(
  tx: DbOrTx,
  reaches: ReturnType<typeof escalationReach>,
  t: TaskRow,
  spec: EscalationLevelSpec,
  slaPolicyId: string,
  set: TaskUpdate['set'],
  now: Date,
): Promise<{ text: string; notify: Recipient[] }> {
  const fallbackId = await reaches.fallbackOf(tx, slaPolicyId);
  if (spec.action === 'reassign_to_group') {
    const named = spec.groupKey ? await getGroupByKey(tx, spec.groupKey) : null;
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
    if (await fourEyesBar(tx, t, p.id)) {
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

type TaskUpdate = {
  t: TaskRow;
  set: Partial<
    Pick<
      TaskRow,
      | 'escalationLevel'
      | 'escalatedAt'
      | 'nextEscalationAt'
      | 'assigneeId'
      | 'status'
      | 'claimedAt'
      | 'version'
      | 'remindAt'
      | 'candidateGroupId'
    >
  >;
};

/** One UPDATE … FROM (VALUES …) for a whole batch; every column carries the row's current value unless changed. */
async function applyTaskUpdates(tx: DbOrTx, updates: TaskUpdate[], now: Date) {
  if (!updates.length) return;
  const ts = (d: Date | null) =>
    d ? sql`${d.toISOString()}::timestamptz` : sql`null::timestamptz`;
  const uuid = (v: string | null) => (v ? sql`${v}::uuid` : sql`null::uuid`);
  const values = updates.map(({ t, set }) => {
    const v = { ...t, ...set };
    return sql`(${t.id}::uuid, ${v.escalationLevel}::int, ${ts(v.escalatedAt)}, ${ts(v.nextEscalationAt)}, ${uuid(v.assigneeId)}, ${v.status}::task_status, ${ts(v.claimedAt)}, ${v.version}::int, ${ts(v.remindAt)}, ${uuid(v.candidateGroupId)})`;
  });
  await tx.execute(sql`
    update tasks set escalation_level = v.level, escalated_at = v.escalated_at, next_escalation_at = v.next_at, assignee_id = v.assignee_id,
      status = v.status, claimed_at = v.claimed_at, version = v.version, remind_at = v.remind_at, candidate_group_id = v.group_id, updated_at = ${now.toISOString()}::timestamptz
    from (values ${sql.join(values, sql`, `)}) as v(id, level, escalated_at, next_at, assignee_id, status, claimed_at, version, remind_at, group_id)
    where tasks.id = v.id`);
}
