/** Measuring helpers of scripts/bench/next-task.ts: plans in rolled-back transactions, claim runs, checks. */
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { queryRows, type Db } from '../../db/client';
import type { UserActor } from '../../lib/domain/permissions';
import { runConcurrent, type LoadResult } from './lib';

export type Recorded = { query: string; params: unknown[] };
export type Explained = Recorded & { plan: string; ms: number | null; error?: string };

/** EXPLAIN (ANALYZE, BUFFERS) of each statement, each in a transaction rolled back. */
export async function explainRolledBack(client: postgres.Sql, statements: Recorded[]) {
  const out: Explained[] = [];
  for (const s of statements) {
    let plan = '';
    let error: string | undefined;
    await client
      .begin(async (tx) => {
        const rows = await tx.unsafe(
          `explain (analyze, buffers) ${s.query}`,
          s.params as postgres.ParameterOrJSON<never>[],
        );
        plan = rows.map((r) => String(Object.values(r)[0])).join('\n');
        throw new Error('bench-rollback');
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error && e.message === 'bench-rollback'))
          error = e instanceof Error ? e.message : String(e);
      });
    const ms = /Execution Time: ([\d.]+) ms/.exec(plan);
    out.push({ ...s, plan, ms: ms ? Number(ms[1]) : null, error });
  }
  return out;
}

/** The index scan node on tasks_group_next_idx in `plan`: its rows, or null when it is not there. */
export function indexRows(plan: string): number | null {
  const line = plan.split('\n').find((l) => l.includes('tasks_group_next_idx'));
  const m = line ? /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(line) : null;
  return m ? Number(m[1]) : null;
}

/** The most rows any scan node of `plan` produced: what the statement read from the table. */
export function rowsRead(plan: string): number {
  let max = 0;
  for (const line of plan.split('\n').filter((l) => /Scan/.test(l))) {
    const m = /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(line);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export const oneLine = (q: string, n = 110) => {
  const s = q.replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n)}…` : s;
};

/** `n` generated members of the group `groupKey` (scripts/bench/dataset.ts), from the `from`-th. */
export async function people(
  db: Db,
  groupId: string,
  groupKey: string,
  from: number,
  n: number,
): Promise<UserActor[]> {
  const rows = await queryRows<{ id: string; email: string; name: string; groups: string[] }>(
    db,
    sql`select u.id, u.email, u.name, array_agg(m2.group_id::text order by m2.group_id) groups
        from users u join group_memberships m on m.user_id = u.id and m.group_id = ${groupId}
        join group_memberships m2 on m2.user_id = u.id
        where u.email like ${`bench-${groupKey}-%`}
        group by u.id order by split_part(split_part(u.email, '@', 1), '-', -1)::int
        offset ${from} limit ${n}`,
  );
  if (rows.length < n) throw new Error(`need ${from + n} bench members of ${groupKey}`);
  return rows.map((r) => ({
    kind: 'user',
    id: r.id,
    email: r.email,
    name: r.name,
    role: 'adjuster',
    groupIds: r.groups,
    supervisedGroupIds: [],
    timeZone: 'UTC',
  }));
}

export type Claim = { taskId: string; userId: string };

/** K workers × C claims of `claim` (at most `seconds`), after `warmup` untimed ones each; every claimed id kept. */
export type ClaimRun = { load: LoadResult; claims: Claim[]; empty: number };

export async function claimRun(
  workers: UserActor[],
  claim: (actor: UserActor) => Promise<string | null>,
  opts: { claims: number; seconds: number; warmup: number },
): Promise<ClaimRun> {
  const claims: Claim[] = [];
  let empty = 0;
  const fn = async (w: number) => {
    const actor = workers[w]!;
    const id = await claim(actor);
    if (id) claims.push({ taskId: id, userId: actor.id });
    else empty++;
  };
  const load = await runConcurrent(fn, {
    workers: workers.length,
    iterations: workers.length * opts.claims,
    seconds: opts.seconds,
    warmup: opts.warmup,
  });
  if (load.errors) console.error(`  ${load.errors} errors, e.g. ${load.errorSamples.join(' | ')}`);
  return { load, claims, empty };
}

/** Claimed twice: by the ids returned, by the task rows, by the `task.claimed` audit events. */
export type Duplicates = {
  returned: number;
  wrongOwner: number;
  auditDupes: number | null;
  auditMissing: number | null;
};

export async function duplicates(db: Db, claims: Claim[], withAudit: boolean): Promise<Duplicates> {
  const ids = claims.map((c) => c.taskId);
  const returned = ids.length - new Set(ids).size;
  const [r] = await queryRows<{ wrong_owner: number; audit_dupes: number; audit_missing: number }>(
    db,
    sql`with c as (
          select * from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) as c("taskId" uuid, "userId" uuid))
        select
          (select count(*)::int from c join tasks t on t.id = c."taskId"
             where t.assignee_id is distinct from c."userId" or t.status <> 'claimed') wrong_owner,
          (select count(*)::int from (select entity_id from audit_events
             where action = 'task.claimed' and entity_id in (select "taskId"::text from c)
             group by entity_id having count(*) > 1) d) audit_dupes,
          (select count(*)::int from c where not exists (select 1 from audit_events a
             where a.action = 'task.claimed' and a.entity_id = c."taskId"::text)) audit_missing`,
  );
  return {
    returned,
    wrongOwner: r!.wrong_owner,
    auditDupes: withAudit ? r!.audit_dupes : null,
    auditMissing: withAudit ? r!.audit_missing : null,
  };
}

/**
 * The head of the queue went first: every claimed task is urgent and none of the ready urgent
 * tasks left is due before the last claimed one (ties by id aside: SKIP LOCKED may pass over a
 * row another worker held and then released).
 */
export type Headroom = { not_urgent: number; last_due: string; first_left: string };

export async function headTaken(db: Db, groupId: string, claims: Claim[]): Promise<Headroom> {
  const [r] = await queryRows<Headroom>(
    db,
    sql`with c as (select t.* from tasks t where t.id in (select (x->>'taskId')::uuid from jsonb_array_elements(${JSON.stringify(claims)}::jsonb) x))
        select (select count(*)::int from c where priority <> 'urgent') not_urgent,
               (select max(coalesce(due_at, 'infinity'::timestamptz))::text from c) last_due,
               (select min(coalesce(due_at, 'infinity'::timestamptz))::text from tasks
                  where candidate_group_id = ${groupId} and status = 'ready' and paused_at is null and priority = 'urgent') first_left`,
  );
  return r!;
}
