import { and, asc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, groups, tasks, users } from '../../db/schema';
import type { UserActor } from '../domain/permissions';
import { supervises } from '../domain/permissions';
import { DomainError } from '../errors';
import { guard } from './guard';

export type Queue = { kind: 'mine' } | { kind: 'group'; groupId: string } | { kind: 'escalated' } | { kind: 'overdue' };

const OPEN = inArray(tasks.status, ['ready', 'claimed']);

/** Groups whose queues the actor works or watches. */
export async function visibleGroups(db: DbOrTx, actor: UserActor) {
  const rows = await db.select({ id: groups.id, key: groups.key, name: groups.name }).from(groups).orderBy(asc(groups.name));
  return rows.filter((g) => actor.role === 'admin' || actor.groupIds.includes(g.id) || supervises(actor, g.id));
}

/** Rows an actor may see: own assignments, own groups' queues, supervised groups (admins: all). */
function visibility(actor: UserActor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  const groupIds = [...new Set([...actor.groupIds, ...(actor.role === 'supervisor' ? actor.supervisedGroupIds : [])])];
  return groupIds.length ? or(eq(tasks.assigneeId, actor.id), inArray(tasks.candidateGroupId, groupIds)) : eq(tasks.assigneeId, actor.id);
}

export async function listQueueTasks(db: DbOrTx, actor: UserActor, queue: Queue, now: Date, limit = 100) {
  const where: (SQL | undefined)[] = [OPEN, visibility(actor)];
  if (queue.kind === 'mine') where.push(eq(tasks.assigneeId, actor.id));
  if (queue.kind === 'group') {
    const groupsOk = await visibleGroups(db, actor);
    if (!groupsOk.some((g) => g.id === queue.groupId)) {
      await guard(db, actor, 'task.read', { type: 'task', candidateGroupId: queue.groupId, assigneeId: null }, { type: 'group', id: queue.groupId });
      throw new DomainError('not_found', 'Queue was not found.');
    }
    where.push(eq(tasks.candidateGroupId, queue.groupId));
  }
  if (queue.kind === 'escalated') where.push(gt(tasks.escalationLevel, 0));
  if (queue.kind === 'overdue') where.push(lte(tasks.dueAt, now));
  return db
    .select({
      id: tasks.id,
      name: tasks.name,
      status: tasks.status,
      priority: tasks.priority,
      dueAt: tasks.dueAt,
      createdAt: tasks.createdAt,
      remindAt: tasks.remindAt,
      remindedAt: tasks.remindedAt,
      escalationLevel: tasks.escalationLevel,
      version: tasks.version,
      caseId: cases.id,
      reference: cases.reference,
      claimant: cases.title,
      amountCents: cases.amountCents,
      groupName: groups.name,
      assigneeId: tasks.assigneeId,
      assigneeName: users.name,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(groups, eq(groups.id, tasks.candidateGroupId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(...where))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt))
    .limit(limit);
}

export async function queueCounts(db: DbOrTx, actor: UserActor, now: Date) {
  const vis = visibility(actor);
  const [row] = await db
    .select({
      mine: sql<number>`count(*) filter (where ${tasks.assigneeId} = ${actor.id})::int`,
      escalated: sql<number>`count(*) filter (where ${tasks.escalationLevel} > 0)::int`,
      overdue: sql<number>`count(*) filter (where ${tasks.dueAt} <= ${now.toISOString()}::timestamptz)::int`,
    })
    .from(tasks)
    .where(and(OPEN, vis));
  const perGroup = await db
    .select({ groupId: tasks.candidateGroupId, n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(OPEN, vis))
    .groupBy(tasks.candidateGroupId);
  return { mine: row?.mine ?? 0, escalated: row?.escalated ?? 0, overdue: row?.overdue ?? 0, perGroup: new Map(perGroup.map((g) => [g.groupId, g.n])) };
}
