import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { openPostgres, queryRows, type Db } from '../db/client';
import { runMigrations } from '../db/migrate';
import * as schema from '../db/schema';
import { seedDemo } from './seed/seed-demo';
import { loadUserActor } from '../lib/data/users';
import type { TokenActor, UserActor } from '../lib/domain/permissions';
import { claimTask } from '../lib/use-cases/claim-task';
import { completeTask } from '../lib/use-cases/complete-task';
import { openCase } from '../lib/use-cases/open-case';

/**
 * `DATABASE_URL=… npx tsx scripts/bench-completion.ts [completions=300] [background=30000] [--out=FILE] [--trace]`
 * Latency of completeTask (the decision, the case moving on, the payment it starts) on
 * PostgreSQL, next to a raw-SQL floor timed in the same run: lock the task, complete it, one
 * audit event, close the case, in one transaction. A scratch database (kept with BENCH_KEEP) gets
 * the migrations, the demo seed, `background` open tasks over the groups and as many closed
 * cases with their decisions, step runs and audit events. Claims are opened with openCase to
 * route to Adjuster review and claimed (untimed); paths are interleaved so noise hits them alike.
 * With the financial controls (authority limits) two more paths are timed: above the adjuster's
 * authority (opens an approval step), and that approval by another person (four eyes). Only
 * functions older than the controls are used, so earlier trees run it too (first path only).
 * --trace prints the statements of the first measured completion of each path.
 */
const [N = 300, BACKGROUND = 30_000] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);
const OUT = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
const TRACE = process.argv.includes('--trace');
const WARMUP = 10;

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL server (a scratch database is created on it).');
  process.exit(2);
}
const name = `handoff_bench_completion_${process.pid}`;
const dbUrl = Object.assign(new URL(url), { pathname: `/${name}` }).toString();

/** What the measuring client sent (postgres.js debug hook), and the samples of each path. */
const sent = { statements: 0, transactions: 0, log: null as string[] | null };
type Sample = { ms: number; statements: number; transactions: number };
const samples = new Map<string, Sample[]>();
let measuring = false;

/** The house client (as db/client.ts openPostgres), counting what it sends. */
function openCountingDb() {
  const client = postgres(dbUrl, {
    max: 10,
    onnotice: () => {},
    debug: (_conn, query) => {
      sent.statements++;
      if (/^\s*begin\b/i.test(query)) sent.transactions++;
      sent.log?.push(query.replace(/\s+/g, ' ').slice(0, 220));
    },
  });
  return { db: drizzle({ client, schema }) as unknown as Db, close: () => client.end() };
}

/** Times one completion of `path`; after the warm-ups, keeps the sample (and traces the first). */
async function timed(path: string, fn: () => Promise<unknown>): Promise<void> {
  const trace = TRACE && measuring && !samples.has(path);
  if (trace) sent.log = [];
  const { statements: s0, transactions: t0 } = sent;
  const s = performance.now();
  await fn();
  const ms = performance.now() - s;
  const listing = sent.log?.map((q, i) => `${String(i + 1).padStart(3)}. ${q}`).join('\n');
  if (trace) console.log(`\n${path}:\n${listing}`);
  sent.log = null;
  if (!measuring) return;
  const sample = { ms, statements: sent.statements - s0, transactions: sent.transactions - t0 };
  samples.set(path, [...(samples.get(path) ?? []), sample]);
}

function row(path: string, xs: Sample[]): string {
  const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
  const mean = (f: (x: Sample) => number) => xs.reduce((a, x) => a + f(x), 0) / xs.length;
  const times = [at(0.5), at(0.95), at(0.99), mean((x) => x.ms), ms.at(-1)!].map((x) =>
    x.toFixed(2),
  );
  const sql = [mean((x) => x.statements), mean((x) => x.transactions)].map((x) => x.toFixed(1));
  return `| ${path} | ${xs.length} | ${[...times, ...sql].join(' | ')} |`;
}

const today = new Date().toISOString().slice(0, 10);
let seq = 0;
/** A clean claim whose recommended payout (estimate less 500 deductible) is `recommended`. */
const claim = (recommended: number) => {
  const claimant = { name: `Bench Claimant ${++seq}`, email: 'bench@example.com' };
  const money = { damageEstimate: recommended + 500, deductible: 500, coverageLimit: 100_000 };
  const policy = { policyNumber: 'POL-123456', incidentDate: today, fraudScore: 0.1 };
  return { caseType: 'auto-claim', data: { ...policy, claimant, ...money } };
};

