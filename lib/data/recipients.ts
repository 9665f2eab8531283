import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import type { NotificationKind } from '../../db/schema/enum-values';
import { groupMemberships, groups, users } from '../../db/schema';

export type Recipient = { id: string; email: string; name: string; timeZone?: string };

export async function activeGroupMembers(db: DbOrTx, groupId: string): Promise<Recipient[]> {
  return (await activeMembersByGroup(db, [groupId])).get(groupId) ?? [];
}

/** The active members of each of these groups (by name), in one query for a scheduler batch. */
export async function activeMembersByGroup(
  db: DbOrTx,
  groupIds: readonly string[],
): Promise<Map<string, Recipient[]>> {
  const out = new Map<string, Recipient[]>(groupIds.map((g) => [g, []]));
  if (!groupIds.length) return out;
  const rows = await db
    .select({
      groupId: groupMemberships.groupId,
      id: users.id,
      email: users.email,
      name: users.name,
      timeZone: users.timeZone,
    })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(and(inArray(groupMemberships.groupId, [...new Set(groupIds)]), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
  for (const { groupId, ...r } of rows) out.get(groupId)!.push(r);
  return out;
}

export async function groupSupervisor(
  db: DbOrTx,
  groupId: string | null,
): Promise<(Recipient & { groupName: string }) | null> {
  if (!groupId) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      timeZone: users.timeZone,
      groupName: groups.name,
      active: users.active,
    })
    .from(groups)
    .innerJoin(users, eq(users.id, groups.supervisorId))
    .where(eq(groups.id, groupId));
  return row && row.active ? row : null;
}

/** Every active admin, by name: the last resort of an escalation no one else can act on. */
export async function listActiveAdmins(db: DbOrTx): Promise<Recipient[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
}

export async function getRecipient(db: DbOrTx, userId: string): Promise<Recipient | null> {
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      timeZone: users.timeZone,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, userId));
  return u && u.active ? u : null;
}

/**
 * One in-app notification and its e-mail, both keyed by `dedupeKey`: however many scheduler
 * copies try, the unique index lets exactly one insert through. Returns whether this call made it.
 */
export async function notifyOnce(
  db: DbOrTx,
  n: {
    recipient: Recipient;
    kind: NotificationKind;
    caseId: string | null;
    taskId: string | null;
    title: string;
    body: string;
    link: string | null;
    dedupeKey: string;
  },
  now: Date,
): Promise<boolean> {
  return (await notifyMany(db, [n], now)) > 0;
}

// Building a formatter costs far more than using one (a reminder batch formats one per recipient).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Thu 26 Nov, 16:00 EST" in the recipient's zone, for notification texts. */
export function formatForRecipient(d: Date, r: Recipient): string {
  const zone = r.timeZone ?? 'UTC';
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    });
    formatters.set(zone, f);
  }
  return f.format(d);
}

export type NotificationInput = Parameters<typeof notifyOnce>[1];

/** notifyOnce for a batch; returns how many it made. */
export async function notifyMany(
  db: DbOrTx,
  items: NotificationInput[],
  now: Date,
): Promise<number> {
  return (await notifyAll(db, items, now)).size;
}

/**
 * notifyOnce for a batch in one statement, whatever its size: the notifications and the e-mails
 * of those it made. The unique keys still let each through exactly once, also when two
 * scheduler copies race. Returns the de-duplication keys this call made. The rows travel as one
 * JSON parameter, so building the statement costs the same for 1 or 1,000 items.
 */
export async function notifyAll(
  db: DbOrTx,
  items: NotificationInput[],
  now: Date,
): Promise<Set<string>> {
  if (!items.length) return new Set();
  const payload = JSON.stringify(
    items.map((n) => ({
      user_id: n.recipient.id,
      kind: n.kind,
      case_id: n.caseId,
      task_id: n.taskId,
      title: n.title,
      body: n.body,
      link: n.link,
      dedupe_key: n.dedupeKey,
      to_address: n.recipient.email,
    })),
  );
  const at = now.toISOString();
  // The link is added when the e-mail is sent (deliverEmails), absolute from the public URL
  // configured then; the notification row keeps the in-app path.
  const made = await queryRows<{ dedupe_key: string }>(
    db,
    sql`with p as (
      select * from jsonb_to_recordset(${payload}::jsonb) as x(user_id uuid, kind notification_kind, case_id uuid, task_id uuid, title text, body text, link text, dedupe_key text, to_address text)
    ), n as (
      insert into notifications (user_id, kind, case_id, task_id, title, body, link, dedupe_key, created_at)
      select user_id, kind, case_id, task_id, title, body, link, dedupe_key, ${at}::timestamptz from p
      on conflict (dedupe_key) do nothing
      returning id, dedupe_key
    ), e as (
      insert into email_outbox (notification_id, to_address, subject, body, dedupe_key, next_attempt_at, created_at)
      select n.id, p.to_address, p.title, p.body, 'email:' || p.dedupe_key, ${at}::timestamptz, ${at}::timestamptz
      from n join p on p.dedupe_key = n.dedupe_key
      on conflict (dedupe_key) do nothing
    )
    select dedupe_key from n`,
  );
  return new Set(made.map((m) => m.dedupe_key));
}

export type NotificationDelivery = 'immediate' | 'digest';
