import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { slaPolicies, tasks } from '../../db/schema';
import { recordAuditMany, type AuditInput } from '../data/audit';
import { getCaseReferences } from '../data/cases';
import { fourEyesBar } from '../data/authority';
import { getGroupByKey, loadSlaPolicyById, type LoadedSla } from '../data/definitions';
import { groupSupervisor, notifyMany, type Recipient } from '../data/recipients';
import { isOpenTask, type TaskRow } from '../data/tasks';
import { escalationTime } from '../domain/sla';
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
 * reassign to the supervisor; reassign to a named group's queue. A batch is decided row by row,
 * then written with one statement per table (update, notifications, outbox, audit).
 */
export async function escalateDueTasks(db: Db, now: Date, o: SweepOptions = {}): Promise<number> {
  const batch = o.batchSize ?? 100;
  const slas = new Map<string, LoadedSla | null>();
  const supervisors = new Map<string, Awaited<ReturnType<typeof groupSupervisor>>>();
  const supervisorOf = async (tx: DbOrTx, groupId: string | null) => {
    if (!groupId) return null;
    if (!supervisors.has(groupId)) supervisors.set(groupId, await groupSupervisor(tx, groupId));
    return supervisors.get(groupId)!;
  };
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
      const next = escalationTime(t.dueAt, sla.spec, level + 1, sla.calendar);
      const supervisor = await supervisorOf(tx, t.candidateGroupId);
      const set: TaskUpdate['set'] = {
        escalationLevel: level,
        escalatedAt: t.escalatedAt ?? now,
        nextEscalationAt: next,
      };
      let summary = `Escalated to level ${level}: overdue`;
      let notifyWho: Recipient | null = supervisor;
      if (spec.action === 'notify_supervisor') {
        summary += supervisor
          ? `, ${supervisor.name} (supervisor) notified`
          : ', the group has no supervisor to notify';
      } else if (
        spec.action === 'reassign_to_supervisor' &&
        supervisor &&
        (await fourEyesBar(tx, t, supervisor.id))
      ) {
        // Four eyes: the supervisor decided on this case, so the approval goes to the group queue.
        if (t.assigneeId || t.status !== 'ready')
          Object.assign(set, {
            assigneeId: null,
            status: 'ready',
            version: t.version + 1,
            remindAt: null,
          });
        summary += `, returned to the group queue: ${supervisor.name} (supervisor) decided on this case earlier and may not approve it (four eyes)`;
      } else if (spec.action === 'reassign_to_supervisor' && supervisor) {
        if (t.assigneeId === supervisor.id) {
          summary += `, already with ${supervisor.name} (supervisor)`; // no change: their open form stays valid
        } else {
          Object.assign(set, {
            assigneeId: supervisor.id,
            status: 'claimed',
            claimedAt: now,
            version: t.version + 1,
            remindAt: null,
          });
          summary += `, reassigned to ${supervisor.name} (supervisor)`;
        }
      } else if (spec.action === 'reassign_to_group') {
        const target = spec.groupKey ? await getGroupByKey(tx, spec.groupKey) : null;
        const groupId =
          target?.id ??
          (
            await tx
              .select({ g: slaPolicies.fallbackGroupId })
              .from(slaPolicies)
              .where(eq(slaPolicies.id, t.slaPolicyId!))
          )[0]?.g ??
          null;
        if (groupId && !(t.candidateGroupId === groupId && t.status === 'ready')) {
          Object.assign(set, {
            candidateGroupId: groupId,
            assigneeId: null,
            status: 'ready',
            version: t.version + 1,
            remindAt: null,
          });
          // The new group's supervisor hears of it; without one, the old supervisor still does.
          notifyWho = (await supervisorOf(tx, groupId)) ?? supervisor;
          summary += `, moved to the queue of ${target?.name ?? 'the fallback group'}`;
        } else if (groupId) {
          summary += ', already in that queue';
        }
      } else {
        summary += ', but the group has no supervisor to take it';
      }
      updates.push({ t, set });
      if (notifyWho) {
        notes.push({
          recipient: notifyWho,
          kind: 'escalation',
          caseId: t.caseId,
          taskId: t.id,
          title: `Escalated (level ${level}): ${refs.get(t.caseId) ?? ''} “${t.name}” is overdue`,
          body: summary,
          link: `/tasks/${t.id}`,
          dedupeKey: `escalation:${t.id}:${level}:${notifyWho.id}`,
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
        metadata: { level, action: spec.action },
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
