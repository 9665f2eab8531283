/**
 * `DATABASE_URL=postgres://… npx tsx scripts/bench/inbox-quick.ts [--tasks N] [--seconds S] [--only key,key]`
 *
 * A quick loop for work on the inbox: the scenarios of scripts/bench/inbox.ts (ours and the floor)
 * on a large data set that is built once into `handoff_bench_inbox_keep` and reused by later runs
 * (drop it by hand when done). Prints p50/p95/throughput and database ms per request; writes no
 * results (the figures of record come from `npm run bench -- --only inbox`).
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres, queryRows } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { endOfLocalDay } from '../../lib/domain/business-calendar';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { getTaskDetail } from '../../lib/use-cases/get-task-detail';
import { loadInbox } from '../../lib/use-cases/inbox-load';
import { seedDemo } from '../seed/seed-demo';
import { buildLargeDataset } from './dataset';
import { load } from './inbox-measure';
import { benchPeople, scenarios } from './inbox-scenarios';
import { databaseUrlFor, requireDatabaseUrl } from './lib';
import { cliOption } from './lib-cli';

const TASKS = Number(cliOption('tasks') ?? 1_000_000);
const SECONDS = Number(cliOption('seconds') ?? 5);
const ONLY = cliOption('only')?.split(',');
const NAME = 'handoff_bench_inbox_keep';

async function main() {
  const base = requireDatabaseUrl('inbox-quick');
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const now = new Date();
  const exists = (await admin`select 1 from pg_database where datname = ${NAME}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${NAME}`);
  const handle = openPostgres(databaseUrlFor(base, NAME), { max: 10 });
  const db = handle.db;
  try {
    if (!exists) {
      await runMigrations(handle);
      await seedDemo(db, { now });
      await buildLargeDataset(handle.sqlClient!, { openTasks: TASKS, now, log: console.log });
    }
    const { actors, ids } = await benchPeople(db);
    const client = handle.sqlClient!;
    const fmt = (r: { p50: number; p95: number; throughput: number; dbMs: number | null }) =>
      `p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} ${r.throughput.toFixed(0)}/s db ${r.dbMs?.toFixed(2) ?? 'n/a'} ms`;
    for (const s of scenarios(now, endOfLocalDay(now, actors.adjuster.timeZone ?? 'UTC'))) {
      if (ONLY && !ONLY.includes(s.key)) continue;
      const f = inboxFilterSchema.parse({
        ...s.filters,
        ...(s.filters.queue === 'group' ? { queue: `group:${ids.group}` } : {}),
      });
      const floorSql = s.floor(ids);
      const floor = await load(admin, NAME, () => client.unsafe(floorSql), SECONDS);
      const r = await load(admin, NAME, () => loadInbox(db, actors[s.who], f, new Date()), SECONDS);
      console.log(`${s.key.padEnd(10)} ours ${fmt(r)} | floor ${fmt(floor)}`);
    }
    if (!ONLY || ONLY.includes('task')) {
      const taskIds = (
        await queryRows<{ id: string }>(
          db,
          sql`select id from tasks where status in ('ready', 'claimed') and candidate_group_id = ${ids.group} order by id limit 2000`,
        )
      ).map((r) => r.id);
      const r = await load(
        admin,
        NAME,
        (w, i) => getTaskDetail(db, actors.adjuster, taskIds[(w * 7 + i) % taskIds.length]!),
        SECONDS,
      );
      console.log(`task       ours ${fmt(r)}`);
    }
  } finally {
    await handle.close();
    await admin.end({ timeout: 5 });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