async function generateVolume(db: Db) {
  const ids = sql`(select id from users where email = 'adjuster@example.com')`;
  // Open work: one case per task, spread over the groups' steps, a third claimed.
  await db.execute(sql`
    insert into cases (reference, case_type_id, case_type_version_id, status, data, title, amount_cents, opened_by_actor, current_step_key, created_at)
    select 'GEN-O-' || lpad(i::text, 7, '0'), ct.id, v.id, 'open',
           jsonb_build_object('policyNumber', 'POL-100000', 'claimant', jsonb_build_object('name', 'Gen Claimant ' || i), 'recommendedPayout', 5000 + i % 45000),
           'Gen Claimant ' || i, (5000 + i % 45000) * 100, 'bench-open',
           (array['adjuster-review','adjuster-review','adjuster-review','adjuster-review','adjuster-review','adjuster-review','senior-review','senior-review','fraud-review','fix-claim-data'])[1 + i % 10],
           now() - (i % 2000) * interval '1 hour'
    from generate_series(1, ${BACKGROUND}) i, case_types ct, case_type_versions v
    where ct.key = 'auto-claim' and v.case_type_id = ct.id`);
  await db.execute(sql`
    insert into tasks (case_id, step_key, name, status, assignee_id, candidate_group_id, priority, outcomes, due_at, created_at)
    select c.id, c.current_step_key, s.name,
           (case when i % 3 = 0 then 'claimed' else 'ready' end)::task_status,
           case when i % 3 = 0 then (select id from users where email = (case when c.current_step_key = 'senior-review' then 'senior@example.com' when i % 2 = 0 then 'adjuster@example.com' else 'adjuster2@example.com' end)) end,
           (select id from groups where key = s.grp),
           (array['low','normal','normal','high','urgent'])[1 + i % 5]::priority,
           coalesce((select outcomes from tasks where step_key = c.current_step_key order by created_at limit 1), '[]'::jsonb),
           now() + ((i % 200) - 50) * interval '1 hour', c.created_at
    from (select id, current_step_key, created_at, row_number() over (order by reference) i from cases where opened_by_actor = 'bench-open') c
    join (values ('adjuster-review', 'Adjuster review', 'claims-adjusters'), ('senior-review', 'Senior adjuster review', 'senior-adjusters'),
                 ('fraud-review', 'Fraud review', 'special-investigations'), ('fix-claim-data', 'Fix claim data', 'claims-intake'))
         s(step, name, grp) on s.step = c.current_step_key`);
  // History: as many closed cases, each with its completed decision (four eyes reads these).
  await db.execute(sql`
    insert into cases (reference, case_type_id, case_type_version_id, status, resolution, data, title, amount_cents, opened_by_actor, created_at, closed_at)
    select 'GEN-C-' || lpad(i::text, 7, '0'), ct.id, v.id, 'closed', 'approved',
           jsonb_build_object('policyNumber', 'POL-100000', 'claimant', jsonb_build_object('name', 'Old Claimant ' || i), 'recommendedPayout', 5000 + i % 45000, 'approvedPayout', 5000 + i % 45000),
           'Old Claimant ' || i, (5000 + i % 45000) * 100, 'bench-closed',
           now() - (i % 8000) * interval '1 hour' - interval '1 day', now() - (i % 8000) * interval '1 hour'
    from generate_series(1, ${BACKGROUND}) i, case_types ct, case_type_versions v
    where ct.key = 'auto-claim' and v.case_type_id = ct.id`);
  await db.execute(sql`
    insert into tasks (case_id, step_key, name, status, assignee_id, candidate_group_id, priority, outcomes, outcome, outcome_data, completed_by_id, completed_at, claimed_at, due_at, created_at)
    select c.id, 'adjuster-review', 'Adjuster review', 'completed', ${ids}, (select id from groups where key = 'claims-adjusters'), 'normal',
           (select outcomes from tasks where step_key = 'adjuster-review' order by created_at limit 1),
           'approve', jsonb_build_object('payoutAmount', (c.data->>'approvedPayout')::numeric), ${ids}, c.closed_at, c.created_at, c.closed_at, c.created_at
    from cases c where c.opened_by_actor = 'bench-closed'`);
  // Every generated case ran its automated steps; the closed ones paid.
  await db.execute(sql`
    insert into step_runs (case_id, step_key, handler, status, attempts, max_attempts, started_at, finished_at, created_at, updated_at)
    select c.id, s.step, s.step, 'succeeded', 1, s.maxa, c.created_at, c.created_at, c.created_at, c.created_at
    from cases c, (values ('validate-claim', 3), ('calculate-payout', 3), ('issue-payment', 5)) s(step, maxa)
    where c.opened_by_actor in ('bench-open', 'bench-closed') and (s.step <> 'issue-payment' or c.status = 'closed')`);
  await db.execute(sql`
    insert into audit_events (occurred_at, actor_type, actor_id, actor_label, action, entity_type, entity_id, case_id, summary)
    select c.created_at, 'system', 'engine', 'engine', a.action, 'case', c.id::text, c.id, a.action || ' (generated)'
    from cases c, (values ('case.opened'), ('step.succeeded'), ('task.created'), ('task.claimed')) a(action)
    where c.opened_by_actor in ('bench-open', 'bench-closed')`);
  await db.execute(sql`vacuum analyze`); // what autovacuum does on a live server
}

