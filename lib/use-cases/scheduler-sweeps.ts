import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { cases, slaPolicies, tasks } from '../../db/schema';
import { recordAudit, recordAuditMany, type AuditInput } from '../data/audit';
import { getGroupByKey, loadSlaPolicyById, type LoadedSla } from '../data/definitions';
import {
  activeGroupMembers,
  formatForRecipient,
  getRecipient,
  groupSupervisor,
  notifyMany,
  notifyOnce,
  type Recipient,
} from '../data/recipients';
import { escalationTime } from '../domain/sla';
import { decideTaskTransition } from '../domain/task-lifecycle';

const SCHEDULER = { kind: 'system', name: 'scheduler' } as const;
const OPEN = inArray(tasks.status, ['ready', 'claimed']);

export type SweepOptions = {
  /** Rows claimed per transaction: locks are held only for one small batch. */
  batchSize?: number;
  /** Upper bound of batches per call, so one tick always ends. */
  maxBatches?: number;
  /** Test hook: runs after each task is processed inside its transaction (e.g. to slow a sweep down). */
  afterItem?: () => Promise<void>;
};

type TaskRow = typeof tasks.$inferSelect;

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
 * Claims up to `batchSize` due rows with FOR UPDATE SKIP LOCKED and processes them in the same
 * transaction. Parallel sweepers take disjoint rows; a sweeper killed mid-batch rolls back, so
 * its rows are simply due again for the next one. Cost follows the due set (partial index).
 */
async function sweep(
  db: Db,
  due: (tx: DbOrTx) => Promise<TaskRow[]>,
  handle: (tx: DbOrTx, t: TaskRow) => Promise<void>,
  o: SweepOptions,
): Promise<number> {
  let done = 0;
  for (let b = 0; b < (o.maxBatches ?? 20); b++) {
    const n = await db.transaction(async (tx) => {
      const rows = await due(tx);
      for (const t of rows) {
        await handle(tx, t);
        await o.afterItem?.();
      }
      return rows.length;
    });
    done += n;
    if (n === 0) break; // an item that climbed a level may be due again at once (catch-up)
  }
  return done;
}

/** Reminders that have fallen due: the assignee, or every member of the group if unassigned. */
export async function sendDueReminders(db: Db, now: Date, o: SweepOptions = {}): Promise<number> {
  const batch = o.batchSize ?? 100;
  return sweep(
    db,
    (tx) =>
      tx
        .select()
        .from(tasks)
        .where(and(OPEN, isNotNull(tasks.remindAt), lte(tasks.remindAt, now)))
        .orderBy(asc(tasks.remindAt))
        .limit(batch)
        .for('update', { skipLocked: true }),
    async (tx, t) => {
      const remindAt = t.remindAt!;
      // After downtime a reminder for work already overdue is noise: escalation takes over.
      if (t.dueAt && t.dueAt <= now) {
        await tx.update(tasks).set({ remindAt: null }).where(eq(tasks.id, t.id));
        await recordAudit(tx, SCHEDULER, {
          action: 'task.reminder_skipped',
          entityType: 'task',
          entityId: t.id,
          caseId: t.caseId,
          taskId: t.id,
          summary: 'Reminder skipped: the task was already overdue',
          occurredAt: now,
        });
        return;
      }
      const assignee = t.assigneeId ? await getRecipient(tx, t.assigneeId) : null;
      const recipients: Recipient[] = assignee
        ? [assignee]
        : t.candidateGroupId
          ? await activeGroupMembers(tx, t.candidateGroupId)
          : [];
      const ref = (await caseReferences(tx, [t.caseId])).get(t.caseId) ?? '';
      let sent = 0;
      for (const r of recipients) {
        const when = t.dueAt ? `due ${formatForRecipient(t.dueAt, r)}` : 'due soon';
        const made = await notifyOnce(
          tx,
          {
            recipient: r,
            kind: 'reminder',
            caseId: t.caseId,
            taskId: t.id,
            title: `Reminder: ${ref} “${t.name}” is due soon`,
            body: `${assignee ? 'Your task' : 'A task in your group queue'} “${t.name}” is ${when}.`,
            link: `/tasks/${t.id}`,
            dedupeKey: `reminder:${t.id}:${remindAt.toISOString()}:${r.id}`,
          },
          now,
        );
        if (made) sent++;
      }
      await tx.update(tasks).set({ remindAt: null, remindedAt: now }).where(eq(tasks.id, t.id));
      await recordAudit(tx, SCHEDULER, {
        action: 'task.reminded',
        entityType: 'task',
        entityId: t.id,
        caseId: t.caseId,
        taskId: t.id,
        summary: assignee
          ? `Reminder sent to ${assignee.name}`
          : `Reminder sent to the group (${recipients.length} ${recipients.length === 1 ? 'person' : 'people'})`,
        metadata: {
          recipients: recipients.map((r) => r.email),
          sent,
          remindAt: remindAt.toISOString(),
        },
        occurredAt: now,
      });
    },
    o,
  );
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
  let done = 0;
  for (let b = 0; b < (o.maxBatches ?? 20); b++) {
    const n = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(tasks)
        .where(and(OPEN, isNotNull(tasks.nextEscalationAt), lte(tasks.nextEscalationAt, now)))
        .orderBy(asc(tasks.nextEscalationAt))
        .limit(batch)
        .for('update', { skipLocked: true });
      const refs = await caseReferences(
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
          action: 'task.escalated',
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
    done += n;
    if (n === 0) break; // an item that climbed a level may be due again at once (catch-up)
  }
  return done;
}

async function caseReferences(tx: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(inArray(cases.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.reference]));
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
