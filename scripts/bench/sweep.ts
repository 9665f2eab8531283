import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, queryRows, type Db, type DbHandle } from '../../db/client';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { sendDueReminders } from '../../lib/use-cases/send-due-reminders';
import { SWEEP_LANES } from '../../lib/use-cases/sweep-lanes';
import { floorClaimUpdate, floorWithRows, openDue, type DueColumn } from './sweep-floors';
import {
  createScratchDb,
  databaseUrlFor,
  dropDatabase,
  explainAnalyze,
  machineInfo,
  markdownTable,
  planSection,
  quick,
  requireDatabaseUrl,
  writeReport,
  type BenchRow,
} from './lib';

/**
 * `DATABASE_URL=… npx tsx scripts/bench/sweep.ts [due=10000] [total=110000]`
 * Escalation and reminder sweeps on PostgreSQL: `due` escalations and `due` reminders fallen due
 * among `total` open tasks (plus the demo seed), swept by one sweeper and by three in parallel,
 * each run on a fresh copy of the same database, next to raw-SQL floors measured in the same run:
 * claim + update only (SKIP LOCKED, batches of 100, as the issue measured it), and claim +
 * update + the audit, notification and e-mail rows written set-based (batches of 500).
 */
const BENCH = 'sweep';
const DUE = Number(process.argv[2] ?? quick(10_000, 1_000));
const TOTAL = Number(process.argv[3] ?? quick(110_000, 11_000));
const BATCH = 500;
const NOW = new Date('2027-06-01T15:00:00Z');
const at = NOW.toISOString();
const base = requireDatabaseUrl(BENCH);

/** Generated tasks are marked by their creation time, three days before NOW. */
const generated = sql`created_at = ${at}::timestamptz - interval '3 days'`;

async function prepare(db: Db): Promise<void> {
  // Settle the demo's own deadlines so only generated work is due at NOW.
  await escalateDueTasks(db, NOW, { maxBatches: 1000 });
  await sendDueReminders(db, NOW, { maxBatches: 1000 });
  // 1..DUE: escalation due (level 0 → 1, each at its own second); DUE+1..2·DUE: reminder due
  // (half assigned, half in the group queue of two); the rest: due in the future.
  await db.execute(sql`
    insert into tasks (case_id, step_key, name, status, assignee_id, claimed_at, candidate_group_id, priority, outcomes, sla_policy_id, due_at, remind_at, next_escalation_at, created_at)
    select c.id, 'adjuster-review', 'Adjuster review',
           case when i > ${DUE} and i <= ${2 * DUE} and i % 2 = 0 then 'claimed' else 'ready' end::task_status,
           case when i > ${DUE} and i <= ${2 * DUE} and i % 2 = 0 then a.id end,
           case when i > ${DUE} and i <= ${2 * DUE} and i % 2 = 0 then ${at}::timestamptz - interval '1 day' end,
           g.id, 'normal', '[]'::jsonb, p.id, d.due, r.remind, d.due, ${at}::timestamptz - interval '3 days'
    from generate_series(1, ${TOTAL}) i
    cross join (select id from cases order by reference limit 1) c
    cross join (select id from groups where key = 'claims-adjusters') g
    cross join (select id from users where email = 'adjuster@example.com') a
    cross join (select id from sla_policies where key = 'adjuster-review') p
    cross join lateral (select case when i <= ${DUE} then ${at}::timestamptz - i * interval '7 seconds'
                                    else ${at}::timestamptz + (3600 + i * 13) * interval '1 second' end as due) d
    cross join lateral (select case when i > ${DUE} and i <= ${2 * DUE} then ${at}::timestamptz - (i - ${DUE}) * interval '5 seconds' end as remind) r`);
  await db.execute(sql`vacuum analyze`);
}

type Run = { label: string; n: number; secs: number; rate: number };
async function timed(label: string, run: () => Promise<number>): Promise<Run> {
  const s = performance.now();
  const n = await run();
  const secs = (performance.now() - s) / 1000;
  console.log(`${label}: ${n} in ${secs.toFixed(2)} s`);
  return { label, n, secs, rate: n / secs };
}

/**
 * What a run wrote, counted over the whole database (cheap: by action, kind, index); the same
 * counts on the fresh copy are subtracted, so each figure must equal the tasks swept.
 */
