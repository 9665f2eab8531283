/**
 * The raw-SQL floor of the intake benchmark (scripts/bench/intake.ts): the least work that opens
 * a case, timed with the same concurrency on the same database.
 */
import postgres from 'postgres';
import { runConcurrent } from './lib';

export const CONNECTIONS = 16;

/**
 * Turns the push triggers of migration 0011 (one pg_notify per writing statement on tasks,
 * notifications, users, groups and memberships) off or on again in a scratch database, to
 * measure what their NOTIFY costs a load. Never for a database anyone uses: the event stream
 * goes silent while they are off.
 */
export async function setPushTriggers(dbUrl: string, enabled: boolean): Promise<number> {
  const client = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const triggers = await client<{ tbl: string; name: string }[]>`
      select c.relname as tbl, t.tgname as name
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and t.tgname like '%\_change\_events\_%'`;
    const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
    for (const t of triggers)
      await client.unsafe(
        `alter table ${ident(t.tbl)} ${enabled ? 'enable' : 'disable'} trigger ${ident(t.name)}`,
      );
    return triggers.length;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The raw-SQL floor: one case + one task + its audit rows per transaction, per client. */
export async function floor(
  dbUrl: string,
  claim: { claimant: { name: string } } & Record<string, unknown>,
  sharedCounter: boolean,
  seconds: number,
) {
  const clients = Array.from({ length: CONNECTIONS }, () =>
    postgres(dbUrl, { max: 1, onnotice: () => {} }),
  );
  const base = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const [ids] = await base<{ type_id: string; version_id: string; group_id: string }[]>`
    select ct.id as type_id, v.id as version_id, g.id as group_id
    from case_types ct join case_type_versions v on v.case_type_id = ct.id and v.version = ct.current_version,
         groups g where ct.key = 'auto-claim' and g.key = 'claims-adjusters'`;
  await base`create sequence if not exists floor_reference_seq`;
  await base`insert into reference_counters (prefix, year, last_value) values ('FLR', 2000, 0) on conflict do nothing`;
  await base.end();
  const data = claim;
  const run = async (w: number) => {
    const sqlc = clients[w]!;
    await sqlc.begin(async (tx) => {
      const n = sharedCounter
        ? (
            await tx<{ n: number }[]>`update reference_counters set last_value = last_value + 1
                     where prefix = 'FLR' and year = 2000 returning last_value as n`
          )[0]!.n
        : (await tx<{ n: string }[]>`select nextval('floor_reference_seq')::text as n`)[0]!.n;
      const [c] = await tx<{ id: string }[]>`
        insert into cases (reference, case_type_id, case_type_version_id, status, priority, data, title,
                           current_step_key, opened_by_actor)
        values (${`FLR-${sharedCounter ? 'C' : 'S'}-${n}`}, ${ids!.type_id}, ${ids!.version_id}, 'open', 'normal',
                ${tx.json(data as postgres.JSONValue)}, ${data.claimant.name}, 'adjuster-review', 'token:floor')
        returning id`;
      const [task] = await tx<{ id: string }[]>`
        insert into tasks (case_id, step_key, name, status, candidate_group_id, due_at, routing)
        values (${c!.id}, 'adjuster-review', 'Adjuster review', 'ready', ${ids!.group_id},
                now() + interval '2 days', ${tx.json({ summary: 'floor' })})
        returning id`;
      const actions = [
        'case.opened',
        'step.succeeded',
        'step.succeeded',
        'case.routed',
        'task.created',
      ];
      await tx`
        insert into audit_events (actor_type, actor_id, actor_label, action, entity_type, entity_id, case_id, task_id, summary)
        select 'system', 'engine', 'system:engine', a, 'case', ${c!.id}, ${c!.id}, ${task!.id}, 'floor'
        from unnest(${actions}::text[]) as a`;
    });
  };
  try {
    // Warm the connections, then time.
    await runConcurrent((w) => run(w), { workers: CONNECTIONS, iterations: CONNECTIONS * 5 });
    return await runConcurrent((w) => run(w), { workers: CONNECTIONS, seconds });
  } finally {
    await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  }
}
