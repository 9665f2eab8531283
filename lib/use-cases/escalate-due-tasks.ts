import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { AuditInput } from '../data/audit';
import { notifyAll, type NotificationInput } from '../data/recipients';
import { escalationTime } from '../domain/sla';
import { decideTaskTransition, type TaskEffect } from '../domain/task-lifecycle';
import {
  applyLevel,
  batchFourEyes,
  claimDueEscalations,
  digestHolds,
  quietReason,
  sweepLookups,
  batchDigestTo,
  type DueTask,
  type Lookups,
  type TaskUpdate,
} from './escalation-level';
import { appendSweepAudit, DEFAULT_SWEEP_BATCH, type SweepOptions } from './sweep';
import { recipientOf } from './sweep-claim';
import { sweepInLanes } from './sweep-lanes';

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
 * able to act, else the next in line receives it (`escalationReach` in lib/data/groups.ts).
 * A batch is claimed with one statement, decided in memory with lookups made once per sweep
 * (policies, calendars, supervisors) or once per batch (four eyes), then written with one
 * statement per table: the task update, the notifications with their e-mails, the audit events.
 * Two batches are under way at once (sweep-lanes.ts): one is decided while the other writes.
 */
export async function escalateDueTasks(db: Db, now: Date, o: SweepOptions = {}): Promise<number> {
  const batch = o.batchSize ?? DEFAULT_SWEEP_BATCH;
  const lookups = sweepLookups();
  return sweepInLanes(db, o, async (tx) => {
    const rows = await claimDueEscalations(tx, now, batch);
    if (!rows.length) return 0;
    const l: Lookups = {
      ...lookups,
      fourEyesBar: batchFourEyes(tx, rows),
      digestTo: batchDigestTo(),
    };
    const updates: TaskUpdate[] = [];
    const notes: NotificationInput[] = [];
    const audits: AuditInput[] = [];
    for (const t of rows) {
      await escalateOne(tx, l, t, now, { updates, notes, audits });
      await o.afterItem?.();
    }
    await applyTaskUpdates(tx, updates, now);
    await notifyAll(tx, notes, now);
    await appendSweepAudit(tx, audits);
    return rows.length;
  });
}

/** Why an escalation's notification was held back, as the audit summary says it. */
const QUIET_TEXT = {
  acknowledged: 'not sent: the escalation was acknowledged',
  snoozed: 'not sent: the escalation is snoozed',
  digest: 'the group’s next escalation digest lists it instead',
} as const;

/** Who the level names, said as who would have been told when the notification is held back. */
const wouldBe = (text: string) => text.replace(/\b(?:is |are )?notified\b/g, 'would be notified');

/** Decides one task's next level and adds its rows to the batch's writes. */
async function escalateOne(
  tx: DbOrTx,
  l: Lookups,
  t: DueTask,
  now: Date,
  out: { updates: TaskUpdate[]; notes: NotificationInput[]; audits: AuditInput[] },
): Promise<void> {
  const sla = t.slaPolicyId ? await l.sla(tx, t.slaPolicyId) : null;
  const level = t.escalationLevel + 1;
  const spec = sla?.spec.escalations.find((e) => e.level === level);
  if (!sla || !spec || !t.dueAt) {
    out.updates.push({ t, set: { nextEscalationAt: null } });
    return;
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
    // tasks.escalated_at is the LAST escalation (every level), which the digest selects by.
    escalatedAt: now,
    nextEscalationAt: next,
  };
  const { text, notify } = await applyLevel(tx, l, t, spec, sla.id, set, now);
  const quietAll = quietReason(t, now);
  const held = quietAll
    ? notify
    : await digestHolds(tx, l, set.candidateGroupId ?? t.candidateGroupId, notify);
  const sent = notify.filter((r) => !held.includes(r));
  const quiet = quietAll ?? (held.length ? 'digest' : null);
  // Everyone held back: "would be notified"; some only: they are named as hearing in the digest.
  const all = quiet && !sent.length;
  const summary = `Escalated to level ${level}: overdue${all ? wouldBe(text) : text}`;
  const quietText = !quiet
    ? ''
    : all
      ? `; ${QUIET_TEXT[quiet]}`
      : `; ${held.map((r) => r.name).join(', ')}: ${QUIET_TEXT.digest}`;
  out.updates.push({ t, set });
  const what = `${t.reference ?? ''} “${t.name}”`;
  // Whoever loses the task to this level is told, so nobody works on what is no longer theirs.
  const lost = set.assigneeId !== undefined && t.assigneeId && set.assigneeId !== t.assigneeId;
  const loser = lost && t.holder?.active ? recipientOf(t.holder) : null;
  if (loser)
    out.notes.push({
      recipient: loser,
      kind: 'escalation',
      caseId: t.caseId,
      taskId: t.id,
      title: `Taken from you (escalation level ${level}): ${what}`,
      body: summary,
      link: `/tasks/${t.id}`,
      dedupeKey: `escalation-taken:${t.id}:${level}`,
    });
  for (const recipient of sent) {
    out.notes.push({
      recipient,
      kind: 'escalation',
      caseId: t.caseId,
      taskId: t.id,
      title: `Escalated (level ${level}): ${what} is overdue`,
      body: summary,
      link: `/tasks/${t.id}`,
      dedupeKey: `escalation:${t.id}:${level}:${recipient.id}`,
    });
  }
  out.audits.push({
    action: auditAction,
    entityType: 'task',
    entityId: t.id,
    caseId: t.caseId,
    taskId: t.id,
    summary: summary + quietText,
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
      notifiedUserIds: sent.map((r) => r.id),
      // Only when held back: an immediate escalation's event keeps its established shape.
      ...(quiet ? { delivery: quiet } : {}),
    },
    occurredAt: now,
  });
}

/**
 * One UPDATE for a whole batch, its rows in one JSON parameter; every column carries the row's
 * current value unless this level changes it.
 */
async function applyTaskUpdates(tx: DbOrTx, updates: TaskUpdate[], now: Date) {
  if (!updates.length) return;
  const rows = updates.map(({ t, set }) => {
    const v = { ...t, nextEscalationAt: null, ...set };
    return {
      id: t.id,
      level: v.escalationLevel,
      escalated_at: v.escalatedAt,
      next_at: v.nextEscalationAt,
      assignee_id: v.assigneeId,
      status: v.status,
      claimed_at: v.claimedAt,
      version: v.version,
      remind_at: v.remindAt,
      group_id: v.candidateGroupId,
    };
  });
  await tx.execute(sql`
    update tasks set escalation_level = v.level, escalated_at = v.escalated_at, next_escalation_at = v.next_at, assignee_id = v.assignee_id,
      status = v.status, claimed_at = v.claimed_at, version = v.version, remind_at = v.remind_at, candidate_group_id = v.group_id, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, level int, escalated_at timestamptz, next_at timestamptz, assignee_id uuid, status task_status, claimed_at timestamptz, version int, remind_at timestamptz, group_id uuid)
    where tasks.id = v.id`);
}
