import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks } from '../../db/schema';
import { plannerNow, type AbsenceRow } from '../data/absences';
import { recordAudit, type AuditActor } from '../data/audit';
import { fourEyesBar } from '../data/authority';
import type { TaskRow } from '../data/tasks';
import { isMember } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { decideTaskTransition, type LifecycleActor } from '../domain/task-lifecycle';
import { taskMovePayload } from './apply-task-operation';
import { applyEffects, notifyHolders, type Handover } from './task-operation-effects';

// The hand-over of an absence's start: which tasks the planner may move, and moving one.

export type Person = {
  id: string;
  name: string;
  email: string;
  role: UserActor['role'];
  outOfOffice: boolean;
  delegateId: string | null;
};

export const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/**
 * Which of the person's tasks the planner (absences.created_by_id) may hand over, as they are at
 * the start: the person themself or an admin — all; a supervisor — those of the groups they
 * supervise now; a planner who is gone, deactivated or no longer a supervisor — none.
 */
export async function handOverScope(
  tx: DbOrTx,
  absence: AbsenceRow,
): Promise<{ groupIds: string[] | null; why: string }> {
  const planner = absence.createdById ? await plannerNow(tx, absence.createdById) : null;
  if (!planner) return { groupIds: [], why: 'the person who planned the absence no longer exists' };
  if (!planner.active)
    return { groupIds: [], why: `${planner.name}, who planned the absence, is deactivated` };
  if (planner.id === absence.userId || planner.role === 'admin') return { groupIds: null, why: '' };
  return {
    groupIds: planner.supervisedGroupIds,
    why: `in groups that ${planner.name}, who planned the absence, does not supervise`,
  };
}

/** The delegate takes the task only as an active member of its group whom four eyes allow. */
export async function mayTake(tx: DbOrTx, task: TaskRow, delegateId: string) {
  if (!task.candidateGroupId || !(await isMember(tx, delegateId, task.candidateGroupId)))
    return false;
  return !(await fourEyesBar(tx, task, delegateId));
}

/**
 * One task moves: the lifecycle's reassign transition and its effects (new holder notified, the
 * reminder restarted), one `task.reassigned` event naming the absence.
 */
export async function handOverTask(
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
