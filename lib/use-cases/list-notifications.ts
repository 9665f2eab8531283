import { and, desc, eq, isNull, sql } from 'drizzle-orm';
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
