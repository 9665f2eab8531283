import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { visibleGroupIds, type UserActor } from '../domain/permissions';

/** The tasks the actor may see: their own and their groups' (admins: every task). */
export function taskVisibility(actor: UserActor): SQL | undefined {
  const ids = visibleGroupIds(actor);
  if (ids === null) return undefined;
  return ids.length
    ? or(eq(tasks.assigneeId, actor.id), inArray(tasks.candidateGroupId, ids))
    : eq(tasks.assigneeId, actor.id);
}

/** Due time for comparisons and sorting: a task without a deadline sorts last. */
export const dueKey = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;

/** Tasks due at or before `at` (never those without a deadline). */
export function dueBy(at: Date): SQL {
  return sql`${dueKey} <= ${at.toISOString()}::timestamptz`;
}
