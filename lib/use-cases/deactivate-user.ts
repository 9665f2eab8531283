import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tasks, users } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { listGroupsSupervisedBy } from '../data/groups';
import { adminUserColumns, getAdminUserForUpdate } from '../data/users';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard, recordRefusal } from './guard';

/**
 * Deactivates a user: they can no longer sign in (their session stops at its next request),
 * and every task they hold goes back to its group queue. The user change, the task changes
 * and all their audit events commit together or not at all. Someone who still supervises a group
 * is refused (409, audited) until the group has another supervisor: escalations of its work
 * would otherwise reach no one who can act.
 */
export async function deactivateUser(
  db: DbOrTx,
  actor: UserActor,
  userId: string,
  now = new Date(),
) {
  const entity = { type: 'user', id: userId };
  await guard(db, actor, 'users.edit', undefined, entity);
  if (!isUuid(userId)) throw new DomainError('not_found', 'User was not found.');
  if (userId === actor.id) {
    await recordRefusal(db, actor, 'users.edit', entity, 'cannot deactivate oneself');
    throw new DomainError('forbidden', 'You cannot deactivate yourself; ask another admin.');
  }
  const outcome = await db.transaction(async (tx) => {
    const u = await getAdminUserForUpdate(tx, userId);
    if (!u) throw new DomainError('not_found', 'User was not found.');
    if (!u.active) throw new DomainError('invalid_transition', `${u.name} is already deactivated.`);
    // Read after the user row is locked: setGroupSupervisor locks the new supervisor's row too,
    // so a group cannot be handed to this person between this check and the commit.
    const held = await listGroupsSupervisedBy(tx, userId);
    if (held.length) {
      const list = held.map((g) => g.name).join(', ');
      return {
        refused: new DomainError(
          'conflict',
          `${u.name} supervises ${list}; give ${held.length === 1 ? 'that group' : 'those groups'} another supervisor first.`,
          undefined,
          { groups: held },
        ),
        reason: `still supervises ${list}`,
      };
    }
    const [row] = await tx
      .update(users)
      .set({ active: false, updatedAt: now })
      .where(eq(users.id, userId))
      .returning(adminUserColumns);
    // The version bump makes a completion the user had in flight fail as a conflict instead of landing.
    const returned = await tx
      .update(tasks)
      .set({
        status: 'ready',
        assigneeId: null,
        version: sql`${tasks.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(tasks.assigneeId, userId), eq(tasks.status, 'claimed')))
      .returning({
        id: tasks.id,
        caseId: tasks.caseId,
        name: tasks.name,
        version: tasks.version,
        candidateGroupId: tasks.candidateGroupId,
      });
    for (const t of returned) {
      await recordAudit(tx, actor, {
        action: 'task.returned_to_queue',
        entityType: 'task',
        entityId: t.id,
        caseId: t.caseId,
        taskId: t.id,
        summary: `Returned to the queue: ${u.name} was deactivated by ${actor.name}`,
        before: { status: 'claimed', assigneeId: userId, version: t.version - 1 },
        after: { status: 'ready', assigneeId: null, version: t.version },
        metadata: { reason: 'assignee_deactivated', userId },
        occurredAt: now,
      });
    }
    await recordAudit(tx, actor, {
      action: 'user.deactivated',
      entityType: 'user',
      entityId: userId,
      summary: `User ${u.name} (${u.email}) deactivated; ${returned.length} claimed ${returned.length === 1 ? 'task' : 'tasks'} returned to the queue`,
      before: { active: true },
      after: { active: false },
      metadata: { returnedTaskIds: returned.map((t) => t.id) },
      occurredAt: now,
    });
    return { user: row!, returnedTaskIds: returned.map((t) => t.id) };
  });
  if (outcome.refused) {
    await recordRefusal(db, actor, 'users.edit', entity, outcome.reason);
    throw outcome.refused;
  }
  return outcome;
}
