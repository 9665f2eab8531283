import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import {
  auditEvents,
  businessCalendars,
  calendarHolidays,
  escalationDigests,
  groups,
  tasks,
  users,
} from '../../db/schema';
import type { EscalationDelivery } from '../../db/schema/enum-values';
import { makeCalendar, type BusinessCalendar } from '../domain/business-calendar';
import type { DigestContent } from '../domain/escalation-digest';
import { getRecipient, listActiveAdmins, type Recipient } from './recipients';

/**
 * Escalation digests (issue 18): the groups that want them, what a period's digest lists, and
 * the digest rows. Every list is capped (DIGEST_SECTION_CAP) with its total counted; the index
 * each statement reads is named beside it.
 */

export type DigestGroup = {
  id: string;
  name: string;
  supervisorId: string | null;
  intervalMinutes: number;
  workingHoursOnly: boolean;
};

/** Groups in digest mode (the groups table is small: a sequential read). */
export async function listDigestGroups(db: DbOrTx): Promise<DigestGroup[]> {
  return db
    .select({
      id: groups.id,
      name: groups.name,
      supervisorId: groups.supervisorId,
      intervalMinutes: groups.digestIntervalMinutes,
      workingHoursOnly: groups.digestWorkingHoursOnly,
    })
    .from(groups)
    .where(eq(groups.escalationDelivery, 'digest'))
    .orderBy(asc(groups.name), asc(groups.id));
}

export async function getGroupDeliverySettings(db: DbOrTx, groupId: string, forUpdate = false) {
  const q = db
    .select({
      id: groups.id,
      name: groups.name,
      supervisorId: groups.supervisorId,
      delivery: groups.escalationDelivery,
      intervalMinutes: groups.digestIntervalMinutes,
      workingHoursOnly: groups.digestWorkingHoursOnly,
    })
    .from(groups)
    .where(eq(groups.id, groupId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateGroupDeliverySettings(
  tx: DbOrTx,
  groupId: string,
  s: { delivery: EscalationDelivery; intervalMinutes: number; workingHoursOnly: boolean },
  now: Date,
) {
  await tx
    .update(groups)
    .set({
      escalationDelivery: s.delivery,
      digestIntervalMinutes: s.intervalMinutes,
      digestWorkingHoursOnly: s.workingHoursOnly,
      updatedAt: now,
    })
    .where(eq(groups.id, groupId));
}

/**
 * The working-hours calendar of digests: the one named "default", else the first made (the
 * deployment's business calendar; a group has no calendar of its own).
 */
export async function digestCalendar(db: DbOrTx): Promise<BusinessCalendar | null> {
  const [cal] = await db
    .select()
    .from(businessCalendars)
    .orderBy(sql`${businessCalendars.key} = 'default' desc`, asc(businessCalendars.createdAt))
    .limit(1);
  if (!cal) return null;
  const days = await db
    .select({ day: calendarHolidays.day })
    .from(calendarHolidays)
    .where(eq(calendarHolidays.calendarId, cal.id));
  return makeCalendar({
    timeZone: cal.timeZone,
    workingHours: cal.workingHours,
    holidays: days.map((d) => d.day),
  });
}

/**
 * Who receives a group's digests: its supervisor, or every active admin when the group has no
 * active supervisor (the last resort of escalations, as in escalationReach).
 */
export async function digestRecipients(
  db: DbOrTx,
  supervisorId: string | null,
): Promise<Recipient[]> {
  const supervisor = supervisorId ? await getRecipient(db, supervisorId) : null;
  return supervisor ? [supervisor] : listActiveAdmins(db);
}

/**
 * Who hears of this group's escalations in its digest rather than one by one: its digest
 * recipients when the group is in digest mode, else nobody (groups by primary key).
 */
export async function heldForDigest(db: DbOrTx, groupId: string): Promise<Recipient[]> {
  // FOR SHARE: a switch of the group's delivery (save-digest-settings.ts locks the row FOR
  // UPDATE) waits for this sweep batch to commit, so its last digest lists the batch's
  // escalations; a switch that committed first is read here as it now stands.
  const [g] = await db
    .select({ delivery: groups.escalationDelivery, supervisorId: groups.supervisorId })
    .from(groups)
    .where(eq(groups.id, groupId))
    .for('share');
  return g?.delivery === 'digest' ? digestRecipients(db, g.supervisorId) : [];
}

/**
 * The latest escalation among the group's open escalated tasks (tasks_escalated_page_idx), or
 * null. A sweep stamps escalated_at with its own start time, which can be earlier or later
 * than a concurrent request's clock.
 */
export async function latestOpenEscalation(db: DbOrTx, groupId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`max(${tasks.escalatedAt})`.mapWith(tasks.escalatedAt) })
    .from(tasks)
    .where(
      and(
        eq(tasks.candidateGroupId, groupId),
        inArray(tasks.status, ['ready', 'claimed']),
        sql`${tasks.escalationLevel} > 0`,
      ),
    );
  return row?.at ?? null;
}

/**
 * When the group last switched to digests: its latest group.escalation_delivery_changed event
 * from another delivery to 'digest' (audit_events_entity_idx, newest first; a group has few such
 * events). Null when it never switched (a group made in digest mode, e.g. by the seed).
 */
export async function lastSwitchToDigest(db: DbOrTx, groupId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: auditEvents.occurredAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'group'),
        eq(auditEvents.entityId, groupId),
        eq(auditEvents.action, 'group.escalation_delivery_changed'),
        sql`${auditEvents.after}->>'delivery' = 'digest'`,
        sql`coalesce(${auditEvents.before}->>'delivery', '') <> 'digest'`,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row?.at ?? null;
}

