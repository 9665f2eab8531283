import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { absences, tasks, users } from '../../db/schema';
import { claimedTasksOfForUpdate, otherActiveAbsence, type AbsenceRow } from '../data/absences';
import { recordAudit, type AuditActor } from '../data/audit';
import { fourEyesBar } from '../data/authority';
import type { TaskRow } from '../data/tasks';
import { isMember } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { decideTaskTransition, type LifecycleActor } from '../domain/task-lifecycle';
import { taskMovePayload } from './apply-task-operation';
import { applyEffects, notifyHolders, type Handover } from './task-operation-effects';

/** The largest hand-over done in one transaction; a larger one is refused, never half done. */
export const MAX_HAND_OVER = 5_000;

export type StartHooks = {
  /** Test hook: runs after each task is handed over, inside the transaction. */
  afterHandOver?: (moved: number) => Promise<void>;
};

type Person = { id: string; name: string; email: string; role: UserActor['role'] };

async function lockPerson(tx: DbOrTx, id: string): Promise<Person | null> {
  const [p] = await tx
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, id))
    .for('update');
  return p ?? null;
}

const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/**
 * The absence starts: the person is out of office with the delegate, and with `hand_over` every
 * task they hold moves to the delegate — or back to its group queue where the delegate is not an
 * active member of the task's group or four eyes bar them — all in the caller's transaction, so
 * either everything moved and the absence is active, or nothing changed.
 */
export async function startAbsence(
  tx: DbOrTx,
  actor: AuditActor,
  absence: AbsenceRow,
  now: Date,
  hooks: StartHooks = {},
) {
  const person = await lockPerson(tx, absence.userId);
  if (!person) throw new Error(`Absence ${absence.id}: the person no longer exists`);
  const [delegateRow] = absence.delegateId
    ? await tx
        .select({ id: users.id, name: users.name, active: users.active })
        .from(users)
        .where(eq(users.id, absence.delegateId))
        .for('share')
    : [];
  const delegate = delegateRow?.active ? delegateRow : null;
  await tx
    .update(users)
    .set({ outOfOffice: true, delegateId: absence.delegateId, updatedAt: now })
    .where(eq(users.id, person.id));

  let handedOver: number | null = null;
  if (absence.handOver) {
    const held = await claimedTasksOfForUpdate(tx, person.id, MAX_HAND_OVER + 1);
    if (held.length > MAX_HAND_OVER)
      throw new Error(
        `Absence ${absence.id}: more than ${MAX_HAND_OVER} open tasks to hand over; hand them over in bulk from the team view`,
      );
    handedOver = 0;
    for (const task of held) {
      const to = delegate && (await mayTake(tx, task, delegate.id)) ? delegate : null;
      await handOverTask(tx, actor, person, absence, task, to, now);
      handedOver++;
      await hooks.afterHandOver?.(handedOver);
    }
  }

  await tx
    .update(absences)
    .set({ status: 'active', startedAt: now, handedOver, updatedAt: now })
    .where(eq(absences.id, absence.id));
  await recordAudit(tx, actor, {
    action: 'absence.started',
    entityType: 'absence',
    entityId: absence.id,
    summary:
      `${person.name} is out of office until ${day(absence.endsAt)}` +
      (delegate ? `; new work goes to ${delegate.name}` : '; new work waits in the queues') +
      (handedOver !== null ? `; ${handedOver} open task(s) handed over` : ''),
    before: { status: absence.status },
    after: {
      status: 'active',
      userId: person.id,
      delegateId: absence.delegateId,
      handedOver,
    },
    occurredAt: now,
  });
  return { handedOver };
}

/** The delegate takes the task only as an active member of its group whom four eyes allow. */
async function mayTake(tx: DbOrTx, task: TaskRow, delegateId: string) {
  if (!task.candidateGroupId || !(await isMember(tx, delegateId, task.candidateGroupId)))
    return false;
  return !(await fourEyesBar(tx, task, delegateId));
}

/**
 * One task moves: the lifecycle's reassign transition and its effects (new holder notified, the
 * reminder restarted), one `task.reassigned` event naming the absence.
 */
