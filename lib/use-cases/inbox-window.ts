import { and, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, caseTypes, tasks } from '../../db/schema';
import { preparedRows, serialPlan, toCappedCount, type CappedCount } from '../data/inbox';
import { encodeCursor } from './inbox-cursor';

type KeyName = ReturnType<typeof sql.identifier>;

/**
 * The bounded read of a filtered inbox list (lib/use-cases/list-inbox.ts): the window is the
 * first `scanLimit` tasks of the queue after a position, in page order (per slice one index
 * range, merged), read without their cases; only the window's tasks' cases are joined and
 * checked. A filter that matches nothing costs the window, never the queue.
 */
export function inboxWindow(p: {
  /** The sort keys, then their column names k0, k1, … */
  keys: SQL[];
  keyNames: KeyName[];
  /** The page order: the keys, then the id. */
  order: SQL[];
  /** The conditions the queue's index ranges answer (status, queue, priority, due). */
  base: SQL | undefined;
  slices: SQL[] | null;
  /** The conditions checked on each task's case. */
  checks: SQL[];
  /** Join the case type (a `type` filter). */
  withType: boolean;
  scanLimit: number;
}) {
  const scanRows = sql.raw(String(p.scanLimit));
  const orderBy = sql.join(p.order, sql`, `);
  const keyColumns = sql.join(
    p.keys.map((k, i) => sql`${k} as ${p.keyNames[i]}`),
    sql`, `,
  );
  /** The window's order over its columns (`w.k0, …, w.id`), optionally descending. */
  const windowOrder = (dir: SQL = sql``) =>
    sql.join(
      [...p.keyNames, sql.identifier('id')].map((n) => sql`w.${n}${dir}`),
      sql`, `,
    );
  /** `select id[, case_id], k0, … ` of the window's tasks after `after`. */
  const window = (after: SQL | undefined, withCase: boolean) => {
    const columns = sql`${tasks.id}${withCase ? sql`, ${tasks.caseId}` : sql``}, ${keyColumns}`;
    const one = (slice?: SQL) =>
      sql`select ${columns} from ${tasks} where ${and(slice, p.base, after) ?? sql`true`} order by ${orderBy} limit ${scanRows}`;
    if (!p.slices) return one();
    return sql`select * from (${sql.join(
      p.slices.map((slice) => sql`(${one(slice)})`),
      sql` union all `,
    )}) s order by ${sql.join([...p.keyNames, sql`s.id`], sql`, `)} limit ${scanRows}`;
  };
  /** `select <what>` of the window's tasks whose case passes the checks, in page order. */
  const matching = (after: SQL | undefined, what: SQL, max: number) =>
    sql`select ${what} from (${window(after, true)}) w inner join ${cases} on ${cases.id} = w.case_id${
      p.withType ? sql` inner join ${caseTypes} on ${caseTypes.id} = ${cases.caseTypeId}` : sql``
    } where ${and(...p.checks, serialPlan)} order by ${windowOrder()} limit ${sql.raw(String(max))}`;
  /**
   * A count kept as one number: the matches in the first window (up to cap + 1), plus cap + 2
   * when the window was full (the queue goes on past it). Read back with unpackWindowCount.
   * The window is counted only when the matches stay within the cap (an InitPlan in a CASE
   * branch runs only when reached): a common filter stops after cap + 1 matches.
   */
  const count = (cap: number) =>
    sql`(select case when m.n > ${sql.raw(String(cap))} then m.n else m.n + (case when (select count(*) from (${window(undefined, false)}) w) >= ${scanRows}
         then ${sql.raw(String(cap + 2))} else 0 end) end
      from (select count(*)::int as n from (${matching(undefined, sql`1`, cap + 1)}) c) m)`;
  return { window, windowOrder, matching, count };
}

export type InboxWindow = ReturnType<typeof inboxWindow>;

/**
 * After a short page of a bounded read: whether its window stopped at the bound (more of the
 * queue lies past it, unread) rather than at the queue's end, and then the cursor of the
 * window's last task, so that the next page looks further.
 */
export async function readWindowEdge(
  db: DbOrTx,
  w: InboxWindow,
  p: { after: SQL | undefined; keyNames: KeyName[]; byPriority: boolean; scanLimit: number },
): Promise<{ limited: boolean; cursor: string | null }> {
  const [edge] = await preparedRows<{ id: string; n: number } & Record<string, unknown>>(
    db,
    sql`select w.id, ${sql.join(
      p.keyNames.map((n, i) =>
        p.byPriority && i === 0
          ? sql`w.${n} as ${n}`
          : sql`(extract(epoch from w.${n}) * 1000)::float8 as ${n}`,
      ),
      sql`, `,
    )}, count(*) over () as n from (${w.window(p.after, false)}) w order by ${w.windowOrder(
      sql` desc`,
    )} limit 1`,
  );
  if (!edge || Number(edge.n) < p.scanLimit) return { limited: false, cursor: null };
  const k = p.keyNames.map((_, i) => {
    const v = Number(edge[`k${i}`]);
    if (p.byPriority && i === 0) return v;
    return Number.isFinite(v) ? new Date(v).toISOString() : 'infinity';
  });
  return { limited: true, cursor: encodeCursor({ k, id: edge.id }) };
}

/** A count of inboxWindow's `count`, read back: capped at `cap`, or stopped at the window. */
export function unpackWindowCount(
  stored: number,
  cap: number,
): CappedCount & { scanLimited: boolean } {
  const scanLimited = stored >= cap + 2;
  const c = toCappedCount(scanLimited ? stored - (cap + 2) : stored, cap);
  return { n: c.n, capped: c.capped || scanLimited, scanLimited: scanLimited && !c.capped };
}
