/**
 * The large data set the benchmarks share: an insurer's book of 1,000,000 open tasks (one per open
 * case) beside closed cases with their completed tasks and some audit history, on a migrated,
 * demo-seeded scratch database. Built in a few INSERT … SELECT generate_series statements (never
 * row by row): the secondary indexes of cases and tasks are dropped for the load and rebuilt after
 * it, which is several times faster than maintaining them row by row, then VACUUM ANALYZE (what
 * autovacuum does on a live server: statistics, and the visibility map index-only scans need).
 *
 * The shape, deterministic for a given size (a multiplicative hash of the row number stands in
 * for randomness):
 * - groups and people: the demo's six groups; 40 generated members per group ("bench-…") hold
 *   most claimed work; each demo adjuster holds `perAdjuster` claimed tasks of their own group,
 *   so "My tasks" is a few thousand, as a busy adjuster's would be.
 * - open tasks: 75 % unclaimed, 25 % claimed; groups Claims adjusters 40 %, Claims intake 20 %,
 *   Senior adjusters 15 %, Special investigations 10 %, Claims supervisors 10 %, Claims
 *   management 5 %; due from 3 days ago to 27 days ahead (≈10 % overdue, a few % due today),
 *   3 % without a deadline; priority low 10 %, normal 60 %, high 20 %, urgent 10 %; 40 % of the
 *   overdue escalated (a tenth of those to level 2).
 * - claimants: the demo's 16 first × 16 last names, so a search for "ada" (Ada …) matches 1 in 16
 *   cases (6.25 %) by its claimant's name.
 * - closed: `closedCases` (default a quarter of the open count) closed cases, each with one
 *   completed task; a `case.opened` audit event for `auditShare` of all generated cases.
 */
import type postgres from 'postgres';
import { FIRST, LAST } from '../seed/demo-data';

export type DatasetOptions = {
  openTasks?: number;
  closedCases?: number;
  /** Claimed tasks held by each demo adjuster (their "My tasks"); default min(2,000, open / 500). */
  perAdjuster?: number;
  /** Share of generated cases with a `case.opened` audit event (default 0.25). */
  auditShare?: number;
  /** Deadlines are placed around this instant (default now). */
  now?: Date;
  log?: (message: string) => void;
};

export type DatasetSummary = {
  openTasks: number;
  closedCases: number;
  auditEvents: number;
  benchUsers: number;
  seconds: number;
  /** Seconds per phase: load, indexes, vacuum analyze. */
  phases: Record<string, number>;
};

/** Reference prefix of generated cases (the demo's are CLM-…, the intake benchmark's its own). */
export const DATASET_REFERENCE_PREFIX = 'LRG';
/** `opened_by_actor` of generated cases: how to tell them apart from the demo's. */
export const DATASET_ACTOR = 'bench-dataset';
const MEMBERS_PER_GROUP = 40;

/** Group keys of the demo with their share of open work, cumulative upper bounds in ‰. */
const GROUP_SHARES: [string, number][] = [
  ['claims-adjusters', 400],
  ['claims-intake', 600],
  ['senior-adjusters', 750],
  ['special-investigations', 850],
  ['claims-supervisors', 950],
  ['claims-management', 1000],
];
const DEMO_ADJUSTERS: [string, string][] = [
  ['adjuster@example.com', 'claims-adjusters'],
  ['adjuster2@example.com', 'claims-adjusters'],
  ['senior@example.com', 'senior-adjusters'],
  ['siu@example.com', 'special-investigations'],
  ['intake@example.com', 'claims-intake'],
];

/** The demo's claimant names as SQL array elements. */
const FIRST_NAMES = FIRST.map((n) => `'${n}'`).join(',');
const LAST_NAMES = LAST.map((n) => `'${n}'`).join(',');

/** A uniform pseudo-random number in [0, 1000) from row number `i` and a salt (SQL). */
const u = (i: string, salt: number) =>
  `((((${i})::bigint * ${2654435761 + salt * 40503}) + ${salt * 97}) % 1000003) * 1000 / 1000003`;

/**
 * Ids in row order (kind digit, then the row number): appended at the right edge of the primary
 * keys instead of at random places, which at a million rows and 128 MB of shared buffers is most
 * of the load time. Lookups by id cost the same either way.
 */
