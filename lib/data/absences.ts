import { aliasedTable, and, asc, desc, eq, inArray, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { absences, groupMemberships, groups, tasks, users } from '../../db/schema';

export type AbsenceRow = typeof absences.$inferSelect;

const delegate = aliasedTable(users, 'delegate');

/** A person's absences, latest start first, with the delegate's name (bounded: a page of them). */
export async function listAbsencesOf(db: DbOrTx, userId: string, limit = 50) {
  return db
    .select({
      id: absences.id,
      userId: absences.userId,
      startsAt: absences.startsAt,
      endsAt: absences.endsAt,
      delegateId: absences.delegateId,
      delegateName: delegate.name,
      handOver: absences.handOver,
      note: absences.note,
      status: absences.status,
      startedAt: absences.startedAt,
      endedAt: absences.endedAt,
      handedOver: absences.handedOver,
      createdAt: absences.createdAt,
    })
    .from(absences)
    .leftJoin(delegate, eq(delegate.id, absences.delegateId))
    .where(eq(absences.userId, userId))
    .orderBy(desc(absences.startsAt))
    .limit(limit);
}

export async function getAbsence(db: DbOrTx, id: string): Promise<AbsenceRow | null> {
  const [row] = await db.select().from(absences).where(eq(absences.id, id));
  return row ?? null;
}

export async function getAbsenceForUpdate(tx: DbOrTx, id: string): Promise<AbsenceRow | null> {
  const [row] = await tx.select().from(absences).where(eq(absences.id, id)).for('update');
  return row ?? null;
}

/** The person's planned or running absences that share a moment with the period. */
export async function overlappingAbsences(
  db: DbOrTx,
  userId: string,
  period: { startsAt: Date; endsAt: Date },
) {
  return db
    .select({ id: absences.id, startsAt: absences.startsAt, endsAt: absences.endsAt })
    .from(absences)
    .where(
      and(
        eq(absences.userId, userId),
        inArray(absences.status, ['scheduled', 'active']),
        sql`${absences.startsAt} < ${period.endsAt.toISOString()}::timestamptz`,
        sql`${absences.endsAt} > ${period.startsAt.toISOString()}::timestamptz`,
      ),
    )
    .limit(1);
}

/** Another running absence of the person (back-to-back absences hand the flags on). */
export async function otherActiveAbsence(db: DbOrTx, userId: string, exceptId: string) {
  const [row] = await db
    .select()
    .from(absences)
    .where(
      and(eq(absences.userId, userId), eq(absences.status, 'active'), ne(absences.id, exceptId)),
    )
    .orderBy(desc(absences.startsAt))
    .limit(1);
  return row ?? null;
}

/**
 * The next absence due to end (`active`, ends_at passed) or to start (`scheduled`, starts_at
 * passed), locked with SKIP LOCKED so parallel schedulers take different ones; the partial
 * indexes absences_due_end_idx / absences_due_start_idx find it without a scan.
 */
export async function claimDueAbsence(
  tx: DbOrTx,
  kind: 'end' | 'start',
  now: Date,
  skipped: string[],
): Promise<AbsenceRow | undefined> {
  const [row] = await tx
    .select()
    .from(absences)
    .where(
      and(
        eq(absences.status, kind === 'end' ? 'active' : 'scheduled'),
        lte(kind === 'end' ? absences.endsAt : absences.startsAt, now),
        skipped.length ? notInArray(absences.id, skipped) : undefined,
      ),
    )
    .orderBy(asc(kind === 'end' ? absences.endsAt : absences.startsAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

/** Group ids a person is a member of. */
export async function groupIdsOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ groupId: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, userId));
  return rows.map((r) => r.groupId);
}

/** The person if active and a member of one of `groupIds` (any group when null). */
export async function activeMemberOfAny(db: DbOrTx, userId: string, groupIds: string[] | null) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(groupMemberships, eq(groupMemberships.userId, users.id))
    .where(
      and(
        eq(users.id, userId),
        eq(users.active, true),
        groupIds ? inArray(groupMemberships.groupId, groupIds.concat([NIL_UUID])) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The person's claimed tasks, locked in id order (two hand-overs lock rows the same way) —
 * only those of `groupIds` when given (a supervisor's hand-over). Bounded: a hand-over larger
 * than `limit` is skipped rather than half done.
 */
export async function claimedTasksOfForUpdate(
  tx: DbOrTx,
  userId: string,
  limit: number,
  groupIds: string[] | null = null,
) {
  if (groupIds && !groupIds.length) return [];
  return tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.assigneeId, userId),
        eq(tasks.status, 'claimed'),
        groupIds ? inArray(tasks.candidateGroupId, groupIds) : undefined,
      ),
    )
    .orderBy(asc(tasks.id))
    .limit(limit)
    .for('update');
}

/** How many tasks the person holds (claimed), for the hand-over's "left with them" figure. */
export async function countClaimedTasksOf(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.assigneeId, userId), eq(tasks.status, 'claimed')));
  return Number(row?.n ?? 0);
}

/** The planner as they are now: role, active, and the groups they supervise. */
export async function plannerNow(db: DbOrTx, userId: string) {
  const [u] = await db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!u) return null;
  const supervised =
    u.role === 'supervisor'
      ? await db.select({ id: groups.id }).from(groups).where(eq(groups.supervisorId, userId))
      : [];
  return { ...u, supervisedGroupIds: supervised.map((g) => g.id) };
}

/** Whether the user is a member (active or not) of any of `groupIds`. */
export async function memberOfAny(db: DbOrTx, userId: string, groupIds: string[]) {
  if (!groupIds.length) return false;
  const [row] = await db
    .select({ g: groupMemberships.groupId })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.userId, userId), inArray(groupMemberships.groupId, groupIds)))
    .limit(1);
  return Boolean(row);
}

/** Active people in any of `groupIds` but `exceptId`, by name: who may stand in (bounded). */
export async function colleaguesIn(db: DbOrTx, groupIds: string[], exceptId: string, limit = 200) {
  if (!groupIds.length) return [];
  return db
    .selectDistinct({ id: users.id, name: users.name, outOfOffice: users.outOfOffice })
    .from(users)
    .innerJoin(groupMemberships, eq(groupMemberships.userId, users.id))
    .where(
      and(
        inArray(groupMemberships.groupId, groupIds),
        eq(users.active, true),
        ne(users.id, exceptId),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit);
}
