import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { cases, tasks } from '../../db/schema';
import { searchFold } from '../../db/schema/search-text';
import { searchWords } from '../domain/inbox-search';
import { visibleGroupIds, type UserActor } from '../domain/permissions';

/** The tasks the actor may see: their own and their groups' (admins: every task). */
export function taskVisibility(actor: UserActor): SQL | undefined {
  const ids = visibleGroupIds(actor);
  if (ids === null) return undefined;
  return ids.length
    ? or(eq(tasks.assigneeId, actor.id), inArray(tasks.candidateGroupId, ids))
    : eq(tasks.assigneeId, actor.id);
}

/** Due time for comparisons and sorting: a task without a deadline sorts last. */
export const dueKey = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;

/** Tasks due at or before `at` (never those without a deadline). */
export function dueBy(at: Date): SQL {
  return sql`${dueKey} <= ${at.toISOString()}::timestamptz`;
}

/*
 * Urgency in SQL, the same definition as lib/domain/sla.ts dueState: overdue from the due
 * time; due soon from the task's due-soon point until due; on time before (or no deadline).
 */

/** Overdue at `now`. */
export function isOverdue(now: Date): SQL {
  return dueBy(now);
}

/** Due soon at `now`: the due-soon point has passed (tasks_open_due_soon_idx), due has not. */
export function isDueSoon(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`(${tasks.dueSoonAt} <= ${at} and ${tasks.dueAt} > ${at})`;
}

/** On time at `now`: no deadline, or neither due nor due soon yet. */
export function isOnTime(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`(${tasks.dueAt} is null or (${tasks.dueAt} > ${at} and (${tasks.dueSoonAt} is null or ${tasks.dueSoonAt} > ${at})))`;
}

/** Due later today but not yet overdue: overdue work is in "Overdue", not "Due today". */
export function isDueToday(now: Date, endOfDay: Date): SQL {
  return sql`(${dueKey} > ${now.toISOString()}::timestamptz and ${dueKey} <= ${endOfDay.toISOString()}::timestamptz)`;
}

/**
 * Cases matching an inbox search: every word starts a word of the reference, the claimant's name
 * or the policy number, ignoring case and accents (cases.search_text, a trigram index). A search
 * of punctuation only matches nothing.
 */
export function matchesSearch(q: string): SQL {
  const words = searchWords(q);
  if (!words.length) return sql`false`;
  return and(
    ...words.map((w) => {
      const literal = w.replace(/[\\%_]/g, '\\$&');
      return sql`${cases.searchText} like ('% ' || ${searchFold(sql`${literal}::text`)} || '%')`;
    }),
  )!;
}
