import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { NotificationKind } from '../../db/schema/enum-values';
import { emailOutbox, groupMemberships, groups, notifications, users } from '../../db/schema';

export type Recipient = { id: string; email: string; name: string; timeZone?: string };

export async function activeGroupMembers(db: DbOrTx, groupId: string): Promise<Recipient[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, timeZone: users.timeZone })
    .from(groupMemberships)
    .innerJoin(users, eq(users.id, groupMemberships.userId))
    .where(and(eq(groupMemberships.groupId, groupId), eq(users.active, true)));
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

/** "Thu 26 Nov, 16:00 EST" in the recipient's zone, for notification texts. */
export function formatForRecipient(d: Date, r: Recipient): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: r.timeZone ?? 'UTC',
    timeZoneName: 'short',
  }).format(d);
}

type NotificationInput = Parameters<typeof notifyOnce>[1];

/** notifyOnce for a batch: two statements, the unique keys still letting each through exactly once. */
export async function notifyMany(
  db: DbOrTx,
  items: NotificationInput[],
  now: Date,
): Promise<number> {
  if (!items.length) return 0;
  const made = await db
    .insert(notifications)
    .values(
      items.map((n) => ({
        userId: n.recipient.id,
        kind: n.kind,
        caseId: n.caseId,
        taskId: n.taskId,
        title: n.title,
        body: n.body,
        link: n.link,
        dedupeKey: n.dedupeKey,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id, dedupeKey: notifications.dedupeKey });
  const byKey = new Map(items.map((n) => [n.dedupeKey, n]));
  if (made.length) {
    await db
      .insert(emailOutbox)
      .values(
        made.map((m) => {
          const n = byKey.get(m.dedupeKey)!;
          return {
            notificationId: m.id,
            toAddress: n.recipient.email,
            subject: n.title,
            // The link is added when the e-mail is sent (deliverEmails), absolute from the
            // public URL configured then; the notification row keeps the in-app path.
            body: n.body,
            dedupeKey: `email:${n.dedupeKey}`,
            nextAttemptAt: now,
            createdAt: now,
          };
        }),
      )
      .onConflictDoNothing({ target: emailOutbox.dedupeKey });
  }
  return made.length;
}
