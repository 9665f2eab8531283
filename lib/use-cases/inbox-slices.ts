import { eq, type SQL } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import type { GroupRef } from '../data/groups';
import {
  everyGroupSlices,
  isDueToday,
  isEscalated,
  isOverdue,
  visibilitySlices,
} from '../data/inbox';
import { inboxEndOfDay } from './inbox-day';
import type { UserActor } from '../domain/permissions';

/**
 * The slices (lib/data/inbox.ts visibilitySlices) a queue's tasks are read from; null: one
 * query, when the queue's own condition already keeps to what the actor may see (their tasks,
 * a group queue they were checked for) or nothing restricts it (admins).
 */
export async function slicesFor(
  queueGroups: () => Promise<GroupRef[]>,
  actor: UserActor,
  queue: string,
): Promise<SQL[] | null> {
  if (queue === 'mine' || queue.startsWith('group:')) return null;
  const slices = visibilitySlices(actor);
  // The escalated index leads with the group: an admin's Escalated is read group by group too.
  if (slices === null && queue === 'escalated')
    return everyGroupSlices((await queueGroups()).map((g) => g.id));
  return slices;
}

/** The condition of a queue's own (not the actor's visibility): none for `all`. */
export function queueWhere(
  actor: UserActor,
  queue: string,
  now: Date,
  tz: string,
): SQL | undefined {
  if (queue === 'mine') return eq(tasks.assigneeId, actor.id);
  if (queue === 'due_today') return isDueToday(now, inboxEndOfDay(now, tz));
  if (queue === 'overdue') return isOverdue(now);
  if (queue === 'escalated') return isEscalated;
  if (queue.startsWith('group:')) return eq(tasks.candidateGroupId, queue.slice(6));
  return undefined;
}
