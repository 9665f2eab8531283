/**
 * What partitioning audit_events by month (migration 0013) costs: insert throughput and the audit
 * log's reads on the partitioned table against the same table unpartitioned (the shape before
 * 0013: primary key on id, the same four indexes), in the same run and database, each preloaded
 * with the same events over 24 months.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench/audit-partitions.ts
 *
 * Inserts: `workers` clients, each transaction one multi-row INSERT of 6 events (as an intake
 * request writes its events), for a few seconds per table, alternating tables three times.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type postgres from 'postgres';
import { migrationsFolder, runMigrations } from '../../db/migrate';
import {
  explainAnalyze,
  machineInfo,
  markdownTable,
  planSection,
  quick,
  runConcurrent,
  timeRuns,
  withScratchDb,
  writeReport,
  type BenchRow,
  type Summary,
} from './lib';

const NAME = 'audit-partitions';
const MONTHS = 24;
const PRELOAD_PER_MONTH = quick(20_000, 1_000);
const WORKERS = 8;
const SECONDS = quick(6, 1);
const ROUNDS = quick(3, 1);
const EVENTS_PER_TX = 6;
const PLAIN = 'audit_events_plain';
const PARTITIONED = 'audit_events';
const COLUMNS = [
  'actor_type',
  'actor_label',
  'action',
  'entity_type',
  'entity_id',
  'summary',
] as const;

async function prepare(client: postgres.Sql) {
  // The partitioned table's partitions for the preloaded months (the migration made the current
  // month and three ahead), then the unpartitioned twin as audit_events was before 0013 (hash-chained like it since 0017).
  await client.unsafe(`
    select handoff_ensure_audit_partition((date_trunc('month', now()) - make_interval(months => m))::date)
      from generate_series(1, ${MONTHS}) m`);
  await client.unsafe(`
    create table ${PLAIN} (like audit_events including defaults);
    alter table ${PLAIN} add primary key (id);
    create index on ${PLAIN} (case_id, id);
    create index on ${PLAIN} (entity_type, entity_id, id);
    create index on ${PLAIN} (occurred_at);
    create index on ${PLAIN} (action, occurred_at);
    create trigger no_update_delete before update or delete on ${PLAIN}
      for each row execute function handoff_audit_events_immutable();
    create trigger chain before insert on ${PLAIN}
      for each row execute function handoff_audit_chain();`);
  for (const table of [PARTITIONED, PLAIN])
    await client.unsafe(`
      insert into ${table} (occurred_at, actor_type, actor_label, action, entity_type, entity_id, summary)
      select now() - ((${MONTHS * PRELOAD_PER_MONTH} - g) * interval '1 month' * ${MONTHS}) / ${MONTHS * PRELOAD_PER_MONTH},
             'system', 'system:bench', (array['case.opened','task.created','task.claimed','task.completed'])[1 + g % 4],
             'task', g::text, 'preloaded event ' || g
        from generate_series(1, ${MONTHS * PRELOAD_PER_MONTH}) g`);
  await client.unsafe('vacuum analyze');
}

async function insertLoad(client: postgres.Sql, table: string) {
  return runConcurrent(
    async (w, i) => {
      const rows = Array.from({ length: EVENTS_PER_TX }, (_, k) => ({
        actor_type: 'system',
        actor_label: 'system:bench',
        action: 'case.opened',
        entity_type: 'case',
        entity_id: `${w}-${i}-${k}`,
        summary: 'benchmark event',
      }));
      await client`insert into ${client(table)} ${client(rows, ...COLUMNS)}`;
    },
    { workers: WORKERS, seconds: SECONDS, warmup: 20 },
  );
}

const MIGRATED_EVENTS = quick(1_000_000, 20_000);

/**
 * Seconds migration 0013 takes over MIGRATED_EVENTS existing events (24 months): a database of its
 * own migrated to 0012, loaded, then migrated to the end as a deploy would.
 */