/** The end of the last digest sent to this supervisor for this group (escalation_digests_period_uq). */
export async function lastDigestEnd(
  db: DbOrTx,
  groupId: string,
  supervisorId: string,
): Promise<Date | null> {
  const [row] = await db
    .select({ periodEnd: escalationDigests.periodEnd })
    .from(escalationDigests)
    .where(
      and(eq(escalationDigests.groupId, groupId), eq(escalationDigests.supervisorId, supervisorId)),
    )
    .orderBy(desc(escalationDigests.periodEnd))
    .limit(1);
  return row?.periodEnd ?? null;
}

export async function digestExists(
  db: DbOrTx,
  groupId: string,
  supervisorId: string,
  periodEnd: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ id: escalationDigests.id })
    .from(escalationDigests)
    .where(
      and(
        eq(escalationDigests.groupId, groupId),
        eq(escalationDigests.supervisorId, supervisorId),
        eq(escalationDigests.periodEnd, periodEnd),
      ),
    );
  return Boolean(row);
}

/**
 * Inserts the digest unless this (group, supervisor, period end) already has one: the unique key
 * makes a second scheduler copy wait for the first and then insert nothing. Returns the new id.
 */
export async function insertDigest(
  tx: DbOrTx,
  d: {
    groupId: string;
    supervisorId: string;
    periodStart: Date;
    periodEnd: Date;
    content: DigestContent;
  },
  now: Date,
): Promise<string | null> {
  const [row] = await tx
    .insert(escalationDigests)
    .values({
      groupId: d.groupId,
      supervisorId: d.supervisorId,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      escalationCount: d.content.escalations.total,
      content: d.content,
      createdAt: now,
    })
    .onConflictDoNothing({
      target: [
        escalationDigests.groupId,
        escalationDigests.supervisorId,
        escalationDigests.periodEnd,
      ],
    })
    .returning({ id: escalationDigests.id });
  return row?.id ?? null;
}

export async function getDigest(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: escalationDigests.id,
      groupId: escalationDigests.groupId,
      groupName: groups.name,
      supervisorId: escalationDigests.supervisorId,
      supervisorName: users.name,
      periodStart: escalationDigests.periodStart,
      periodEnd: escalationDigests.periodEnd,
      escalationCount: escalationDigests.escalationCount,
      content: escalationDigests.content,
      createdAt: escalationDigests.createdAt,
    })
    .from(escalationDigests)
    .innerJoin(groups, eq(groups.id, escalationDigests.groupId))
    .innerJoin(users, eq(users.id, escalationDigests.supervisorId))
    .where(eq(escalationDigests.id, id));
  return row ? { ...row, content: row.content as unknown as DigestContent } : null;
}

/** The escalation state of these tasks now (primary key reads), for the digest page's buttons. */
export async function escalationStates(db: DbOrTx, taskIds: readonly string[]) {
  if (!taskIds.length) return [];
  return queryRows<{
    id: string;
    status: string;
    candidate_group_id: string | null;
    escalation_acknowledged_at: string | Date | null;
    ladder_started_at: string | Date | null;
    escalation_snoozed_until: string | Date | null;
  }>(
    db,
    sql`select id, status, candidate_group_id, escalation_acknowledged_at, ladder_started_at, escalation_snoozed_until
      from tasks where id = any(${`{${taskIds.join(',')}}`}::uuid[])`,
  );
}

/** Locks these tasks in id order (primary key), so overlapping lockers cannot deadlock. */
export async function lockTasksByIds(tx: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return tx
    .select()
    .from(tasks)
    .where(inArray(tasks.id, [...ids]))
    .orderBy(asc(tasks.id))
    .for('update');
}
