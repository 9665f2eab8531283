import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, queryRows, type DbHandle } from '../db/client';
import { runMigrations } from '../db/migrate';
import { seedDemo } from './seed/seed-demo';
import { escalateDueTasks } from '../lib/use-cases/escalate-due-tasks';
import { sendDueReminders } from '../lib/use-cases/send-due-reminders';

/**
 * `DATABASE_URL=… npx tsx scripts/bench-scheduler.ts [overdue=10000] [background=100000]`
 * Escalation sweep throughput on PostgreSQL with N overdue tasks among M not-yet-due ones:
 * one sweeper, three sweepers in parallel, and a raw-SQL SKIP LOCKED floor on the same data,
 * plus the EXPLAIN plans of the sweep queries. Writes bench/results/scheduler-postgresql.md.
 */
const OVERDUE = Number(process.argv[2] ?? 10_000);
const BACKGROUND = Number(process.argv[3] ?? 100_000);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'Set DATABASE_URL: the scheduler benchmark measures parallel sweepers, which PGlite cannot run.',
  );
  process.exit(2);
}

const admin = postgres(url, { max: 1, onnotice: () => {} });
const name = `handoff_bench_sched_${process.pid}`;
const NOW = new Date('2027-06-01T15:00:00Z');

function dbUrl(db: string) {
  const u = new URL(url!);
  u.pathname = `/${db}`;
  return u.toString();
}

async function prepare(): Promise<void> {
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const h = openPostgres(dbUrl(name));
  await runMigrations(h);
  await seedDemo(h.db, { now: new Date('2027-01-04T15:00:00Z') });
  // Settle the demo's own deadlines so only generated work is due at NOW.
  await escalateDueTasks(h.db, NOW, { maxBatches: 1000 });
  await sendDueReminders(h.db, NOW, { maxBatches: 1000 });
  await h.db.execute(sql`
    insert into tasks (case_id, step_key, name, status, candidate_group_id, priority, outcomes, sla_policy_id, due_at, next_escalation_at, created_at)
    select c.id, 'adjuster-review', 'Adjuster review', 'ready', g.id, 'normal', '[]'::jsonb, p.id,
           case when i <= ${OVERDUE} then ${NOW.toISOString()}::timestamptz - (i % 600) * interval '1 minute' else ${NOW.toISOString()}::timestamptz + (1 + i % 900) * interval '1 hour' end,
           case when i <= ${OVERDUE} then ${NOW.toISOString()}::timestamptz - (i % 600) * interval '1 minute' else ${NOW.toISOString()}::timestamptz + (1 + i % 900) * interval '1 hour' end,
           ${NOW.toISOString()}::timestamptz - interval '3 days'
    from generate_series(1, ${OVERDUE + BACKGROUND}) i,
         (select id from cases order by reference limit 1) c,
         (select id from groups where key = 'claims-adjusters') g,
         (select id from sla_policies where key = 'adjuster-review') p`);
  await h.db.execute(sql`vacuum analyze`);
  await h.close();
  await admin.unsafe(`drop database if exists ${name}_tmpl`);
  await admin.unsafe(`alter database ${name} rename to ${name}_tmpl`);
}

