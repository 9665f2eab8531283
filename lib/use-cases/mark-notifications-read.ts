import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import type { UserActor } from '../domain/permissions';

/** Marks one's own notifications read (all, or those named); others' are never touched. */
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
