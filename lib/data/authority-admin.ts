/**
 * Queries of the threshold admin: limits with their versions, the subject rows saves lock, the
 * threshold settings (variance share, automatic approval limit), and the open tasks a change
 * of a limit would flip.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import {
  auditEvents,
  cases,
  authorityLimits,
  authorityLimitVersions,
  groupMemberships,
  groups,
  tasks,
  thresholdSettings,
  users,
} from '../../db/schema';
import { PAYOUT_FIELD } from '../domain/payout-authority';

/** Whose limit: a group's, or one person's override. */
export type LimitKey = { kind: 'group' | 'person'; id: string };

const ofSubject = (k: LimitKey) =>
  k.kind === 'group' ? eq(authorityLimits.groupId, k.id) : eq(authorityLimits.userId, k.id);

/**
 * The group or person, or null. The row is locked FOR NO KEY UPDATE (rows referencing it may
 * still be written) until the transaction ends, so saves of one subject's limit queue and two
 * first saves never both create its limit; outside a transaction the lock ends at once.
 */
export async function getLimitSubject(db: DbOrTx, k: LimitKey) {
  const [row] =
    k.kind === 'group'
      ? await db
          .select({ id: groups.id, name: groups.name, active: sql<boolean>`true` })
          .from(groups)
          .where(eq(groups.id, k.id))
          .for('no key update')
      : await db
          .select({ id: users.id, name: users.name, active: users.active })
          .from(users)
          .where(eq(users.id, k.id))
          .for('no key update');
  return row ?? null;
}

/** The subject's limit row and its current version, or null when it never had one. */
export async function getCurrentLimit(db: DbOrTx, k: LimitKey) {
  const [row] = await db
    .select({ limit: authorityLimits, current: authorityLimitVersions })
    .from(authorityLimits)
    .innerJoin(
      authorityLimitVersions,
      and(
        eq(authorityLimitVersions.limitId, authorityLimits.id),
        eq(authorityLimitVersions.version, authorityLimits.currentVersion),
      ),
    )
    .where(ofSubject(k));
  return row ?? null;
}

/** Creates the subject's limit row (version 0 until its first version is inserted). */
export async function insertLimit(tx: DbOrTx, k: LimitKey, now: Date): Promise<string> {
  const [row] = await tx
    .insert(authorityLimits)
    .values({
      groupId: k.kind === 'group' ? k.id : null,
      userId: k.kind === 'person' ? k.id : null,
      currentVersion: 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: authorityLimits.id });
  return row!.id;
}

/** Appends a version and makes it current. */
export async function appendLimitVersion(
  tx: DbOrTx,
  v: Omit<typeof authorityLimitVersions.$inferInsert, 'id'> & { createdAt: Date },
): Promise<void> {
  await tx.insert(authorityLimitVersions).values(v);
  await tx
    .update(authorityLimits)
    .set({ currentVersion: v.version, updatedAt: v.createdAt })
    .where(eq(authorityLimits.id, v.limitId));
}

const creator = alias(users, 'creator');

/** Every limit (groups' and people's) with its subject and every version, newest first. */
export async function listLimitsWithVersions(db: DbOrTx) {
  const limits = await db
    .select({
      id: authorityLimits.id,
      currentVersion: authorityLimits.currentVersion,
      group: { id: groups.id, key: groups.key, name: groups.name },
      person: { id: users.id, name: users.name, email: users.email },
    })
    .from(authorityLimits)
    .leftJoin(groups, eq(groups.id, authorityLimits.groupId))
    .leftJoin(users, eq(users.id, authorityLimits.userId));
  const versions = await db
    .select({ v: authorityLimitVersions, byName: creator.name, byEmail: creator.email })
    .from(authorityLimitVersions)
    .leftJoin(creator, eq(creator.id, authorityLimitVersions.createdById))
    .orderBy(desc(authorityLimitVersions.version));
  return limits.map((l) => ({ ...l, versions: versions.filter((x) => x.v.limitId === l.id) }));
}

/** Active people, by name, with their groups: who may get a personal limit. */
export async function listPeopleWithGroups(db: DbOrTx) {
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
  const groupsOf = await groupIdsByMember(
    db,
    people.map((p) => p.id),
  );
  return people.map((p) => ({ ...p, groupIds: groupsOf.get(p.id) ?? [] }));
}

/** Group ids of each of these people. */
export async function groupIdsByMember(
  db: DbOrTx,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  const rows = await db
    .select({ userId: groupMemberships.userId, groupId: groupMemberships.groupId })
    .from(groupMemberships)
    .where(inArray(groupMemberships.userId, [...userIds]));
  for (const r of rows) out.get(r.userId)!.push(r.groupId);
  return out;
}

export async function memberIdsOf(db: DbOrTx, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ id: groupMemberships.userId })
    .from(groupMemberships)
    .where(eq(groupMemberships.groupId, groupId));
  return rows.map((r) => r.id);
}

