/**
 * `DATABASE_URL=postgres://… npx tsx scripts/bench/case-field-filters.ts --label before|after [--tasks N] [--runs R]`
 *
 * Inbox case-field filters and searches on a large queue: the filtered page (listInbox, page and
 * total) and a saved view's rail count (readInboxPage with a one-row page, as list-views.ts
 * counts), each next to its raw-SQL floor, sequential runs (p50/p95), on a data set built once
 * into `handoff_bench_cff_keep` (scripts/bench/dataset.ts) and reused by later runs (drop it by
 * hand when done). `--label` names the run: bench/results/case-field-filters.<label>.json;
 * with both runs present, bench/results/case-field-filters.md is written from them
 * (`--report-only` writes it from the two files without measuring). The machine is shared: the
 * two runs' loads differ, so each run's exact floor is measured beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, queryRows } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { inboxFilterSchema, type InboxFilters } from '../../lib/schemas/inbox';
import { listInbox, readInboxPage } from '../../lib/use-cases/list-inbox';
import { seedDemo } from '../seed/seed-demo';
import { buildLargeDataset } from './dataset';
import { recordingDb, explainStatements } from './inbox-measure';
import { benchPeople } from './inbox-scenarios';
import { FILTER_SCAN_LIMIT } from '../../lib/data/inbox';
import { databaseUrlFor, requireDatabaseUrl, RESULTS_DIR, timeRuns, type Summary } from './lib';
import { cliFlag, cliOption } from './lib-cli';

const TASKS = Number(cliOption('tasks') ?? 1_000_000);
const RUNS = Number(cliOption('runs') ?? 5);
const LABEL = cliOption('label') ?? 'after';
const NAME = 'handoff_bench_cff_keep';

type Case = {
  key: string;
  label: string;
  filters: Record<string, string>;
  /** The raw-SQL condition on `c` (cases) of the floor. */
  floorCond: string;
};

/** damageEstimate of the generated cases lies in 2,000…61,940; fraudScore in 0…0.40. */
const CASES: Case[] = [
  {
    key: 'none',
    label: 'cf.damageEstimate.min=100000 (matches nothing)',
    filters: { 'cf.damageEstimate.min': '100000' },
    floorCond: `jsonb_typeof(c.data->'damageEstimate') = 'number' and (c.data->>'damageEstimate')::numeric >= 100000`,
  },
  {
    key: 'rare',
    label: 'cf.fraudScore.min=0.399 (about 1 in 500)',
    filters: { 'cf.fraudScore.min': '0.399' },
    floorCond: `jsonb_typeof(c.data->'fraudScore') = 'number' and (c.data->>'fraudScore')::numeric >= 0.399`,
  },
  {
    key: 'common',
    label: 'cf.damageEstimate.min=30000 (about half)',
    filters: { 'cf.damageEstimate.min': '30000' },
    floorCond: `jsonb_typeof(c.data->'damageEstimate') = 'number' and (c.data->>'damageEstimate')::numeric >= 30000`,
  },
  {
    key: 'q-none',
    label: 'q=zzqx (search matching nothing)',
    filters: { q: 'zzqx' },
    floorCond: `c.search_text like '% zzqx%'`,
  },
];

type Row = {
  key: string;
  label: string;
  page: Summary;
  count: Summary;
  floor: Summary;
  /** The raw-SQL page of the bounded read: the first FILTER_SCAN_LIMIT tasks, then the check. */
  boundFloor: Summary | null;
  total: number | null;
  totalCapped: boolean;
  scanLimited: boolean | null;
};