const seqUuid = (kind: string, i: string) =>
  `('${kind}0000000-0000-4000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;

type IndexDef = { name: string; def: string };

/** Secondary (non-constraint) indexes of `table`: dropped for the load, rebuilt after. */
async function secondaryIndexes(sql: postgres.Sql, table: string): Promise<IndexDef[]> {
  return sql<IndexDef[]>`
    select i.indexname as name, i.indexdef as def
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
}

export async function buildLargeDataset(
  sql: postgres.Sql,
  options: DatasetOptions = {},
): Promise<DatasetSummary> {
  const open = options.openTasks ?? 1_000_000;
  const closed = options.closedCases ?? Math.round(open / 4);
  const perAdjuster = options.perAdjuster ?? Math.min(2000, Math.max(1, Math.floor(open / 500)));
  const auditShare = options.auditShare ?? 0.25;
  const now = (options.now ?? new Date()).toISOString();
  const log = options.log ?? (() => {});
  const started = performance.now();
  const phases: Record<string, number> = {};
  let phaseStart = performance.now();
  const phase = (name: string) => {
    phases[name] = (performance.now() - phaseStart) / 1000;
    log(`dataset: ${name} ${phases[name].toFixed(1)} s`);
    phaseStart = performance.now();
  };

  const [year] = await sql<{ y: number }[]>`select extract(year from ${now}::timestamptz)::int y`;
  const prefix = `${DATASET_REFERENCE_PREFIX}-${year!.y}-`;

  // One connection for the whole build: the session settings below apply to every statement.
  const c = await sql.reserve();
  try {
    await c.unsafe(`set maintenance_work_mem = '512MB'`);
    await c.unsafe(`set work_mem = '256MB'`);
    await c.unsafe(`set synchronous_commit = off`);
    // The rows are consistent by construction: skip the per-row foreign-key triggers when the
    // role may (a superuser, as on a scratch server); otherwise they run, only slower.
    await c.unsafe(`set session_replication_role = replica`).catch(() => {});

    // 40 generated members per demo group, holding most of the claimed work.
    await c.unsafe(`
      insert into users (email, name, role, time_zone)
      select 'bench-' || g.key || '-' || k || '@example.com', 'Bench ' || g.name || ' ' || k, 'adjuster', 'UTC'
      from groups g, generate_series(0, ${MEMBERS_PER_GROUP - 1}) k`);
    await c.unsafe(`
      insert into group_memberships (group_id, user_id)
      select g.id, u.id from groups g join users u on u.email like 'bench-' || g.key || '-%@example.com'`);
    await c.unsafe(`
      create temp table bench_members as
      select g.id group_id, g.key, split_part(split_part(u.email, '@', 1), '-', -1)::int k, u.id user_id
      from groups g join users u on u.email like 'bench-' || g.key || '-%@example.com'`);
    await c.unsafe(`create index on bench_members (group_id, k)`);
    // The slots of generated work: group by share, and which open slots the demo adjusters hold.
    await c.unsafe(`
      create temp table bench_groups as
      select g.id group_id, s.lo, s.hi from groups g join (values ${GROUP_SHARES.map(
        ([key, hi], i) => `('${key}', ${i === 0 ? 0 : GROUP_SHARES[i - 1]![1]}, ${hi})`,
      ).join(', ')}) s(key, lo, hi) on s.key = g.key`);
    await c.unsafe(`
      create temp table bench_adjusters as
      select row_number() over (order by a.n) - 1 n, u.id user_id, g.id group_id
      from (values ${DEMO_ADJUSTERS.map(([e, g], i) => `(${i}, '${e}', '${g}')`).join(', ')}) a(n, email, gkey)
      join users u on u.email = a.email join groups g on g.key = a.gkey`);
    const [adj] = await c.unsafe<{ n: number }[]>(`select count(*)::int n from bench_adjusters`);
    const demoSlots = Math.min(open, adj!.n * perAdjuster);

    const [ref] = await c.unsafe<
      { type_id: string; version_id: string; outcomes: unknown; outcomes_text: string }[]
    >(`
      select ct.id type_id, v.id version_id,
        coalesce((select outcomes::text from tasks where step_key = 'adjuster-review' limit 1), '[]') outcomes_text
      from case_types ct join case_type_versions v on v.case_type_id = ct.id and v.version = ct.current_version
      where ct.key = 'auto-claim'`);
    if (!ref) throw new Error('buildLargeDataset needs the demo seed (case type auto-claim).');

    const taskIndexes = await secondaryIndexes(sql, 'tasks');
    const caseIndexes = await secondaryIndexes(sql, 'cases');
    for (const ix of [...taskIndexes, ...caseIndexes]) await c.unsafe(`drop index "${ix.name}"`);
    phase('prepare');

    // Cases and their tasks in one statement per kind: the CTE hands each case id to its task.
    const caseColumns = (i: string, status: string) => `
      '${prefix}' || lpad((${i})::text, 7, '0'),
      '${ref.type_id}'::uuid, '${ref.version_id}'::uuid, '${status}'::case_status,
      (array['low','normal','normal','normal','normal','normal','normal','high','high','urgent'])[1 + (${u(i, 4)})::int / 100]::priority,
      jsonb_build_object(
        'policyNumber', 'POL-' || (100000 + (${u(i, 5)})::int * 899 + (${i}) % 899),
        'claimant', jsonb_build_object('name', f.first || ' ' || l.last,
          'email', lower(f.first || '.' || l.last || ${i} || '@example.com')),
        'damageEstimate', 2000 + (${u(i, 6)})::int * 60, 'deductible', 500, 'coverageLimit', 100000,
        'fraudScore', round((${u(i, 7)})::numeric / 2500, 2)),
      f.first || ' ' || l.last,
      (1500 + (${u(i, 6)})::int * 60) * 100::bigint`;
    const first = `(array[${FIRST_NAMES}])`;
    const last = `(array[${LAST_NAMES}])`;
    const names = (i: string) => `
      cross join lateral (select ${first}[1 + (${i}) % 16] first) f
      cross join lateral (select ${last}[1 + ((${i}) / 16) % 16] last) l`;
    const dueMinutes = (i: string) => `(${u(i, 8)})::int * 43 - 4320`; // −3 days … +27 days

    await c.unsafe(`
      with gen as (
        select i, ${seqUuid('1', 'i')} case_id,
          (${u('i', 1)})::int grp, (${u('i', 2)})::int claim, (${u('i', 3)})::int esc,
          case when (${u('i', 9)})::int < 30 then null
               else '${now}'::timestamptz + (${dueMinutes('i')}) * interval '1 minute' end due
        from generate_series(1, ${open}) i
      ), placed as (
        select gen.*,
          coalesce(a.group_id, bg.group_id) group_id,
          coalesce(a.user_id, case when gen.claim < 250 then m.user_id end) assignee_id
        from gen
        left join bench_adjusters a on gen.i <= ${demoSlots} and a.n = (gen.i - 1) % ${adj!.n}
        join bench_groups bg on gen.grp >= bg.lo and gen.grp < bg.hi
        left join bench_members m on m.group_id = coalesce(a.group_id, bg.group_id) and m.k = gen.i % ${MEMBERS_PER_GROUP}
      ), new_cases as (
        insert into cases (id, reference, case_type_id, case_type_version_id, status, priority, data, title,
                           amount_cents, current_step_key, opened_by_actor, created_at, updated_at)
        select p.case_id, ${caseColumns('p.i', 'open')}, 'adjuster-review', '${DATASET_ACTOR}',
          coalesce(p.due, '${now}'::timestamptz) - interval '3 days', coalesce(p.due, '${now}'::timestamptz) - interval '2 days'
        from placed p ${names('p.i')}
      )
      insert into tasks (id, case_id, step_key, name, status, assignee_id, candidate_group_id, priority, outcomes,
                         due_at, due_soon_at, ladder_started_at, escalation_level, escalated_at, claimed_at,
                         created_at, updated_at)
      select ${seqUuid('2', 'p.i')}, p.case_id, 'adjuster-review', 'Adjuster review',
        (case when p.assignee_id is null then 'ready' else 'claimed' end)::task_status,
        p.assignee_id, p.group_id,
        (array['low','normal','normal','normal','normal','normal','normal','high','high','urgent'])[1 + (${u('p.i', 4)})::int / 100]::priority,
        '${ref.outcomes_text.replace(/'/g, "''")}'::jsonb,
        p.due, p.due - interval '4 hours', p.due,
        case when p.due <= '${now}'::timestamptz and p.esc < 400 then (case when p.esc < 40 then 2 else 1 end) else 0 end,
        case when p.due <= '${now}'::timestamptz and p.esc < 400 then p.due + interval '1 hour' end,
        case when p.assignee_id is not null then coalesce(p.due, '${now}'::timestamptz) - interval '1 day' end,
        coalesce(p.due, '${now}'::timestamptz) - interval '2 days', coalesce(p.due, '${now}'::timestamptz) - interval '1 day'
      from placed p`);
    phase(`open cases and tasks (${open.toLocaleString('en-US')})`);

    if (closed > 0)
      await c.unsafe(`
        with gen as (
          select i, ${seqUuid('1', 'i')} case_id, (${u('i', 1)})::int grp,
            '${now}'::timestamptz - ((${u('i', 8)})::int * 90 + 1440) * interval '1 minute' due
          from generate_series(${open + 1}, ${open + closed}) i
        ), placed as (
          select gen.*, bg.group_id, m.user_id
          from gen join bench_groups bg on gen.grp >= bg.lo and gen.grp < bg.hi
          join bench_members m on m.group_id = bg.group_id and m.k = gen.i % ${MEMBERS_PER_GROUP}
        ), new_cases as (
          insert into cases (id, reference, case_type_id, case_type_version_id, status, priority, data, title,
                             amount_cents, resolution, opened_by_actor, created_at, updated_at, closed_at)
          select p.case_id, ${caseColumns('p.i', 'closed')}, 'approved', '${DATASET_ACTOR}',
            p.due - interval '3 days', p.due - interval '2 hours', p.due - interval '2 hours'
          from placed p ${names('p.i')}
        )
        insert into tasks (id, case_id, step_key, name, status, assignee_id, candidate_group_id, priority, outcomes,
                           due_at, due_soon_at, ladder_started_at, outcome, claimed_at, completed_by_id,
                           completed_at, created_at, updated_at, version)
        select ${seqUuid('2', 'p.i')}, p.case_id, 'adjuster-review', 'Adjuster review', 'completed', p.user_id, p.group_id, 'normal',
          '${ref.outcomes_text.replace(/'/g, "''")}'::jsonb, p.due, p.due - interval '4 hours', p.due, 'approve',
          p.due - interval '1 day', p.user_id, p.due - interval '2 hours', p.due - interval '2 days',
          p.due - interval '2 hours', 3
        from placed p`);
    phase(`closed cases and completed tasks (${closed.toLocaleString('en-US')})`);

    // Audit rows with the triggers on: the BEFORE INSERT trigger handoff_audit_chain (migration
    // 0017) links each event into its case's hash chain, and a replica session would skip it and
    // leave the chain columns null (which the table refuses).
    await c.unsafe(`reset session_replication_role`).catch(() => {});
    const auditModulus = Math.max(1, Math.round(1 / Math.max(auditShare, 1e-9)));
    const [audit] =
      auditShare > 0
        ? await c.unsafe<{ n: number }[]>(`
          with ins as (
            insert into audit_events (occurred_at, actor_type, actor_label, action, entity_type, entity_id, case_id, summary, after)
            select c.created_at, 'token', 'Bench intake', 'case.opened', 'case', c.id::text, c.id,
              'Case opened via API by Bench intake', jsonb_build_object('reference', c.reference)
            from cases c
            where c.opened_by_actor = '${DATASET_ACTOR}' and abs(hashtext(c.reference)) % ${auditModulus} = 0
            returning 1
          ) select count(*)::int n from ins`)
        : [{ n: 0 }];
    phase(`audit events (${audit.n.toLocaleString('en-US')})`);

    // Rebuilt one by one: with two cores, parallel maintenance workers help each build.
    await c.unsafe(`set max_parallel_maintenance_workers = 2`);
    for (const ix of [...caseIndexes, ...taskIndexes]) await c.unsafe(ix.def);
    phase(`rebuild ${caseIndexes.length + taskIndexes.length} indexes`);

    await c.unsafe(`vacuum (analyze) cases`);
    await c.unsafe(`vacuum (analyze) tasks`);
    await c.unsafe(`vacuum (analyze) audit_events`);
    await c.unsafe(`vacuum (analyze) users`);
    await c.unsafe(`vacuum (analyze) group_memberships`);
    phase('vacuum analyze');

    return {
      openTasks: open,
      closedCases: closed,
      auditEvents: audit.n,
      benchUsers: MEMBERS_PER_GROUP * GROUP_SHARES.length,
      seconds: (performance.now() - started) / 1000,
      phases,
    };
  } finally {
    c.release();
  }
}