const fmt = (x: number) => x.toLocaleString('en-US');
const PATHS = {
  floor: 'floor: raw SQL, 1 transaction (lock task, complete it, 1 audit event, close case)',
  plain: 'completeTask: adjuster approves the recommended amount (payment included)',
  request: 'completeTask: above the adjuster’s authority, with a reason (opens an approval step)',
  approve: 'completeTask: approval step approved by another person (four eyes, payment included)',
};

async function measure(db: Db, controls: boolean) {
  const [r] = await queryRows<{ id: string; name: string; scopes: string[]; adjuster: string }>(
    db,
    sql`select id, name, scopes, (select id from users where email = 'adjuster@example.com') as adjuster
        from api_tokens order by created_at limit 1`,
  );
  const token: TokenActor = { kind: 'token', id: r!.id, name: r!.name, scopes: r!.scopes };
  const adjuster = (await loadUserActor(db, r!.adjuster))!;

  /** A claim routed to Adjuster review and claimed by the adjuster (untimed). */
  const claimed = async (recommended: number) => {
    const res = await openCase(db, token, claim(recommended), `bench-${seq}-${process.pid}`);
    const task = res.case.tasks[0];
    if (task?.name !== 'Adjuster review')
      throw new Error(`A bench claim did not route to Adjuster review: ${JSON.stringify(res)}`);
    const { version } = await claimTask(db, adjuster, { taskId: task.id });
    return { caseId: res.case.id, taskId: task.id, expectedVersion: version };
  };
  const complete = (actor: UserActor, t: { taskId: string; expectedVersion: number }, data = {}) =>
    completeTask(db, actor, { ...t, outcome: 'approve', data });

  const floor = async (amount: number) => {
    const { taskId } = await claimed(amount);
    await timed(PATHS.floor, () =>
      db.transaction(async (tx) => {
        const [t] = await queryRows<{ id: string; case_id: string; version: number }>(
          tx,
          sql`select id, case_id, version from tasks where id = ${taskId} for update`,
        );
        await tx.execute(
          sql`update tasks set status = 'completed', outcome = 'approve', outcome_data = ${JSON.stringify({ payoutAmount: amount })}::jsonb,
                completed_by_id = ${adjuster.id}, completed_at = now(), version = version + 1, updated_at = now()
              where id = ${t!.id} and version = ${t!.version}`,
        );
        await tx.execute(
          sql`insert into audit_events (actor_type, actor_id, actor_label, action, entity_type, entity_id, case_id, task_id, summary)
              values ('user', ${adjuster.id}, ${adjuster.name}, 'task.completed', 'task', ${t!.id}, ${t!.case_id}, ${t!.id}, 'completed (floor)')`,
        );
        await tx.execute(
          sql`update cases set status = 'closed', resolution = 'approved', closed_at = now(),
                data = data || jsonb_build_object('approvedPayout', ${amount}::numeric), version = version + 1, updated_at = now()
              where id = ${t!.case_id}`,
        );
      }),
    );
  };

  /** Above the adjuster's authority (with the reason the variance needs), then its approval. */
  const approvalPair = async (recommended: number) => {
    const data = { payoutAmount: recommended + 15_000, varianceReason: 'Bench: a higher quote' };
    const t = await claimed(recommended);
    await timed(PATHS.request, () => complete(adjuster, t, data));
    // The approval step, and a member of its group other than the adjuster.
    const [approval] = await queryRows<{ id: string; approver: string }>(
      db,
      sql`select id, (select user_id from group_memberships m where m.group_id = t.candidate_group_id and m.user_id <> ${adjuster.id} limit 1) as approver
          from tasks t where case_id = ${t.caseId} and status = 'ready'`,
    );
    if (!approval) throw new Error('Above the authority, no approval step opened');
    const approver = (await loadUserActor(db, approval.approver))!;
    const { version } = await claimTask(db, approver, { taskId: approval.id });
    await timed(PATHS.approve, () =>
      complete(approver, { taskId: approval.id, expectedVersion: version }, data),
    );
  };

  for (let i = 0; i < WARMUP + N; i++) {
    measuring = i >= WARMUP;
    const amount = 5_001 + ((i * 7_919) % 45_000);
    await floor(amount);
    const t = await claimed(amount);
    await timed(PATHS.plain, () => complete(adjuster, t, { payoutAmount: amount }));
    if (controls) await approvalPair(40_000 + ((i * 7_919) % 9_000));
    if (measuring && (i + 1 - WARMUP) % 100 === 0) console.log(`  ${i + 1 - WARMUP} / ${N}`);
  }
}