async function timeMigration(): Promise<number> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-migrations-'));
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.tag < '0013');
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  try {
    return await withScratchDb(`${NAME}_migration`, { migrate: false, seed: false }, async (s) => {
      await migrate(drizzle({ client: s.handle.sqlClient! }), { migrationsFolder: folder });
      await s.handle.sqlClient!.unsafe(`
        insert into audit_events (occurred_at, actor_type, actor_label, action, entity_type, entity_id, summary)
        select now() - ((${MIGRATED_EVENTS} - g) * interval '1 month' * ${MONTHS}) / ${MIGRATED_EVENTS},
               'system', 'system:bench', 'case.opened', 'case', g::text, 'preloaded event ' || g
          from generate_series(1, ${MIGRATED_EVENTS}) g`);
      await s.handle.sqlClient!.unsafe('vacuum analyze audit_events');
      const started = performance.now();
      await runMigrations(s.handle);
      return (performance.now() - started) / 1000;
    });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function main() {
  const machine = await machineInfo();
  const migrationSeconds = await timeMigration();
  await withScratchDb(NAME, { seed: false, max: WORKERS }, async (scratch) => {
    const client = scratch.handle.sqlClient!;
    await prepare(client);
    const parts = await client<{ n: number }[]>`
      select count(*)::int as n from pg_inherits where inhparent = 'audit_events'::regclass`;

    // Alternate the tables so drift of the machine's state does not favour one.
    const rates: Record<string, number[]> = { [PLAIN]: [], [PARTITIONED]: [] };
    for (let round = 0; round < ROUNDS; round++)
      for (const table of [PLAIN, PARTITIONED]) {
        const r = await insertLoad(client, table);
        if (r.errors) throw new Error(`${table}: ${r.errorSamples.join('; ')}`);
        rates[table]!.push(r.throughput * EVENTS_PER_TX);
      }
    // The median run: the machine is shared, so one run alone says little either way.
    const median = (t: string) =>
      [...rates[t]!].sort((a, b) => a - b)[Math.floor(rates[t]!.length / 2)]!;

    // The audit log's reads: the cursor's lookup by id, and a page newest first.
    const [max] = await client<{ maxId: number }[]>`
      select max(id)::int as "maxId" from ${client(PLAIN)}`;
    const maxId = max!.maxId;
    const lookup = async (table: string): Promise<Summary> =>
      timeRuns(
        () =>
          client`select occurred_at from ${client(table)} where id = ${1 + Math.floor(Math.random() * maxId)}`,
        { runs: 400, warmup: 20 },
      );
    const page = async (table: string): Promise<Summary> =>
      timeRuns(
        () =>
          client`select * from ${client(table)} where action <> 'auth.signed_in'
                   order by occurred_at desc, id desc limit 51`,
        { runs: 200, warmup: 10 },
      );
    const reads = {
      lookupPlain: await lookup(PLAIN),
      lookupPart: await lookup(PARTITIONED),
      pagePlain: await page(PLAIN),
      pagePart: await page(PARTITIONED),
    };

    // Space per event, table and indexes together, for sizing months and archives.
    const [size] = await client<{ bytes: number; events: number }[]>`
      select sum(pg_total_relation_size(inhrelid))::float8 as bytes,
             (select count(*) from audit_events)::float8 as events
        from pg_inherits where inhparent = 'audit_events'::regclass`;
    const { bytes, events } = size!;

    // Planning a statement that cannot prune partitions costs time per partition.
    const lookupPlan = await explainAnalyze(
      scratch.db,
      sql`select occurred_at from audit_events where id = ${Math.floor(maxId / 2)}`,
    );
    const planningMs = Number(/Planning Time: ([\d.]+) ms/.exec(lookupPlan)?.[1] ?? NaN);

    const rows: BenchRow[] = [
      {
        what: `audit events inserted, ${WORKERS} clients, ${EVENTS_PER_TX} per transaction, partitioned (${parts[0]!.n} partitions)`,
        value: median(PARTITIONED),
        unit: 'events/s',
        floor: median(PLAIN),
        target: '≥ 80% of unpartitioned',
        met: median(PARTITIONED) >= 0.8 * median(PLAIN),
        note: `runs: partitioned ${rates[PARTITIONED]!.map((x) => Math.round(x)).join(', ')}; unpartitioned ${rates[PLAIN]!.map((x) => Math.round(x)).join(', ')}`,
      },
      {
        what: 'audit log cursor lookup by id (p95), partitioned; floor: unpartitioned',
        value: reads.lookupPart.p95,
        unit: 'ms',
        floor: reads.lookupPlain.p95,
        target: '≤ 5 ms',
        met: reads.lookupPart.p95 <= 5,
        note: `p50 ${reads.lookupPart.p50.toFixed(3)} ms vs ${reads.lookupPlain.p50.toFixed(3)} ms; planning alone ${planningMs.toFixed(2)} ms (${parts[0]!.n} partitions, no pruning on id)`,
      },
      {
        what: 'audit log first page, 50 newest (p95), partitioned; floor: unpartitioned',
        value: reads.pagePart.p95,
        unit: 'ms',
        floor: reads.pagePlain.p95,
        target: '≤ 25 ms',
        met: reads.pagePart.p95 <= 25,
        note: `p50 ${reads.pagePart.p50.toFixed(3)} ms vs ${reads.pagePlain.p50.toFixed(3)} ms`,
      },
      {
        what: 'disk per audit event, table and its indexes (these synthetic events: short texts, no JSON)',
        value: bytes / events,
        unit: 'bytes',
        floor: null,
        target: 'context',
        met: null,
      },
      {
        what: `migrating from 0012 to the latest (0013 partitions audit_events, 0017 hash-chains every event) over ${MIGRATED_EVENTS.toLocaleString('en-US')} events`,
        value: migrationSeconds,
        unit: 's',
        floor: null,
        target: 'context (audit_events is locked meanwhile: plan the deploy)',
        met: null,
      },
    ];
    const plan = (table: string, q: ReturnType<typeof sql>) =>
      explainAnalyze(scratch.db, q).then((p) => planSection(table, p));
    const sections = [
      '## Insert runs',
      '',
      markdownTable(
        ['table', ...rates[PLAIN]!.map((_, i) => `run ${i + 1} (events/s)`)],
        [PLAIN, PARTITIONED].map((t) => [t, ...rates[t]!]),
      ),
      '',
      '## Plans',
      '',
      planSection('cursor lookup by id, partitioned', lookupPlan),
      await plan(
        'first page, partitioned',
        sql`select * from audit_events where action <> 'auth.signed_in' order by occurred_at desc, id desc limit 51`,
      ),
    ];
    writeReport({
      name: NAME,
      title: 'audit_events partitioned by month: insert and read cost',
      machine,
      intro: [
        `Both tables preloaded with ${(MONTHS * PRELOAD_PER_MONTH).toLocaleString('en-US')} events over ${MONTHS} months; ` +
          `inserts: ${WORKERS} clients × ${SECONDS} s per run, median of ${ROUNDS} runs per table, alternating.`,
        'Command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench/audit-partitions.ts`',
      ],
      rows,
      sections,
    });
    for (const r of rows)
      console.log(`${r.what}: ${r.value.toFixed(2)} ${r.unit} (floor ${r.floor?.toFixed(2)})`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