async function counts(db: Db) {
  const [r] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from tasks where ${generated} and escalation_level = 1) as escalated,
             (select count(*)::int from audit_events where action = 'task.escalated') as escalation_events,
             (select count(*)::int from notifications where kind = 'escalation') as escalation_notes,
             (select count(*)::int from tasks where ${generated} and reminded_at is not null) as reminded,
             (select count(*)::int from audit_events where action = 'task.reminded') as reminder_events,
             (select count(*)::int from notifications where kind = 'reminder') as reminder_notes,
             (select count(*)::int from email_outbox) as emails`,
  );
  return r!;
}

let baseline: Record<string, number> = {};
async function check(db: Db) {
  const now = await counts(db);
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (baseline[k] ?? 0)]));
}

async function main() {
  console.log(`preparing ${DUE} escalations and ${DUE} reminders due among ${TOTAL} open tasks…`);
  const scratch = await createScratchDb(BENCH, { seed: { now: new Date('2027-01-04T15:00:00Z') } });
  const tmpl = `${scratch.name}_tmpl`;
  const url = databaseUrlFor(base, scratch.name);
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const handles: DbHandle[] = [];
  const fresh = async (max = 4) => {
    await Promise.all(handles.splice(0).map((h) => h.close()));
    await admin.unsafe(`drop database if exists ${scratch.name} with (force)`);
    await admin.unsafe(`create database ${scratch.name} template ${tmpl}`);
    const h = openPostgres(url, { max });
    handles.push(h);
    return h.db;
  };
  const sweepers = (n: number) =>
    Array.from({ length: n }, () => {
      const h = openPostgres(url, { max: 2 });
      handles.push(h);
      return h.db;
    });
  try {
    await prepare(scratch.db);
    await scratch.handle.close();
    await admin.unsafe(`drop database if exists ${tmpl}`);
    await admin.unsafe(`alter database ${scratch.name} rename to ${tmpl}`);

    const runs: Record<string, Run> = {};
    const checks: Record<string, Record<string, number>> = {};
    let db = await fresh();
    baseline = await counts(db);
    runs.floor = await timed('floor: claim 100 + update (escalations)', () =>
      floorClaimUpdate(db, at, 'next_escalation_at'),
    );
    runs.floorRemind = await timed('floor: claim 100 + update (reminders)', () =>
      floorClaimUpdate(db, at, 'remind_at'),
    );
    db = await fresh();
    runs.floorRows = await timed(
      `floor: claim ${BATCH} + update + audit/notification/e-mail rows`,
      () => floorWithRows(db, at, BATCH),
    );
    checks.floorRows = await check(db);
    db = await fresh();
    runs.one = await timed('escalateDueTasks, 1 sweeper', () =>
      escalateDueTasks(db, NOW, { maxBatches: 100_000 }),
    );
    runs.remindOne = await timed('sendDueReminders, 1 sweeper', () =>
      sendDueReminders(db, NOW, { maxBatches: 100_000 }),
    );
    checks.one = await check(db);
    db = await fresh();
    const three = sweepers(3);
    runs.three = await timed('escalateDueTasks, 3 sweepers', async () =>
      (
        await Promise.all(three.map((x) => escalateDueTasks(x, NOW, { maxBatches: 100_000 })))
      ).reduce((a, b) => a + b, 0),
    );
    runs.remindThree = await timed('sendDueReminders, 3 sweepers', async () =>
      (
        await Promise.all(three.map((x) => sendDueReminders(x, NOW, { maxBatches: 100_000 })))
      ).reduce((a, b) => a + b, 0),
    );
    checks.three = await check(db);

    db = await fresh();
    const plans = await sweepPlans(db);
    const rows = resultRows(runs);
    const checkRows = Object.entries(checks).map(([run, c]) => [
      run,
      ...Object.values(c).map(String),
    ]);
    writeReport({
      name: BENCH,
      title: 'Escalation and reminder sweeps (PostgreSQL)',
      machine: await machineInfo(base),
      intro: [
        `${DUE.toLocaleString('en-US')} escalations (level 0 → 1, notify the supervisor) and ${DUE.toLocaleString('en-US')} reminders (half to the assignee, half to a group of two) fallen due among ${TOTAL.toLocaleString('en-US')} open tasks plus the demo seed; every due time distinct. Each run starts from a fresh copy of the same database. The sweeps claim ${BATCH} rows a transaction (FOR UPDATE SKIP LOCKED), decide each task with the domain functions (lifecycle, SLA ladder on the business calendar, who can act) and write the batch with one statement per table; one sweeper keeps ${SWEEP_LANES} batches under way (one decided while the other writes, lib/use-cases/sweep-lanes.ts), so "3 sweepers" is three such calls.`,
        `Floors, same data, same run: the issue's claim 100 + update only; and claim ${BATCH} + update + one audit event + one notification + its e-mail a task, set-based in one statement a batch (the rows a level-1 escalation writes).`,
      ],
      rows,
      sections: [
        '## Runs',
        markdownTable(
          ['run', 'rows', 'seconds', 'rows / s'],
          Object.values(runs).map((r) => [
            r.label,
            String(r.n),
            r.secs.toFixed(2),
            String(Math.round(r.rate)),
          ]),
        ),
        '## Exactly once (generated tasks after each run)',
        markdownTable(['run', ...Object.keys(checks.one)], checkRows),
        '## Query plans (the due set above; each in a transaction rolled back)',
        ...plans,
      ],
    });
  } finally {
    await Promise.all(handles.map((h) => h.close().catch(() => {})));
    await dropDatabase(base, scratch.name);
    await dropDatabase(base, tmpl);
    await admin.end({ timeout: 5 });
  }
}

