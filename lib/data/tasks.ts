import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, groups, tasks, users } from '../../db/schema';
import { OPEN_TASK_STATUSES } from '../domain/task-lifecycle';
import { isUuid } from '../validation';

export type TaskRow = typeof tasks.$inferSelect;

/** Tasks still to be done (ready or claimed): the condition the partial indexes are built on. */
export const isOpenTask = inArray(tasks.status, [...OPEN_TASK_STATUSES]);

export async function getTask(db: DbOrTx, id: string): Promise<TaskRow | null> {
  if (!isUuid(id)) return null;
  const [t] = await db.select().from(tasks).where(eq(tasks.id, id));
  return t ?? null;
}

/** Locks the row until the transaction ends: concurrent operations on one task run one after another. */
export async function getTaskForUpdate(tx: DbOrTx, id: string): Promise<TaskRow | null> {
  if (!isUuid(id)) return null;
  const [t] = await tx.select().from(tasks).where(eq(tasks.id, id)).for('update');
  return t ?? null;
}

export async function listCaseTasks(db: DbOrTx, caseId: string) {
  return db
    .select({
      task: tasks,
      groupName: groups.name,
      groupKey: groups.key,
      assigneeName: users.name,
      assigneeEmail: users.email,
    })
    .from(tasks)
    .leftJoin(groups, eq(groups.id, tasks.candidateGroupId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(eq(tasks.caseId, caseId))
    .orderBy(asc(tasks.createdAt));
}

/** What authorization needs to decide about a case: the groups and assignees of its tasks. */
export async function caseAccessRefs(db: DbOrTx, caseId: string) {
  const rows = await db
    .select({ g: tasks.candidateGroupId, a: tasks.assigneeId })
    .from(tasks)
    .where(eq(tasks.caseId, caseId));
  return {
    type: 'case' as const,
    groupIds: [...new Set(rows.map((r) => r.g).filter((x): x is string => !!x))],
    assigneeIds: [...new Set(rows.map((r) => r.a).filter((x): x is string => !!x))],
  };
}

export async function getCase(db: DbOrTx, id: string) {
  if (!isUuid(id)) return null;
  const [c] = await db.select().from(cases).where(eq(cases.id, id));
  return c ?? null;
}

export async function getTasksByIds(db: DbOrTx, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return db.select().from(tasks).where(inArray(tasks.id, valid));
}

export async function getUserName(db: DbOrTx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
  return u?.name ?? null;
}
