import { and, eq, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { cases, tasks } from '../../db/schema';
import { TASK_STATUSES, type TaskStatus } from '../../db/schema/enum-values';
import { searchFold } from '../../db/schema/search-text';
import {
  caseFieldFilterSpecs,
  mergeCaseFieldFilterSpecs,
  type CaseFieldCondition,
  type CaseFieldFilterSpec,
} from '../domain/case-field-filters';
import { searchWords } from '../domain/inbox-search';
import { listActiveCaseTypes } from './definitions';
import { visibleGroupIds, type UserActor } from '../domain/permissions';

/**
 * The tasks the actor may see (their own and their groups') as disjoint slices, each one index
 * range: every visible group's tasks, then the actor's own tasks outside those groups. Read
 * slice by slice (a union), the queues cost what their pages cost; as one OR of assignee and
 * groups no index answers them and PostgreSQL reads the whole table. null: no restriction
 * (admins).
 */
export function visibilitySlices(actor: UserActor): SQL[] | null {
  const ids = visibleGroupIds(actor);
  if (ids === null) return null;
  const own = eq(tasks.assigneeId, actor.id);
  if (!ids.length) return [own];
  return [
    ...ids.map((id) => eq(tasks.candidateGroupId, id)),
    and(own, or(isNull(tasks.candidateGroupId), notInArray(tasks.candidateGroupId, ids)))!,
  ];
}

/** Every task, as slices by group (and those without one): for queues whose index leads with the group. */
export function everyGroupSlices(groupIds: readonly string[]): SQL[] {
  return [...groupIds.map((id) => eq(tasks.candidateGroupId, id)), isNull(tasks.candidateGroupId)];
}

/*
 * Conditions the partial indexes are declared with, written as literals rather than bound
 * parameters: a prepared statement's generic plan (planned once, reused) can only use a partial
 * index when it sees the index's predicate in the query text itself.
 */

/** Open tasks (ready or claimed): the predicate of every inbox index. */
export const isOpen = sql`${tasks.status} in ('ready', 'claimed')`;

/** Tasks in `status` (checked against the enum before it reaches SQL). */
export function hasStatus(status: TaskStatus): SQL {
  if (!(TASK_STATUSES as readonly string[]).includes(status))
    throw new Error(`unknown task status ${status}`);
  return sql`${tasks.status} = ${sql.raw(`'${status}'`)}`;
}

/** Escalated at least once (tasks_escalated_page_idx). */
export const isEscalated = sql`${tasks.escalationLevel} > 0`;

/**
 * Keeps a statement out of parallel plans: current_schema() is marked parallel unsafe, and is
 * evaluated once per statement. Under concurrent load a parallel plan for a short limited walk
 * (a search's count) spent ~280 ms starting workers where the plain walk takes a few.
 */
export const serialPlan = sql`current_schema() is not null`;

/** Counts stop past this many: the inbox says "1,000+" rather than read every matching task. */
export const INBOX_COUNT_CAP = 1000;

/** A count read at most up to its cap: exact when `capped` is false, "n+" otherwise. */
export type CappedCount = { n: number; capped: boolean };

/**
 * A scalar subquery counting the rows of the union of `branches` (each a complete
 * `select 1 from … where …`), reading at most `cap + 1` of them: each branch is limited too, so
 * the planner picks plans that stop early (an index range) over plans that read everything.
 * `orderBy` (the page's order) makes each branch walk its page index, so a filter that needs a
 * look at each row (a search) reads about cap ÷ share rows, never a whole table.
 * Returns cap + 1 when there are more than `cap`.
 */
export function cappedCountSql(branches: SQL[], cap: number, orderBy?: SQL[]): SQL {
  if (!Number.isInteger(cap) || cap < 0) throw new Error(`bad count cap ${cap}`);
  const limit = sql.raw(String(cap + 1));
  const order = orderBy?.length ? sql` order by ${sql.join(orderBy, sql`, `)}` : sql``;
  const union = sql.join(
    branches.map((b) => sql`(${b}${order} limit ${limit})`),
    sql` union all `,
  );
  return sql`(select count(*)::int from (select 1 from (${union}) u where ${serialPlan} limit ${limit}) c)`;
}

/** `n` read by cappedCountSql as { n (at most cap), capped }. */
export function toCappedCount(n: number | string | null | undefined, cap: number): CappedCount {
  const v = Number(n ?? 0);
  return { n: Math.min(v, cap), capped: v > cap };
}

/**
 * Counts of a search or filtered list stop sooner: each candidate costs a look at its case (or
 * its row), so a broad search ("ada": one case in sixteen) reads about cap ÷ share of them.
 */
export const FILTERED_COUNT_CAP = 100;

/**
 * Tasks a filtered list looks at, at most, per page and per count. A search, a case-type or a
 * case-field filter is checked task by task (no index answers a case's data), walking the queue
 * in page order; without a bound a filter that matches nothing reads the whole queue (9.7 s per
 * count at 297,000 tasks in one queue). Past the bound the inbox answers with what it found and
 * says so: "none among the first 5,000, look further or narrow the search", counts as "n+".
 * At ~30 µs a task, 5,000 keep the worst filtered page and count near 150 ms each.
 */
export const FILTER_SCAN_LIMIT = 5000;

/*
 * Overdue and Due today on the due_at column itself rather than the sort key: the same tasks (a
 * task without a deadline is neither), and (candidate_group_id, due_at) and (assignee_id, due_at)
 * hold the column, so the rail counts them from the index alone (an index-only scan cannot see
 * through the coalesce of the page indexes).
 */

/** isOverdue, for counting. */
export function isOverdueByColumn(now: Date): SQL {
  return sql`${tasks.dueAt} <= ${now.toISOString()}::timestamptz`;
}

/** isDueToday, for counting. */
export function isDueTodayByColumn(now: Date, endOfDay: Date): SQL {
  return sql`(${tasks.dueAt} > ${now.toISOString()}::timestamptz and ${tasks.dueAt} <= ${endOfDay.toISOString()}::timestamptz)`;
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

const dialect = new PgDialect();

/**
 * Rows of `query` run as a prepared statement: postgres.js keeps one per connection and query
 * text, so PostgreSQL soon reuses one generic plan instead of planning every request (planning
 * the inbox's unions costs more than running them; hence the literals of isOpen and hasStatus).
 * PGlite answers the same rows.
 */
export async function preparedRows<T extends Record<string, unknown>>(
  db: DbOrTx,
  query: SQL,
): Promise<T[]> {
  const result: unknown = await db._.session
    .prepareQuery(dialect.sqlToQuery(query), undefined, 'inbox', false)
    .execute();
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}

/**
 * One case-field filter on the joined case's data. Guarded so that stored data of another shape
 * never raises: a number is cast only when jsonb_typeof says it is one, a date compared (as ISO
 * text) only when it starts YYYY-MM-DD; anything else is null, so not matched.
 *
 * Cost: no index answers these (the data is a document per case type); each candidate task's
 * case is read and tested. The inbox keeps that bounded: the page and the count each look at
 * no more than FILTER_SCAN_LIMIT tasks of the queue, in page order (lib/use-cases/list-inbox.ts),
 * and say so when they stopped there.
 */
export function matchesCaseField(c: CaseFieldCondition): SQL {
  // Segments are identifiers (isFilterablePath): a text[] literal needs no quoting.
  const v = sql`(${cases.data} #> ${`{${c.path.join(',')}}`}::text[])`;
  const text = sql`(${v} #>> '{}')`;
  switch (c.op) {
    case 'min':
    case 'max': {
      const n = sql`(case when jsonb_typeof(${v}) = 'number' then ${text}::numeric end)`;
      return sql`${n} ${sql.raw(c.op === 'min' ? '>=' : '<=')} ${String(c.value)}::numeric`;
    }
    case 'from':
    case 'to': {
      const d = sql`(case when jsonb_typeof(${v}) = 'string' and ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then left(${text}, 10) end)`;
      return sql`${d} ${sql.raw(c.op === 'from' ? '>=' : '<=')} ${String(c.value)}::text`;
    }
    case 'eq':
      return sql`lower(${text}) = lower(${String(c.value)}::text)`;
    case 'prefix':
      return sql`starts_with(lower(${text}), lower(${String(c.value)}::text))`;
    case 'is':
      return sql`${v} = ${c.value ? 'true' : 'false'}::jsonb`;
  }
}

/**
 * The case-field filters the active case types offer: those of `typeKey` when given, else of
 * every active type together (a filter then applies to each type with that field).
 */
export async function loadCaseFieldFilterSpecs(
  db: DbOrTx,
  typeKey?: string,
): Promise<CaseFieldFilterSpec[]> {
  const types = (await listActiveCaseTypes(db))
    .filter((t) => !typeKey || t.caseType.key === typeKey)
    .sort((a, b) => a.caseType.name.localeCompare(b.caseType.name));
  return mergeCaseFieldFilterSpecs(
    types.map((t) => caseFieldFilterSpecs(t.version.definition.fields ?? [])),
  );
}
