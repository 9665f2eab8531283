/**
 * `DATABASE_URL=postgres://… npx tsx scripts/bench/inbox.ts [--tasks N] [--seconds S] [--http]`
 *
 * The inbox (GET /api/inbox: one page plus the queue rail's counts) and the task screen's data
 * at 8 concurrent people, first on the 40-case demo, then on the large data set (default
 * 1,000,000 open tasks, scripts/bench/dataset.ts), each queue next to its floor: the raw-SQL top-50
 * page of the same queue, 8 concurrent, measured in the same run on the same data.
 *
 * Measured at the use-case level: what the route handler calls (loadInbox, getTaskDetail) with a
 * pooled database handle of 10 connections, as the app has; the session lookup and JSON of the
 * HTTP layer are not in these figures. `--http` adds one HTTP figure (GET /api/inbox?queue=mine
 * through the production build, which must exist: `npx next build`).
 *
 * Database time per request: the CPU time the PostgreSQL backends serving the pool spent during
 * the run (/proc/<pid>/schedstat; the server must run on this machine, else "n/a") divided by the
 * requests, for ours and the floor alike: parse, plan and execution of every statement.
 *
 * Writes bench/results/inbox.md (figures, floors, targets, EXPLAIN (ANALYZE, BUFFERS) of every
 * statement of each hot path) and bench/results/inbox.json.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { queryRows, type Db } from '../../db/client';
import { endOfLocalDay } from '../../lib/domain/business-calendar';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { getTaskDetail } from '../../lib/use-cases/get-task-detail';
import { loadInbox } from '../../lib/use-cases/inbox-load';
import { buildLargeDataset } from './dataset';
import {
  compare,
  DB_TIME_FACTOR,
  explainStatements,
  load,
  P95_TARGET_MS,
  recordingDb,
  WORKERS,
} from './inbox-measure';
import { benchPeople, scenarios, type Scenario } from './inbox-scenarios';
import {
  formatNumber,
  machineInfo,
  markdownTable,
  planSection,
  QUICK,
  renderReport,
  startServer,
  signIn,
  withScratchDb,
  writeResults,
  type BenchRow,
} from './lib';
import { cliFlag, cliOption } from './lib-cli';

const TASKS = Number(cliOption('tasks') ?? (QUICK ? 20_000 : 1_000_000));
const SECONDS = Number(cliOption('seconds') ?? (QUICK ? 2 : 6));
const HTTP = cliFlag('http');
const HTTP_PORT = 3391;

async function main() {
  const machine = await machineInfo();
  const now = new Date();
  await withScratchDb('inbox', { seed: { now } }, async (scratch) => {
    const client = scratch.handle.sqlClient!;
    const db = scratch.db;
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const { actors, ids } = await benchPeople(db);
      const tz = actors.adjuster.timeZone ?? 'UTC';
      const list = scenarios(now, endOfLocalDay(now, tz));
      const filtersOf = (s: Scenario) =>
        inboxFilterSchema.parse({
          ...s.filters,
          ...(s.filters.queue === 'group' ? { queue: `group:${ids.group}` } : {}),
        });
      const ours = (s: Scenario, d: Db = db) => loadInbox(d, actors[s.who], filtersOf(s), now);
      const openTaskIds = async () =>
        (
          await queryRows<{ id: string }>(
            db,
            sql`select id from tasks where status in ('ready', 'claimed') and candidate_group_id = ${ids.group} order by id limit 2000`,
          )
        ).map((r) => r.id);
      const taskFloor = (id: string) =>
        client.unsafe(
          `select t.*, c.* from tasks t join cases c on c.id = t.case_id where t.id = $1`,
          [id],
        );

      // ---- The demo (40 cases)
      console.log('demo size: measuring');
      const demoRows: (string | number | null)[][] = [];
      for (const s of list) {
        const r = await load(admin, scratch.name, () => ours(s), Math.min(SECONDS, 3));
        demoRows.push([s.label, r.p50, r.p95, r.throughput, r.dbMs]);
      }
      const demoTasks = await openTaskIds();
      const demoTask = await load(
        admin,
        scratch.name,
        (w, i) => getTaskDetail(db, actors.adjuster, demoTasks[(w * 7 + i) % demoTasks.length]!),
        Math.min(SECONDS, 3),
      );
      demoRows.push([
        'task screen (getTaskDetail)',
        demoTask.p50,
        demoTask.p95,
        demoTask.throughput,
        demoTask.dbMs,
      ]);

      // ---- The large data set
      console.log(`building ${TASKS.toLocaleString('en-US')} open tasks`);
      const built = await buildLargeDataset(client, { openTasks: TASKS, now, log: console.log });
      const [sizes] = await queryRows<{
        open: number;
        total: number;
        cases: number;
        mine: number;
        ada: number;
      }>(
        db,
        sql`select (select count(*)::int from tasks where status in ('ready', 'claimed')) open,
                   (select count(*)::int from tasks) total, (select count(*)::int from cases) cases,
                   (select count(*)::int from tasks where assignee_id = ${ids.adjuster} and status in ('ready', 'claimed')) mine,
                   (select count(*)::int from cases where search_text like '% ada%') ada`,
      );

      const rows: BenchRow[] = [];
      const table: (string | number | null)[][] = [];
      const planSections: string[] = [];
      const label = `${formatNumber(TASKS)} open tasks`;
      for (const s of list) {
        console.log(`${s.label}: floor, then ours`);
        const floorSql = s.floor(ids);
        const floor = await load(admin, scratch.name, () => client.unsafe(floorSql), SECONDS);
        const r = await load(admin, scratch.name, () => ours(s), SECONDS);
        const c = compare(`GET /api/inbox ${s.label}, ${label}`, r, floor);
        table.push([s.label, ...c.table.slice(1)]);
        rows.push(...c.rows);
        const rec = recordingDb(client);
        await ours(s, rec.db);
        const plans = await explainStatements(client, rec.statements);
        planSections.push(
          `### ${s.label}\n\n${rec.statements.length} statements per request (run in parallel where independent).\n`,
          ...plans.map((p, i) => planSection(`${s.label}: statement ${i + 1}`, p)),
          planSection(
            `${s.label}: the floor`,
            (await client.unsafe(`explain (analyze, buffers) ${floorSql}`))
              .map((x) => String(Object.values(x)[0]))
              .join('\n'),
          ),
        );
      }

      // ---- The task screen
      console.log('task screen');
      const taskIds = await openTaskIds();
      const tFloor = await load(
        admin,
        scratch.name,
        (w, i) => taskFloor(taskIds[(w * 7 + i) % taskIds.length]!),
        SECONDS,
      );
      const task = await load(
        admin,
        scratch.name,
        (w, i) => getTaskDetail(db, actors.adjuster, taskIds[(w * 7 + i) % taskIds.length]!),
        SECONDS,
      );
      // The floor: the task and its case by id.
      const t = compare(`GET /api/tasks/:id data (getTaskDetail), ${label}`, task, tFloor);
      table.push(['task screen (getTaskDetail)', ...t.table.slice(1)]);
      rows.push(...t.rows);
      const rec = recordingDb(client);
      await getTaskDetail(rec.db, actors.adjuster, taskIds[0]!);
      const taskPlans = await explainStatements(client, rec.statements);
      planSections.push(
        `### Task screen\n\n${rec.statements.length} statements per request.\n`,
        ...taskPlans.map((p, i) =>
          planSection(
            `task screen: statement ${i + 1}`,
            p,
            '`' + rec.statements[i]!.query.slice(0, 300).replace(/`/g, "'") + '`',
          ),
        ),
      );

      // ---- One HTTP figure
      const httpRows: string[] = [];
      if (HTTP) {
        console.log('HTTP: GET /api/inbox?queue=mine');
        const server = await startServer({ databaseUrl: scratch.url, port: HTTP_PORT });
        try {
          const cookie = await signIn(server.url, 'adjuster@example.com');
          const r = await load(
            admin,
            scratch.name,
            async () => {
              const res = await fetch(`${server.url}/api/inbox?queue=mine`, {
                headers: { cookie },
              });
              if (!res.ok) throw new Error(`status ${res.status}`);
              await res.arrayBuffer();
            },
            SECONDS,
          );
          rows.push({
            what: `HTTP GET /api/inbox?queue=mine, ${label}, 8 people: p95`,
            value: r.p95,
            unit: 'ms',
            floor: null,
            target: `≤ ${P95_TARGET_MS} ms`,
            met: r.p95 <= P95_TARGET_MS,
            note: `p50 ${formatNumber(r.p50)} ms, ${formatNumber(r.throughput)}/s; database ${r.dbMs === null ? 'n/a' : formatNumber(r.dbMs)} ms/request (with the session lookup); server and load generator share the 2 cores`,
          });
          httpRows.push(
            `HTTP through the production build (next start, one process): p50 ${formatNumber(r.p50)} ms, p95 ${formatNumber(r.p95)} ms, ${formatNumber(r.throughput)} requests/s.`,
          );
        } finally {
          await server.stop();
        }
      }

      const headers = [
        'what',
        'p50 ms',
        'p95 ms',
        'req/s',
        'db ms/req',
        'floor p50',
        'floor p95',
        'floor req/s',
        'floor db ms/req',
        'db ÷ floor',
        'met',
      ];
      const md = renderReport({
        name: 'inbox',
        title: 'Inbox and task screen at a large book',
        machine,
        intro: [
          `Large data set: ${formatNumber(sizes!.open)} open tasks (${formatNumber(sizes!.total)} tasks, ${formatNumber(sizes!.cases)} cases, ${formatNumber(built.auditEvents)} generated audit events), built by scripts/bench/dataset.ts in ${built.seconds.toFixed(1)} s (${Object.entries(
            built.phases,
          )
            .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
            .join(
              '; ',
            )}). Alex Adjuster holds ${formatNumber(sizes!.mine)} open tasks; ${formatNumber(sizes!.ada)} cases match "ada".`,
          `Method: ${WORKERS} concurrent workers (people) for ${SECONDS} s each, after a warm-up, calling what GET /api/inbox calls (loadInbox: the page, the rail counts in one statement, the total) on a pool of 10 connections; the floor is the raw-SQL top-50 page of the same queue (the same columns a row shows, one index range per slice), ${WORKERS} concurrent, same data, same run. Database time per request: CPU time of the PostgreSQL backends during the run ÷ requests. Targets: p95 ≤ ${P95_TARGET_MS} ms and database time ≤ ${DB_TIME_FACTOR}× the floor's. Counts are exact up to 1,000 (100 for a search or filter), then "1,000+".`,
          ...httpRows,
        ],
        rows,
        sections: [
          `## At ${label}\n\n${markdownTable(headers, table)}`,
          `## The demo (40 cases)\n\n${markdownTable(['what', 'p50 ms', 'p95 ms', 'req/s', 'db ms/req'], demoRows)}`,
          `## Query plans at ${label}\n\nEXPLAIN (ANALYZE, BUFFERS) of every statement of one request, run after the load.\n`,
          ...planSections,
        ],
      });
      writeResults('inbox', rows, md);
    } finally {
      await admin.end({ timeout: 5 });
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
