import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { AssignmentStrategy } from '../../db/schema/enum-values';
import { groupMemberships, tasks, users } from '../../db/schema';

/** Active members of a group who are not out of office, with their open (claimed) workload. */
async function availableMembers(db: DbOrTx, groupId: string) {
  return db
    .select({
      id: users.id,
      name: users.name,
      lastAssignedAt: users.lastAssignedAt,
      open: sql<number>`(select count(*)::int from ${tasks} t where t.assignee_id = ${users.id} and t.status = 'claimed')`,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(
      and(
        eq(groupMemberships.groupId, groupId),
        eq(users.active, true),
        eq(users.outOfOffice, false),
      ),
    )
    .orderBy(asc(users.name));
}

/**
 * Picks an assignee by strategy, or null to leave the task in the group queue.
 * round_robin: the member assigned longest ago; least_loaded: fewest claimed tasks (then name).
 * The chosen member's row is locked and stamped so concurrent picks rotate instead of colliding.
 */
export async function pickAssignee(
  db: DbOrTx,
  groupId: string,
  strategy: AssignmentStrategy,
  now: Date,
): Promise<string | null> {
  if (strategy === 'queue') return null;
  const candidates = await availableMembers(db, groupId);
  if (!candidates.length) return null;
  // Lock the candidates first, then read their stamps: concurrent picks see each other's choice.
  await db
    .select({ id: users.id })
    .from(users)
    .where(
      inArray(
        users.id,
        candidates.map((m) => m.id),
      ),
    )
    .orderBy(asc(users.id))
    .for('update');
  const members = await availableMembers(db, groupId);
  const sorted =
    strategy === 'round_robin'
      ? [...members].sort(
          (a, b) => (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0),
        )
      : [...members].sort((a, b) => a.open - b.open);
  const chosen = sorted[0]!;
  await db.update(users).set({ lastAssignedAt: now }).where(eq(users.id, chosen.id));
  return chosen.id;
}

/** Work routed to someone out of office goes to their delegate (one hop), else stays with them. */
export async function resolveDelegate(db: DbOrTx, userId: string): Promise<string> {
  const [u] = await db
    .select({ ooo: users.outOfOffice, delegateId: users.delegateId })
    .from(users)
    .where(eq(users.id, userId));
  if (!u?.ooo || !u.delegateId) return userId;
  const [d] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [u.delegateId]), eq(users.active, true)));
  return d?.id ?? userId;
}

/**
 * The person who last completed a task of the case in the group (tasks_case_idx bounds the scan
 * to the case's own tasks), with what decides whether a sticky follow-up may stay with them:
 * active, still a member of the group, not out of office. Null when nobody of the group has.
 */
export async function lastHandlerInGroup(db: DbOrTx, caseId: string, groupId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      active: users.active,
      outOfOffice: users.outOfOffice,
      member: sql<boolean>`exists (select 1 from ${groupMemberships} m where m.user_id = ${users.id} and m.group_id = ${groupId})`,
    })
    .from(tasks)
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(
      and(
        eq(tasks.caseId, caseId),
        eq(tasks.candidateGroupId, groupId),
        eq(tasks.status, 'completed'),
      ),
    )
    .orderBy(desc(tasks.completedAt), desc(tasks.createdAt))
    .limit(1);
  return row ?? null;
}
