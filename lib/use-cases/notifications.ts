import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import type { UserActor } from '../domain/permissions';

/** The notification centre: one's own notifications only, newest first, with the unread count. */
export async function listNotifications(db: DbOrTx, actor: UserActor, limit = 30) {
  const [rows, [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, actor.id))
      .orderBy(desc(notifications.createdAt))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt))),
  ]);
  return { notifications: rows, unread: unread?.n ?? 0 };
}

export async function markNotificationsRead(
  db: DbOrTx,
  actor: UserActor,
  ids: string[] | 'all',
  now = new Date(),
) {
  const mine = eq(notifications.userId, actor.id);
  const where =
    ids === 'all'
      ? and(mine, isNull(notifications.readAt))
      : and(
          mine,
          inArray(notifications.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']),
          isNull(notifications.readAt),
        );
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(where)
    .returning({ id: notifications.id });
  return { marked: updated.length };
}