async function fresh(): Promise<DbHandle> {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name} template ${name}_tmpl`);
  return openPostgres(dbUrl(name), { max: 4 });
}

/** Counts over the generated tasks only (created three days before NOW). */
const generatedCheck = () => sql`
  with g as (select id from tasks where created_at = ${NOW.toISOString()}::timestamptz - interval '3 days')
  select (select count(*)::int from tasks where id in (select id from g) and escalation_level = 1) as n,
         (select count(*)::int from audit_events where action = 'task.escalated' and task_id in (select id from g)) as ev,
         (select count(*)::int from notifications where kind = 'escalation' and task_id in (select id from g)) as no`;

async function timed(label: string, run: () => Promise<number>) {
  const s = performance.now();
  const n = await run();
  const secs = (performance.now() - s) / 1000;
  return { label, n, secs, rate: n / secs };
}

async function main() {
  console.log(`preparing ${OVERDUE} overdue among ${OVERDUE + BACKGROUND} open tasks…`);
  await prepare();
  const results = [];

  let h = await fresh();
  results.push(
    await timed(
      'floor: raw SQL, claim 100 with SKIP LOCKED + update, per transaction',
      async () => {
        let total = 0;
        for (;;) {
          const rows = await queryRows<{ n: number }>(
            h.db,
            sql`with c as (select id from tasks where status in ('ready','claimed') and next_escalation_at is not null and next_escalation_at <= ${NOW.toISOString()}::timestamptz order by next_escalation_at limit 100 for update skip locked)
              , u as (update tasks t set escalation_level = 1, escalated_at = ${NOW.toISOString()}::timestamptz, next_escalation_at = null from c where t.id = c.id returning 1)
              select count(*)::int as n from u`,
          );
          total += rows[0]!.n;
          if (!rows[0]!.n) break;
        }
        return total;
      },
    ),
  );
  await h.close();

  h = await fresh();
  results.push(
    await timed('escalateDueTasks, 1 sweeper (batches of 100)', () =>
      escalateDueTasks(h.db, NOW, { batchSize: 100, maxBatches: 10_000 }),
    ),
  );
  const [check1] = await queryRows<{ n: number; ev: number; no: number }>(h.db, generatedCheck());
  await h.close();

  h = await fresh();
  const handles = [h, openPostgres(dbUrl(name), { max: 2 }), openPostgres(dbUrl(name), { max: 2 })];
  results.push(
    await timed('escalateDueTasks, 3 sweepers in parallel', async () => {
      const ns = await Promise.all(
        handles.map((x) => escalateDueTasks(x.db, NOW, { batchSize: 100, maxBatches: 10_000 })),
      );
      return ns.reduce((a, b) => a + b, 0);
    }),
  );
  const [check3] = await queryRows<{ n: number; ev: number; no: number }>(h.db, generatedCheck());
  await Promise.all(handles.map((x) => x.close()));

  h = await fresh();
  const plans: string[] = [];
  for (const [title, q] of [
    [
      'Escalation sweep: claim due rows',
      sql`explain (analyze, buffers) select * from tasks where status in ('ready','claimed') and next_escalation_at is not null and next_escalation_at <= ${NOW.toISOString()}::timestamptz order by next_escalation_at limit 100 for update skip locked`,
    ],
    [
      'Reminder sweep: claim due rows',
      sql`explain (analyze, buffers) select * from tasks where status in ('ready','claimed') and remind_at is not null and remind_at <= ${NOW.toISOString()}::timestamptz order by remind_at limit 100 for update skip locked`,
    ],
    [
      'Step-retry sweep: claim a due run',
      sql`explain (analyze, buffers) select * from step_runs where status = 'pending' and next_attempt_at <= ${NOW.toISOString()}::timestamptz order by next_attempt_at limit 1 for update skip locked`,
    ],
    [
      'Wait-deadline sweep: claim a due case',
      sql`explain (analyze, buffers) select * from cases where status = 'waiting' and wait_until <= ${NOW.toISOString()}::timestamptz order by wait_until limit 1 for update skip locked`,
    ],
    [
      'E-mail sweep: claim due mail',
      sql`explain (analyze, buffers) select * from email_outbox where status = 'pending' and next_attempt_at <= ${NOW.toISOString()}::timestamptz order by next_attempt_at limit 20 for update skip locked`,
    ],
  ] as const) {
    // Inside a transaction that is rolled back, so FOR UPDATE locks nothing for long.
    let rows: Record<string, string>[] = [];
    await h.db
      .transaction(async (tx) => {
        rows = await queryRows<Record<string, string>>(tx, q);
        tx.rollback();
      })
      .catch(() => {});
    plans.push(`\n#### ${title}\n`, '```', ...rows.map((r) => Object.values(r)[0]!), '```');
  }
  await h.close();

  const out = [
    '# Scheduler sweep benchmark (PostgreSQL)',
    '',
    `Run ${new Date().toISOString()}, Node ${process.version}, ${OVERDUE.toLocaleString('en-US')} overdue tasks among ${(OVERDUE + BACKGROUND).toLocaleString('en-US')} open ones (plus the demo seed); each row starts from a fresh copy of the same database. The sweep does per task: lifecycle decision, SLA lookup (cached), supervisor lookup, update, a notification + outbox e-mail under a unique key, an audit event.`,
    '',
    '| run | escalated | seconds | escalations / s |',
    '|---|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.label} | ${r.n.toLocaleString('en-US')} | ${r.secs.toFixed(2)} | ${Math.round(r.rate).toLocaleString('en-US')} |`,
    ),
    '',
    `Exactly-once check, 1 sweeper: ${check1!.n} tasks at level 1, ${check1!.ev} escalation audit events, ${check1!.no} escalation notifications.`,
    `Exactly-once check, 3 sweepers: ${check3!.n} tasks at level 1, ${check3!.ev} escalation audit events, ${check3!.no} escalation notifications.`,
    '',
    '### Query plans of the sweeps (with the due set above)',
    ...plans,
    '',
  ].join('\n');
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/scheduler-postgresql.md', out);
  console.log(out.split('### Query plans')[0]);
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`drop database if exists ${name}_tmpl with (force)`);
  await admin.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