async function handOverTask(
  tx: DbOrTx,
  actor: AuditActor,
  person: Person,
  absence: AbsenceRow,
  task: TaskRow,
  to: { id: string; name: string } | null,
  now: Date,
) {
  // Authorized when the absence was scheduled (by the person, a supervisor of their groups or an
  // admin): the hand-over asks the lifecycle as the group's supervisor would.
  const lifecycle: LifecycleActor = {
    kind: 'user',
    userId: person.id,
    role: 'supervisor',
    isCandidate: false,
    supervisesGroup: true,
  };
  const decision = decideTaskTransition(
    {
      status: task.status,
      assigneeId: task.assigneeId,
      version: task.version,
      escalationLevel: task.escalationLevel,
    },
    { op: 'reassign', toUserId: to?.id ?? null },
    lifecycle,
  );
  if (!decision.ok) throw new Error(`Hand-over of task ${task.id}: ${decision.message}`);
  // The absent person is the one "acting": they are not told of their own hand-over.
  const effectActor: UserActor = {
    kind: 'user',
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    groupIds: [],
    supervisedGroupIds: [],
  };
  const effects = await applyEffects(
    tx,
    effectActor,
    'reassign',
    false,
    task,
    decision.effects,
    now,
  );
  const [next] = await tx
    .update(tasks)
    .set({
      status: decision.next.status,
      assigneeId: decision.next.assigneeId,
      version: decision.next.version,
      updatedAt: now,
      ...(to ? { claimedAt: now } : {}),
      ...effects.taskChanges,
    })
    .where(and(eq(tasks.id, task.id), eq(tasks.version, task.version)))
    .returning();
  if (!next) throw new Error(`Hand-over of task ${task.id}: the task changed meanwhile`);
  const reason = `${person.name} is out of office until ${day(absence.endsAt)}`;
  const handover: Handover = {
    fromUserId: person.id,
    fromName: person.name,
    toUserId: to?.id ?? null,
    toName: to?.name ?? null,
  };
  for (const action of effects.audit)
    await recordAudit(tx, actor, {
      action,
      entityType: 'task',
      entityId: task.id,
      caseId: task.caseId,
      taskId: task.id,
      summary: to
        ? `Handed over from ${person.name} to ${to.name}: ${reason}`
        : `Returned from ${person.name} to the queue: ${reason}`,
      ...taskMovePayload('reassign', task, next, 'nextEscalationAt' in effects.taskChanges),
      metadata: { reason, absenceId: absence.id, ...handover, byName: 'Absence hand-over' },
      occurredAt: now,
    });
  await notifyHolders(tx, effectActor, effects, task, next, handover, reason, now);
}

/**
 * The absence is over (at its end, or ended early): the person is back — unless another absence
 * of theirs runs on, whose delegate then takes over.
 */
export async function endAbsence(
  tx: DbOrTx,
  actor: AuditActor,
  absence: AbsenceRow,
  now: Date,
  how: 'at_end' | 'early',
) {
  const person = await lockPerson(tx, absence.userId);
  const other = await otherActiveAbsence(tx, absence.userId, absence.id);
  if (person)
    await tx
      .update(users)
      .set({
        outOfOffice: Boolean(other),
        delegateId: other ? other.delegateId : null,
        updatedAt: now,
      })
      .where(eq(users.id, person.id));
  await tx
    .update(absences)
    .set({ status: 'ended', endedAt: now, updatedAt: now })
    .where(eq(absences.id, absence.id));
  await recordAudit(tx, actor, {
    action: 'absence.ended',
    entityType: 'absence',
    entityId: absence.id,
    summary: `${person?.name ?? 'The person'} is back${how === 'early' ? ' (absence ended early)' : ''}`,
    before: { status: absence.status },
    after: { status: 'ended', userId: absence.userId, outOfOffice: Boolean(other) },
    occurredAt: now,
  });
}

/** A planned absence whose whole period passed while no scheduler ran: nothing to start. */
export async function lapseAbsence(tx: DbOrTx, actor: AuditActor, absence: AbsenceRow, now: Date) {
  await tx
    .update(absences)
    .set({ status: 'ended', endedAt: now, updatedAt: now })
    .where(eq(absences.id, absence.id));
  await recordAudit(tx, actor, {
    action: 'absence.ended',
    entityType: 'absence',
    entityId: absence.id,
    summary: 'The absence passed before it could start (no scheduler ran); nothing was changed',
    before: { status: absence.status },
    after: { status: 'ended', userId: absence.userId, lapsed: true },
    occurredAt: now,
  });
}
