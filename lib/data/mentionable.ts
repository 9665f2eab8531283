import { and, asc, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { comments, groupMemberships, groups, tasks, users } from '../../db/schema';

export type MentionableRow = { id: string; name: string; email: string; outOfOffice: boolean };

/** More people than any group has: a bound on the list, not a page. */
const MAX_MENTIONABLE = 500;

/**
 * The active people who can be mentioned on a task: those who can open it (canSeeTask) and so
 * follow the notification's link — members of its group, the group's supervisor, its assignee
 * — and admins already on the case (assigned, decided or commented). Anyone else on the case
 * (say, the senior adjuster of an earlier step) cannot open this task and is left out, and so
 * nobody the commenter cannot already see at work on the case or in their group is listed.
 */
export async function listMentionablePeople(
  db: DbOrTx,
  task: { caseId: string; candidateGroupId: string | null; assigneeId: string | null },
  excludeUserId: string,
): Promise<MentionableRow[]> {
  const who: SQL[] = [];
  if (task.candidateGroupId) {
    who.push(
      inArray(
        users.id,
        db
          .select({ id: groupMemberships.userId })
          .from(groupMemberships)
          .where(eq(groupMemberships.groupId, task.candidateGroupId)),
      ),
      and(
        inArray(users.role, ['supervisor', 'admin']),
        inArray(
          users.id,
          db
            .select({ id: groups.supervisorId })
            .from(groups)
            .where(eq(groups.id, task.candidateGroupId)),
        ),
      )!,
    );
  }
  if (task.assigneeId) who.push(eq(users.id, task.assigneeId));
  who.push(
    and(
      eq(users.role, 'admin'),
      or(
        inArray(
          users.id,
          db.select({ id: tasks.assigneeId }).from(tasks).where(eq(tasks.caseId, task.caseId)),
        ),
        inArray(
          users.id,
          db.select({ id: tasks.completedById }).from(tasks).where(eq(tasks.caseId, task.caseId)),
        ),
        inArray(
          users.id,
          db
            .select({ id: comments.authorId })
            .from(comments)
            .where(eq(comments.caseId, task.caseId)),
        ),
      ),
    )!,
  );
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      outOfOffice: users.outOfOffice,
    })
    .from(users)
    .where(and(eq(users.active, true), ne(users.id, excludeUserId), or(...who)))
    .orderBy(asc(users.name), asc(users.id))
    .limit(MAX_MENTIONABLE);
}

/** Names of people by id (a comment's mentions), in no particular order. */
export async function getUserNames(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
