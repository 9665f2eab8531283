import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import { alias, type SelectedFields } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { cases, tasks, users } from '../../db/schema';
import type { Recipient } from '../data/recipients';
import { isOpenTask } from '../data/tasks';

const holder = alias(users, 'holder');

/** The due-time columns a sweep claims by, each with a partial index over its due set. */
type DueColumn = typeof tasks.nextEscalationAt | typeof tasks.remindAt;

/**
 * Claims up to `limit` open tasks whose `due` time has fallen due, oldest first, with `fields`
 * and what every sweep's texts need (the case reference, the holder as a recipient): an index
 * range over the due set (tasks_escalation_due_idx, tasks_remind_due_idx), whatever the table
 * size. Only the task rows are locked, SKIP LOCKED, so parallel sweepers take disjoint rows.
 */
export function claimDue<F extends SelectedFields>(
  tx: DbOrTx,
  fields: F,
  due: DueColumn,
  now: Date,
  limit: number,
) {
  return tx
    .select({
      ...fields,
      reference: cases.reference,
      holder: {
        id: holder.id,
        email: holder.email,
        name: holder.name,
        timeZone: holder.timeZone,
        active: holder.active,
      },
    })
    .from(tasks)
    .leftJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(holder, eq(holder.id, tasks.assigneeId))
    .where(and(isOpenTask, isNotNull(due), lte(due, now)))
    .orderBy(asc(due))
    .limit(limit)
    .for('update', { of: tasks, skipLocked: true });
}

/** A person as a notification recipient (without the fields a claim reads besides). */
export const recipientOf = (p: Recipient): Recipient => ({
  id: p.id,
  email: p.email,
  name: p.name,
  timeZone: p.timeZone,
});