async function main() {
  if (cliFlag('report-only')) return writeMarkdown();
  const base = requireDatabaseUrl('case-field-filters');
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const now = new Date();
  const exists = (await admin`select 1 from pg_database where datname = ${NAME}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${NAME}`);
  const handle = openPostgres(databaseUrlFor(base, NAME), { max: 10 });
  const db = handle.db;
  const client = handle.sqlClient!;
  try {
    if (!exists) {
      await runMigrations(handle);
      await seedDemo(db, { now });
      const built = await buildLargeDataset(client, { openTasks: TASKS, now, log: console.log });
      console.log(JSON.stringify(built));
    }
    const { actors, ids } = await benchPeople(db);
    const [size] = await queryRows<{ ready: number; open: number }>(
      db,
      sql`select (select count(*)::int from tasks where status = 'ready' and candidate_group_id = ${ids.group}) ready,
                 (select count(*)::int from tasks where status in ('ready', 'claimed')) open`,
    );
    console.log(`queue: ${size!.ready} ready tasks; ${size!.open} open in all`);
    const rows: Row[] = [];
    const plans: string[] = [];
    for (const c of CASES) {
      const f: InboxFilters = inboxFilterSchema.parse({
        queue: `group:${ids.group}`,
        ...Object.fromEntries(Object.entries(c.filters).filter(([k]) => !k.startsWith('cf.'))),
        fields: Object.fromEntries(
          Object.entries(c.filters)
            .filter(([k]) => k.startsWith('cf.'))
            .map(([k, v]): [string, Record<string, string>] => {
              const [, p, op] = k.split('.');
              return [p!, { [op!]: v }];
            }),
        ),
      });
      const floorSql = `select t.id, t.name, c.reference, c.title from tasks t join cases c on c.id = t.case_id
        where t.candidate_group_id = '${ids.group}' and t.status = 'ready' and ${c.floorCond}
        order by coalesce(t.due_at, 'infinity'::timestamptz), t.id limit 50`;
      const boundFloorSql = `select t.id, t.name, c.reference, c.title from (
          select id, case_id, name, coalesce(due_at, 'infinity'::timestamptz) k from tasks
          where candidate_group_id = '${ids.group}' and status = 'ready'
          order by coalesce(due_at, 'infinity'::timestamptz), id limit ${FILTER_SCAN_LIMIT}) t
        join cases c on c.id = t.case_id where ${c.floorCond} order by t.k, t.id limit 50`;
      const opts = { runs: RUNS, warmup: 1 };
      console.log(`${c.key}: page`);
      const sample = await listInbox(db, actors.adjuster, f, now);
      const page = await timeRuns(() => listInbox(db, actors.adjuster, f, now), opts);
      console.log(`${c.key}: count`);
      const count = await timeRuns(
        () => readInboxPage(db, actors.adjuster, { ...f, limit: 1 }, now),
        opts,
      );
      console.log(`${c.key}: floor`);
      const floor = await timeRuns(() => client.unsafe(floorSql), opts);
      const boundFloor = await timeRuns(() => client.unsafe(boundFloorSql), opts);
      const s = sample as typeof sample & { scanLimited?: boolean };
      rows.push({
        key: c.key,
        label: c.label,
        page,
        count,
        floor,
        boundFloor,
        total: sample.total,
        totalCapped: sample.totalCapped,
        scanLimited: s.scanLimited ?? null,
      });
      console.log(
        `${c.key}: page p50 ${page.p50.toFixed(1)} count p50 ${count.p50.toFixed(1)} floor p50 ${floor.p50.toFixed(1)} bounded floor p50 ${boundFloor.p50.toFixed(1)} ms; total ${sample.total}${sample.totalCapped ? '+' : ''} scanLimited ${String(s.scanLimited ?? null)}`,
      );
      if (LABEL === 'after') {
        const rec = recordingDb(client);
        await readInboxPage(rec.db, actors.adjuster, { ...f, limit: 50 }, now);
        const ex = await explainStatements(client, rec.statements);
        plans.push(
          `### ${c.label}\n\n${ex.map((p, i) => `Statement ${i + 1}:\n\n\`\`\`\n${p}\n\`\`\`\n`).join('\n')}`,
        );
      }
    }
    const out = { label: LABEL, at: now.toISOString(), size, runs: RUNS, rows, plans };
    fs.writeFileSync(
      path.join(RESULTS_DIR, `case-field-filters.${LABEL}.json`),
      JSON.stringify(out, null, 2),
    );
    writeMarkdown();
  } finally {
    await handle.close();
    await admin.end({ timeout: 5 });
  }
}

type Out = {
  label: string;
  at: string;
  size: { ready: number; open: number };
  runs: number;
  rows: Row[];
  plans: string[];
};

function writeMarkdown() {
  const read = (l: string): Out | null => {
    const p = path.join(RESULTS_DIR, `case-field-filters.${l}.json`);
    return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as Out) : null;
  };
  const before = read('before');
  const after = read('after');
  if (!before || !after) return;
  const ms = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(1));
  const lines = [
    '# Inbox case-field filters and search on a large queue',
    '',
    `Generated by \`scripts/bench/case-field-filters.ts\` (before: ${before.at}; after: ${after.at}).`,
    `Data: ${after.size.open.toLocaleString('en-US')} open tasks; the queue (group "Claims adjusters", ready) holds ${after.size.ready.toLocaleString('en-US')} tasks.`,
    `Sequential runs (${after.runs} after one warm-up), milliseconds. "page": listInbox with a 50-row page and its total; "count": a saved view's rail count (readInboxPage with a one-row page, as lib/use-cases/list-views.ts counts it). Floor: the raw-SQL top-50 page of the same filter, exact (walks the queue until 50 match).`,
    '',
    '| filter | page p50 before | count p50 before | exact floor p50, before run | page p50 after | count p50 after | exact floor p50, after run | bounded floor p50 | answer before | answer after |',
    '|---|--:|--:|--:|--:|--:|--:|--:|---|---|',
    ...after.rows.map((a) => {
      const b = before.rows.find((x) => x.key === a.key);
      const answer = (r: Row | undefined) =>
        r
          ? `total ${r.total ?? 'n/a'}${r.totalCapped ? '+' : ''}${r.scanLimited ? `, stopped after ${FILTER_SCAN_LIMIT.toLocaleString('en-US')} tasks` : ''}`
          : 'n/a';
      return `| ${a.label} | ${ms(b?.page.p50)} | ${ms(b?.count.p50)} | ${ms(b?.floor.p50)} | ${ms(a.page.p50)} | ${ms(a.count.p50)} | ${ms(a.floor.p50)} | ${ms(a.boundFloor?.p50)} | ${answer(b)} | ${answer(a)} |`;
    }),
    '',
    `Floors: "exact" walks the queue in page order until 50 tasks match (what the page did before); "bounded" reads the first ${FILTER_SCAN_LIMIT.toLocaleString('en-US')} tasks of the queue in page order and checks their cases (what the page does now). The generated data's attributes are linear in the row number (scripts/bench/dataset.ts \`u\`), so fraudScore correlates with the deadline: none of the first ${FILTER_SCAN_LIMIT.toLocaleString('en-US')} tasks by deadline has a fraud score ≥ 0.399 (checked by hand in SQL), hence "0+" for the rare filter.`,
    '',
    '## EXPLAIN (ANALYZE, BUFFERS) of the new statements (50-row page)',
    '',
    ...after.plans,
  ];
  fs.writeFileSync(path.join(RESULTS_DIR, 'case-field-filters.md'), lines.join('\n') + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
