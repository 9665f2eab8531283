import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { taskPredictions, users } from '../../db/schema';

/** Reads of the predictions (inbox rows, task page, team console "At risk"). */

export type TaskPredictionRow = typeof taskPredictions.$inferSelect;

/** The predictions of a page of tasks: primary-key lookups, nothing else joined. */
export async function predictionsByTaskIds(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, TaskPredictionRow>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select()
    .from(taskPredictions)
    .where(inArray(taskPredictions.taskId, [...ids]));
  return new Map(rows.map((r) => [r.taskId, r]));
}

export async function predictionOf(db: DbOrTx, taskId: string) {
  const [r] = await db.select().from(taskPredictions).where(eq(taskPredictions.taskId, taskId));
  return r ?? null;
}

export type AtRiskRow = {
  task_id: string;
  name: string;
  case_id: string;
  reference: string;
  status: 'ready' | 'claimed';
  version: number;
  assignee_id: string | null;
  assignee_name: string | null;
  due_at: Date | string | null;
  predicted_done_at: Date | string;
  lateness_minutes: number;
  risk: number;
};

/**
 * The group's at-risk tasks, latest first: task_predictions_group_risk_idx (group, lateness desc)
 * with LIMIT, each task, case and assignee by primary key; only tasks still open in this group.
 */
export async function atRiskOfGroup(
  db: DbOrTx,
  groupId: string,
  limit: number,
): Promise<AtRiskRow[]> {
  return queryRows<AtRiskRow>(
    db,
    sql`select p.task_id, t.name, t.case_id, c.reference, t.status, t.version, t.assignee_id,
               u.name as assignee_name, t.due_at, p.predicted_done_at, p.lateness_minutes, p.risk
          from task_predictions p
          join tasks t on t.id = p.task_id
          join cases c on c.id = t.case_id
          left join users u on u.id = t.assignee_id
         where p.group_id = ${groupId}::uuid and p.at_risk
           and t.status in ('ready', 'claimed') and t.candidate_group_id = ${groupId}::uuid
         order by p.lateness_minutes desc, p.task_id
         limit ${limit}`,
  );
}

/** How many of the group's tasks are at risk (the index's rows of the group, capped). */
export async function countAtRisk(db: DbOrTx, groupId: string, cap = 1000): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select 1 from task_predictions p join tasks t on t.id = p.task_id
           where p.group_id = ${groupId}::uuid and p.at_risk
             and t.status in ('ready', 'claimed') and t.candidate_group_id = ${groupId}::uuid
           limit ${cap}) x`,
  );
  return Number(r?.n ?? 0);
}

/** Names of a few people by id (users primary key). */
export async function userNamesByIds(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
