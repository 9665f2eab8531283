import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  authorityLimits,
  authorityLimitVersions,
  groupMemberships,
  groups,
  tasks,
  thresholdSettings,
} from '../../db/schema';
import {
  AUTOMATIC_APPROVAL_SETTING,
  DEFAULT_AUTOMATIC_APPROVAL,
  DEFAULT_VARIANCE_SHARE,
  effectiveAuthority,
  fourEyesRefusal,
  PAYOUT_FIELD,
  toCents,
  VARIANCE_SHARE_SETTING,
  type AuthorityUsed,
  type GroupLimit,
  type LimitRef,
} from '../domain/payout-authority';

/** The current, active limit of every group that has one. */
export async function loadGroupLimits(db: DbOrTx): Promise<GroupLimit[]> {
  const rows = await db
    .select({
      limitId: authorityLimits.id,
      version: authorityLimitVersions.version,
      maxCents: authorityLimitVersions.maxAmountCents,
      groupId: groups.id,
      groupKey: groups.key,
      groupName: groups.name,
    })
    .from(authorityLimits)
    .innerJoin(
      authorityLimitVersions,
      and(
        eq(authorityLimitVersions.limitId, authorityLimits.id),
        eq(authorityLimitVersions.version, authorityLimits.currentVersion),
      ),
    )
    .innerJoin(groups, eq(groups.id, authorityLimits.groupId))
    .where(and(isNotNull(authorityLimits.groupId), eq(authorityLimitVersions.active, true)));
  return rows;
}

/** A person's own limit (an override of their groups'), when they have an active one. */
export async function loadPersonalLimit(db: DbOrTx, userId: string): Promise<LimitRef | null> {
  const [row] = await db
    .select({
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
    .where(and(eq(authorityLimits.userId, userId), eq(authorityLimitVersions.active, true)));
  return row ?? null;
}

/** Group ids the person is a member of, read from the database (not from a session). */
async function memberGroupIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ g: groupMemberships.groupId })
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, userId));
  return rows.map((r) => r.g);
}

/** What a person may approve now, and the limit that says so. */
export async function authorityOf(
  db: DbOrTx,
  userId: string,
  groupLimits?: readonly GroupLimit[],
): Promise<AuthorityUsed> {
  const [personal, member, all] = await Promise.all([
    loadPersonalLimit(db, userId),
    memberGroupIds(db, userId),
    groupLimits ? Promise.resolve(groupLimits) : loadGroupLimits(db),
  ]);
  return effectiveAuthority(
    personal,
    all.filter((g) => member.includes(g.groupId)),
  );
}

async function loadSetting(db: DbOrTx, key: string, fallback: number): Promise<number> {
  const [row] = await db
    .select({ value: thresholdSettings.value })
    .from(thresholdSettings)
    .where(eq(thresholdSettings.key, key));
  return row?.value ?? fallback;
}

export const loadVarianceShare = (db: DbOrTx) =>
  loadSetting(db, VARIANCE_SHARE_SETTING, DEFAULT_VARIANCE_SHARE);

/** The most a straight-through rule may pay with no person involved, in cents. */
export const loadAutomaticApprovalCents = async (db: DbOrTx) =>
  toCents(await loadSetting(db, AUTOMATIC_APPROVAL_SETTING, DEFAULT_AUTOMATIC_APPROVAL));

/** Tasks whose outcomes approve money: the decision steps four eyes counts. */
export const decidesPayout = sql`${tasks.outcomes} @> ${JSON.stringify([{ fields: [{ name: PAYOUT_FIELD }] }])}::jsonb`;

/**
 * People who completed a decision step (or an earlier approval) of the case: four eyes bars
 * them from its approval steps. `exceptTaskId` leaves out the task being decided.
 */
export async function earlierDeciders(
  db: DbOrTx,
  caseId: string,
  exceptTaskId?: string,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: tasks.completedById })
    .from(tasks)
    .where(
      and(
        eq(tasks.caseId, caseId),
        eq(tasks.status, 'completed'),
        isNotNull(tasks.completedById),
        decidesPayout,
        exceptTaskId ? sql`${tasks.id} <> ${exceptTaskId}` : undefined,
      ),
    );
  return rows.map((r) => r.id!).filter(Boolean);
}

/** For many cases at once (inbox, bulk reassignment): case id → people barred from its approvals. */
export async function earlierDecidersByCase(
  db: DbOrTx,
  caseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!caseIds.length) return out;
  const rows = await db
    .selectDistinct({ caseId: tasks.caseId, id: tasks.completedById })
    .from(tasks)
    .where(
      and(
        inArray(tasks.caseId, [...caseIds]),
        eq(tasks.status, 'completed'),
        isNotNull(tasks.completedById),
        decidesPayout,
      ),
    );
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.id!]);
  return out;
}

/** True when the task is an approval step (opened by the controls, carrying the request). */
export function isApprovalTask(task: { context: Record<string, unknown> }): boolean {
  return typeof task.context.approval === 'object' && task.context.approval !== null;
}

/**
 * Four eyes for one person and one task: the refusal reason when the task is an approval step
 * of a case on which the person completed an earlier decision, else null.
 */
export async function fourEyesBar(
  db: DbOrTx,
  task: { id: string; caseId: string; context: Record<string, unknown> },
  personId: string,
): Promise<string | null> {
  if (!isApprovalTask(task)) return null;
  return fourEyesRefusal({
    personId,
    isApprovalStep: true,
    earlierDeciderIds: await earlierDeciders(db, task.caseId, task.id),
  });
}