async function main() {
  const admin = postgres(url!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const load = [os.loadavg()[0]!];
  const counting = openCountingDb();
  try {
    const setup = openPostgres(dbUrl);
    await runMigrations(setup);
    await seedDemo(setup.db, { now: new Date() });
    await generateVolume(setup.db);
    await setup.close();

    const db = counting.db;
    type Facts = { controls: boolean; tasks: number; cases: number; audit: number; runs: number };
    const [f] = await queryRows<Facts & { pg: string }>(
      db,
      sql`select to_regclass('public.authority_limits') is not null as controls, (select count(*)::int from tasks) as tasks,
            (select count(*)::int from cases) as cases, (select count(*)::int from audit_events) as audit,
            (select count(*)::int from step_runs) as runs, current_setting('server_version') as pg`,
    );
    const started = performance.now();
    await measure(db, f!.controls);
    const secs = (performance.now() - started) / 1000;
    load.push(os.loadavg()[0]!);
    const [check] = await queryRows<{ closed: number; paid: number; open: number }>(
      db,
      sql`select count(*) filter (where status = 'closed' and resolution = 'approved')::int as closed, count(*) filter (where status <> 'closed')::int as open,
                 count(*) filter (where exists (select 1 from step_runs r where r.case_id = cases.id and r.step_key = 'issue-payment' and r.status = 'succeeded'))::int as paid
          from cases where title like 'Bench Claimant %'`,
    );
    const perPath = N + WARMUP;
    const lines = [
      `# Task completion benchmark (PostgreSQL ${f!.pg.split(' ')[0]})`,
      '',
      `Run ${new Date().toISOString()} in ${process.cwd()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average ${load[0]!.toFixed(2)} before, ${load[1]!.toFixed(2)} after.`,
      `Data: demo seed + ${fmt(BACKGROUND)} generated open tasks + ${fmt(BACKGROUND)} generated closed cases: ${fmt(f!.tasks)} tasks, ${fmt(f!.cases)} cases, ${fmt(f!.audit)} audit events, ${fmt(f!.runs)} step runs before the measured completions. Financial controls: ${f!.controls ? 'present' : 'absent (the approval paths do not exist in this tree)'}.`,
      `${N} completions per path after ${WARMUP} warm-ups, paths interleaved, ${secs.toFixed(0)} s in all. Only the completion call is timed (driver round trips included; opening and claiming are not). Statements and transactions: sent per completion, mean.`,
      '',
      '| path | n | p50 ms | p95 ms | p99 ms | mean ms | max ms | statements | transactions |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...[...samples].map(([path, xs]) => row(path, xs)),
      '',
      `Check, bench cases: ${check!.closed} closed as approved (expected ${(f!.controls ? 3 : 2) * perPath}), ${check!.paid} with a payment run that succeeded (expected ${(f!.controls ? 2 : 1) * perPath}; the floor does not pay), ${check!.open} not closed (expected 0).`,
      '',
    ];
    console.log(`\n${lines.join('\n')}`);
    if (OUT) fs.writeFileSync(OUT, lines.join('\n'));
  } finally {
    await counting.close();
    if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
