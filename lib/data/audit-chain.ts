import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';

/** The hash a chain's first event links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** Why a link of a chain does not hold, in the order they are checked. */
export type ChainBreak =
  | 'content changed' // the event's columns no longer hash to its stored hash
  | 'link broken' // its prev_hash is not the hash of the event before it
  | 'event missing before' // seq jumps: an event before it was removed
  | 'event out of place' // seq repeats or goes back: inserted or reordered
  | 'wrong chain' // the chain column does not match the event's case
  | 'newest events missing'; // the chain's head or a checkpoint names an event that is gone

export type ChainProblem = {
  chain: string;
  /** The place in the chain where it breaks (the event's seq, or the missing seq). */
  seq: number;
  /** The audit event at that place, when there is one. */
  eventId: number | null;
  problem: ChainBreak;
};

const chainOf = sql`case when e.case_id is null then 'global' else 'case:' || e.case_id end`;

/**
 * The first broken links of the chains chosen by `where` (over audit_events e), recomputing every
 * event's hash in the database with the same function the insert trigger uses. One pass in chain
 * order; only the broken rows leave the database.
 */
async function brokenLinks(db: DbOrTx, where: SQL, limit: number): Promise<ChainProblem[]> {
  const rows = await queryRows<{
    chain: string;
    seq: number | string;
    id: number | string;
    problem: ChainBreak;
  }>(
    db,
    sql`with walked as (
          select e.chain, e.chain_seq, e.id, e.hash, e.prev_hash, ${chainOf} as expected_chain,
                 handoff_audit_hash(e.prev_hash, handoff_audit_content(
                   e.id, e.chain, e.chain_seq, e.occurred_at, e.actor_type::text, e.actor_id,
                   e.actor_label, e.action, e.entity_type, e.entity_id, e.case_id, e.task_id,
                   e.summary, e.before, e.after, e.metadata)) as recomputed,
                 lag(e.hash) over w as before_hash,
                 lag(e.chain_seq) over w as before_seq
            from audit_events e
           where ${where}
          window w as (partition by e.chain order by e.chain_seq, e.id)
        )
        select chain, chain_seq as seq, id,
               case when recomputed is distinct from hash then 'content changed'
                    when expected_chain is distinct from chain then 'wrong chain'
                    when chain_seq <= coalesce(before_seq, 0) then 'event out of place'
                    when chain_seq > coalesce(before_seq, 0) + 1 then 'event missing before'
                    else 'link broken' end as problem
          from walked
         where recomputed is distinct from hash
            or expected_chain is distinct from chain
            or chain_seq is distinct from coalesce(before_seq, 0) + 1
            or prev_hash is distinct from coalesce(before_hash, ${GENESIS_HASH})
         order by chain, chain_seq, id
         limit ${limit}`,
  );
  return rows.map((r) => ({
    chain: r.chain,
    seq: Number(r.seq),
    eventId: Number(r.id),
    problem: r.problem,
  }));
}

/**
 * Chains whose newest events are gone: the head row (moved by the insert trigger in the event's
 * transaction) or the newest checkpoint that covered the chain names a seq and hash that no event
 * has any more.
 */
async function missingNewest(
  db: DbOrTx,
  chain: string | null,
  limit: number,
): Promise<ChainProblem[]> {
  const only = (col: SQL) => (chain === null ? sql`true` : sql`${col} = ${chain}`);
  const rows = await queryRows<{ chain: string; seq: number | string }>(
    db,
    sql`with claimed as (
          select h.chain, h.seq, h.hash from audit_chain_heads h where ${only(sql`h.chain`)}
          union all
          (select distinct on (c.chain) c.chain, c.seq, c.hash
             from audit_checkpoint_heads c where ${only(sql`c.chain`)}
            order by c.chain, c.seq desc)
        )
        select k.chain, max(k.seq) as seq from claimed k
         where not exists (
           select 1 from audit_events e
            where e.chain = k.chain and e.chain_seq = k.seq and e.hash = k.hash)
         group by k.chain
         order by k.chain
         limit ${limit}`,
  );
  return rows.map((r) => ({
    chain: r.chain,
    seq: Number(r.seq),
    eventId: null,
    problem: 'newest events missing' as const,
  }));
}

/** The number of events and chains checked. */
async function extent(db: DbOrTx, where: SQL) {
  const [row] = await queryRows<{ events: number | string; chains: number | string }>(
    db,
    sql`select count(*) as events, count(distinct e.chain) as chains from audit_events e
         where ${where}`,
  );
  return { events: Number(row?.events ?? 0), chains: Number(row?.chains ?? 0) };
}

export type ChainReport = {
  events: number;
  chains: number;
  problems: ChainProblem[];
};

/**
 * Checks chains in the database: one case's (`caseId`) or all of them. Problems come first by
 * chain, then by place, at most `limit`; an empty list means every link holds.
 */
export async function checkChains(
  db: DbOrTx,
  scope: { caseId: string } | 'all',
  limit = 100,
): Promise<ChainReport> {
  const chain = scope === 'all' ? null : `case:${scope.caseId}`;
  // An event is in scope by its chain column or by its case: an event moved to another chain by
  // an edit of that column is still found.
  const events =
    chain === null
      ? sql`true`
      : sql`(e.chain = ${chain} or e.case_id = ${scope === 'all' ? null : scope.caseId})`;
  const [broken, missing, size] = [
    await brokenLinks(db, events, limit),
    await missingNewest(db, chain, limit),
    await extent(db, events),
  ];
  const problems = [...broken, ...missing]
    .sort((a, b) => (a.chain === b.chain ? a.seq - b.seq : a.chain < b.chain ? -1 : 1))
    .slice(0, limit);
  return { ...size, problems };
}