function resultRows(runs: Record<string, Run>): BenchRow[] {
  const floor = runs.floor!.rate;
  const one = runs.one!.rate;
  return [
    {
      what: 'escalations/s, 1 sweeper, with audit + notification + e-mail rows',
      value: Math.round(one),
      unit: 'escalations/s',
      floor: Math.round(floor),
      target: '≥ 5,000/s and ≥ 25% of the claim + update floor',
      met: one >= 5000 && one >= 0.25 * floor,
      note: `${Math.round((100 * one) / floor)}% of the claim + update floor; ${Math.round((100 * one) / runs.floorRows!.rate)}% of the floor that writes the same rows (${Math.round(runs.floorRows!.rate)}/s)`,
    },
    {
      what: 'escalations/s, 3 sweepers',
      value: Math.round(runs.three!.rate),
      unit: 'escalations/s',
      floor: Math.round(floor),
      target: 'context',
      met: null,
    },
    {
      what: 'reminders/s, 1 sweeper',
      value: Math.round(runs.remindOne!.rate),
      unit: 'reminders/s',
      floor: Math.round(runs.floorRemind!.rate),
      target: 'batched like escalations',
      met: null,
      note: 'a reminder to a group writes one notification + e-mail per member',
    },
    {
      what: 'reminders/s, 3 sweepers',
      value: Math.round(runs.remindThree!.rate),
      unit: 'reminders/s',
      floor: Math.round(runs.floorRemind!.rate),
      target: 'context',
      met: null,
    },
  ];
}

/** Plans of the sweep's statements: claims walk the partial due indexes, writes touch only the batch. */
async function sweepPlans(db: Db): Promise<string[]> {
  const claim = (col: DueColumn) =>
    sql`select t.id, c.reference, h.email from tasks t left join cases c on c.id = t.case_id left join users h on h.id = t.assignee_id
        where t.status in ('ready','claimed') and t.${sql.raw(col)} is not null and t.${sql.raw(col)} <= ${at}::timestamptz
        order by t.${sql.raw(col)} limit ${BATCH} for update of t skip locked`;
  const batchJson = sql`(select jsonb_agg(jsonb_build_object('id', id, 'level', 1, 'escalated_at', ${at}::timestamptz, 'next_at', null, 'assignee_id', assignee_id, 'status', status, 'claimed_at', claimed_at, 'version', version, 'remind_at', remind_at, 'group_id', candidate_group_id))
        from (select * from tasks where ${openDue(at, 'next_escalation_at')} order by next_escalation_at limit ${BATCH}) b)`;
  const update = sql`update tasks set escalation_level = v.level, escalated_at = v.escalated_at, next_escalation_at = v.next_at, assignee_id = v.assignee_id,
      status = v.status, claimed_at = v.claimed_at, version = v.version, remind_at = v.remind_at, candidate_group_id = v.group_id, updated_at = ${at}::timestamptz
    from jsonb_to_recordset(${batchJson}) as v(id uuid, level int, escalated_at timestamptz, next_at timestamptz, assignee_id uuid, status task_status, claimed_at timestamptz, version int, remind_at timestamptz, group_id uuid)
    where tasks.id = v.id`;
  return [
    planSection(
      `Escalation sweep: claim ${BATCH} due tasks`,
      await explainAnalyze(db, claim('next_escalation_at')),
    ),
    planSection(
      `Reminder sweep: claim ${BATCH} due tasks`,
      await explainAnalyze(db, claim('remind_at')),
    ),
    planSection(
      `Escalation sweep: the batch's task update (${BATCH} rows from one JSON parameter)`,
      await explainAnalyze(db, update),
    ),
  ];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