/** People's active personal limits (cents; null = without limit). */
export async function personalLimitsOf(
  db: DbOrTx,
  userIds: readonly string[],
): Promise<Map<string, { limitId: string; version: number; maxCents: number | null }>> {
  const out = new Map<string, { limitId: string; version: number; maxCents: number | null }>();
  if (!userIds.length) return out;
  const rows = await db
    .select({
      userId: authorityLimits.userId,
      limitId: authorityLimits.id,
      version: authorityLimitVersions.version,
      maxCents: authorityLimitVersions.maxAmountCents,
    })
    .from(authorityLimits)
    .innerJoin(
      authorityLimitVersions,
      and(
        eq(authorityLimitVersions.limitId, authorityLimits.id),
        eq(authorityLimitVersions.version, authorityLimits.currentVersion),
      ),
    )
    .where(
      and(inArray(authorityLimits.userId, [...userIds]), eq(authorityLimitVersions.active, true)),
    );
  for (const r of rows) out.set(r.userId!, r);
  return out;
}

/** A threshold setting's row, or null; `lock` holds it FOR UPDATE until the transaction ends. */
export async function getSetting(db: DbOrTx, key: string, lock = false) {
  const q = db.select().from(thresholdSettings).where(eq(thresholdSettings.key, key));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/**
 * The setting's row, locked until the transaction ends. The migration inserts each setting; a
 * database without it starts from `fallback` as version 0.
 */
export async function lockSetting(tx: DbOrTx, key: string, fallback: number, now: Date) {
  await tx
    .insert(thresholdSettings)
    .values({ key, value: fallback, version: 0, updatedAt: now })
    .onConflictDoNothing();
  return (await getSetting(tx, key, true))!;
}

export async function updateSetting(
  tx: DbOrTx,
  key: string,
  v: { value: number; version: number; updatedById: string; updatedAt: Date },
) {
  await tx.update(thresholdSettings).set(v).where(eq(thresholdSettings.key, key));
}

/** The last `limit` saved changes of a setting, newest first (refusals on it left out). */
export async function settingChanges(db: DbOrTx, key: string, limit = 20) {
  return db
    .select({
      occurredAt: auditEvents.occurredAt,
      actorLabel: auditEvents.actorLabel,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'threshold_setting'),
        eq(auditEvents.entityId, key),
        eq(auditEvents.action, 'threshold_setting.saved'),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

/**
 * Open tasks whose payout decision a change of authority moves: those assigned to one of
 * `assigneeIds`, or waiting unassigned in the queue of one of `queueGroupIds`, whose case
 * amount lies in (lowCents, highCents] — highCents null: no upper end.
 */
export type FlipClass = {
  lowCents: number;
  highCents: number | null;
  assigneeIds: readonly string[];
  queueGroupIds: readonly string[];
};

/** Only tasks whose decision approves money can flip. */
const DECIDES_PAYOUT = sql`${tasks.outcomes} @> ${JSON.stringify([{ fields: [{ name: PAYOUT_FIELD }] }])}::jsonb`;
// Written out (not bound) so they match the partial indexes' predicates in any plan.
const OPEN = sql`${tasks.status} in ('ready', 'claimed')`;
const READY = sql`${tasks.status} = 'ready'`;

const classMatch = (c: FlipClass) =>
  and(
    gt(cases.amountCents, c.lowCents),
    c.highCents === null ? undefined : lte(cases.amountCents, c.highCents),
    or(
      c.assigneeIds.length ? and(inArray(tasks.assigneeId, [...c.assigneeIds]), OPEN) : undefined,
      c.queueGroupIds.length
        ? and(
            isNull(tasks.assigneeId),
            inArray(tasks.candidateGroupId, [...c.queueGroupIds]),
            READY,
          )
        : undefined,
    ),
  );

/**
 * Up to `cap + 1` of those tasks (more than `cap` means "more than cap"), in no particular
 * order. One statement, planned with the actual ids and bounds (force_custom_plan), so
 * PostgreSQL picks by the numbers: a narrow amount range is read from the cases first (one
 * scan of cases, then tasks by case), a person's or a queue's small backlog from the open-task
 * partial indexes, and a wide range stops at the LIMIT — at 1,000,000 open tasks each stays
 * within a scan of the cases table, never a walk of the whole backlog through the index.
 */
export async function findFlippingTasks(db: DbOrTx, classes: readonly FlipClass[], cap = 1000) {
  const wanted = classes.filter((c) => c.assigneeIds.length || c.queueGroupIds.length);
  if (!wanted.length) return [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return tx
      .select({
        taskId: tasks.id,
        caseId: cases.id,
        reference: cases.reference,
        taskName: tasks.name,
        amountCents: cases.amountCents,
        dueAt: tasks.dueAt,
        assigneeId: tasks.assigneeId,
        assigneeName: users.name,
        groupId: tasks.candidateGroupId,
        groupName: groups.name,
      })
      .from(tasks)
      .innerJoin(cases, eq(cases.id, tasks.caseId))
      .leftJoin(users, eq(users.id, tasks.assigneeId))
      .leftJoin(groups, eq(groups.id, tasks.candidateGroupId))
      .where(and(DECIDES_PAYOUT, or(...wanted.map(classMatch))))
      .limit(cap + 1);
  });
}

export type FlippingTask = Awaited<ReturnType<typeof findFlippingTasks>>[number];
