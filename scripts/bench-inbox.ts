import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPglite, openPostgres, queryRows, type DbHandle } from '../db/client';
import { runMigrations } from '../db/migrate';
import { seedDemo } from './seed/seed-demo';
import { loadUserActor } from '../lib/data/users';
import { inboxFilterSchema } from '../lib/schemas/inbox';
import { inboxCounts } from '../lib/use-cases/inbox-counts';
import { listInbox } from '../lib/use-cases/list-inbox';

/**
 * `npx tsx scripts/bench-inbox.ts [tasks=100000]` — inbox query times with the demo seed and
 * with generated tasks, next to a raw-SQL floor measured in the same run on the same data.
 * PostgreSQL when DATABASE_URL is set (a scratch database, dropped afterwards), else PGlite.
 * Writes bench/results/inbox-<db>.md.
 */
const GENERATED = Number(process.argv[2] ?? 100_000);
const RUNS = 40;

async function timeIt(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  return { median: xs[Math.floor(xs.length / 2)]!, p95: xs[Math.floor(xs.length * 0.95)]! };
}

async function open(): Promise<{ h: DbHandle; label: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { h: await openPglite(null), label: 'pglite', drop: async () => {} };
  const name = `handoff_bench_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    h: openPostgres(u.toString()),
    label: 'postgresql',
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  const { h, label, drop } = await open();
  const db = h.db;
  const lines: string[] = [];
  try {
    await runMigrations(h);
    const now = new Date();
    await seedDemo(db, { now });
    const ids = Object.fromEntries(
      (await queryRows<{ email: string; id: string }>(db, sql`select email, id from users`)).map(
        (r) => [r.email, r.id],
      ),
    );
    const adjuster = (await loadUserActor(db, ids['adjuster@example.com']!))!;
    const supervisor = (await loadUserActor(db, ids['supervisor@example.com']!))!;
    const [g] = await queryRows<{ id: string }>(
      db,
      sql`select id from groups where key = 'claims-adjusters'`,
    );
    const groupQueue = inboxFilterSchema.parse({ queue: `group:${g!.id}` });

    const measure = async (phase: string) => {
      const [{ n }] = (await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from tasks`,
      )) as [{ n: number }];
      const rows: [string, { median: number; p95: number }][] = [
        [
          'floor: raw SQL top 50 of the group queue',
          await timeIt(() =>
            db.execute(
              sql`select id from tasks where candidate_group_id = ${g!.id} and status = 'ready' order by due_at limit 50`,
            ),
          ),
        ],
        [
          'group queue page (listInbox)',
          await timeIt(() => listInbox(db, adjuster, groupQueue, now)),
        ],
        [
          'my tasks page (listInbox)',
          await timeIt(() => listInbox(db, adjuster, inboxFilterSchema.parse({}), now)),
        ],
        ['queue counts (inboxCounts)', await timeIt(() => inboxCounts(db, adjuster, now))],
        [
          'supervisor escalated page',
          await timeIt(() =>
            listInbox(db, supervisor, inboxFilterSchema.parse({ queue: 'escalated' }), now),
          ),
        ],
        [
          'search by claimant prefix',
          await timeIt(() =>
            listInbox(
              db,
              adjuster,
              inboxFilterSchema.parse({ queue: `group:${g!.id}`, q: 'ada' }),
              now,
            ),
          ),
        ],
      ];
      lines.push(
        `\n### ${phase}: ${n.toLocaleString('en-US')} tasks\n`,
        '| query | median ms | p95 ms |',
        '|---|---:|---:|',
      );
      for (const [name, r] of rows)
        lines.push(`| ${name} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} |`);
      console.log(lines.slice(-rows.length - 3).join('\n'));
    };

    await measure('Demo seed');

    // Generated load: one case per task, 60% in Claims adjusters, a third of them still open.
    const started = performance.now();
    await db.execute(sql`
      insert into cases (reference, case_type_id, case_type_version_id, status, data, title, amount_cents, opened_by_actor, created_at)
      select 'GEN-' || lpad(i::text, 7, '0'), ct.id, v.id,
             case when i % 3 = 0 then 'open' else 'closed' end::case_status,
             jsonb_build_object('claimant', jsonb_build_object('name', 'Gen Claimant ' || i)),
             (array['Ada','Tom','Grace','Linus','Mae','Omar'])[1 + i % 6] || ' Generated ' || i, (i % 50000) * 100, 'bench', now() - (i % 1000) * interval '1 hour'
      from generate_series(1, ${GENERATED}) i, case_types ct, case_type_versions v where ct.key = 'auto-claim' and v.case_type_id = ct.id`);
    await db.execute(sql`
      insert into tasks (case_id, step_key, name, status, assignee_id, candidate_group_id, priority, due_at, created_at, escalation_level)
      select c.id, 'adjuster-review', 'Adjuster review',
             (case when c.status = 'open' then (case when i % 2 = 0 then 'ready' else 'claimed' end) else 'completed' end)::task_status,
             case when c.status = 'open' and i % 2 = 1 then (select id from users where email = (case when i % 4 = 1 then 'adjuster@example.com' else 'adjuster2@example.com' end)) end,
             (select id from groups where key = (case when i % 5 < 3 then 'claims-adjusters' when i % 5 = 3 then 'senior-adjusters' else 'special-investigations' end)),
             (array['low','normal','normal','high','urgent'])[1 + i % 5]::priority,
             now() + ((i % 200) - 50) * interval '1 hour', c.created_at, case when i % 17 = 0 then 1 else 0 end
      from (select id, status, created_at, row_number() over (order by reference) i from cases where opened_by_actor = 'bench') c`);
    await db.execute(sql`vacuum analyze`); // what autovacuum does on a live server
    console.log(
      `generated ${GENERATED} cases and tasks in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await measure(`Demo seed + ${GENERATED.toLocaleString('en-US')} generated`);

    const plan = await queryRows<Record<string, string>>(
      db,
      sql`explain analyze select t.id from tasks t join cases c on c.id = t.case_id where t.status = 'ready' and t.candidate_group_id = ${g!.id} order by coalesce(t.due_at, 'infinity'::timestamptz), t.id limit 51`,
    );
    lines.push(
      '\nPlan of the group-queue page query:\n',
      '```',
      ...plan.map((r) => Object.values(r)[0]!),
      '```',
    );

    const header = [
      `# Inbox query benchmark (${label})`,
      '',
      `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}; ${RUNS} runs after 5 warm-ups; times include the driver round trip.`,
    ];
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/inbox-${label}.md`, [...header, ...lines, ''].join('\n'));
    console.log(`\nwrote bench/results/inbox-${label}.md`);
  } finally {
    await h.close();
    if (!process.env.BENCH_KEEP) await drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
