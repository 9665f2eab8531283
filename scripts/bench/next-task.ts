/**
 * `DATABASE_URL=postgres://… npx tsx scripts/bench/next-task.ts [--tasks N] [--workers K] [--claims C]`
 *
 * "Next task" at a large book (default 1,000,000 open tasks, scripts/bench/dataset.ts):
 * - the plans of the statements claimNextTask issues, recorded from the code itself (a logging
 *   drizzle handle on the same pool) and run under EXPLAIN (ANALYZE, BUFFERS) in a transaction
 *   that is rolled back: the pick (listNextCandidates) must walk tasks_group_next_idx and read
 *   a handful of rows, whatever the queue size;
 * - claimNextTask through the use-case, K concurrent people of one group (default 8 × 200
 *   claims), p50/p95 and claims/s, next to a raw-SQL floor measured in the same run: a bare
 *   `select … order by … limit 1 for update skip locked` + `update` in one transaction;
 * - that no task was claimed twice (by the returned ids, the task rows and the audit events),
 *   and that the claims took the head of the queue;
 * - the saved-view count of a case-field filter (cf.recommendedPayout.min=40000), as listViews
 *   computes it (readInboxPage with a one-row page), timed and explained.
 * Writes bench/results/next-task.md and bench/results/next-task.json.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { listNextCandidates } from '../../lib/data/next-task';
import type { UserActor } from '../../lib/domain/permissions';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { claimNextTask } from '../../lib/use-cases/claim-next-task';
import { readInboxPage } from '../../lib/use-cases/list-inbox';
import { buildLargeDataset } from './dataset';
import { recordingDb } from './inbox-measure';
import {
  claimRun,
  duplicates,
  explainRolledBack,
  headTaken,
  indexRows,
  people,
} from './next-task-measure';
import { nextTaskReport } from './next-task-report';
import { machineInfo, QUICK, timeRuns, withScratchDb, writeReport } from './lib';
import { cliOption } from './lib-cli';

const BENCH = 'next-task';
const TASKS = Number(cliOption('tasks') ?? (QUICK ? 20_000 : 1_000_000));
const WORKERS = Number(cliOption('workers') ?? 8);
const CLAIMS = Number(cliOption('claims') ?? (QUICK ? 20 : 200));
const WARMUP = 3;
/** Each claim run stops after this many seconds even if the claims are not all done. */
const SECONDS = Number(cliOption('seconds') ?? (QUICK ? 10 : 45));
const GROUP_KEY = 'claims-adjusters';
const P95_TARGET_MS = 25;
/** The walk's batch in claim-next-task.ts: the pick should read no more rows than this. */
const PICK_BATCH = 8;
const VIEW_FILTER = { 'cf.recommendedPayout.min': '40000' };

async function main() {
  const machine = await machineInfo();
  const now = new Date();
  await withScratchDb(BENCH, { seed: { now } }, async (scratch) => {
    const client = scratch.handle.sqlClient!;
    const db = scratch.db;
    console.log(`building ${TASKS.toLocaleString('en-US')} open tasks`);
    const built = await buildLargeDataset(client, {
      openTasks: TASKS,
      now,
      // No generated audit history: its insert needs the audit chain trigger, which the load skips.
      auditShare: 0,
      log: console.log,
    });
    const [group] = await queryRows<{ id: string; name: string }>(
      db,
      sql`select id, name from groups where key = ${GROUP_KEY}`,
    );
    const groupId = group!.id;
    const [sizes] = await queryRows<{ open: number; ready: number; group_ready: number }>(
      db,
      sql`select (select count(*)::int from tasks where status in ('ready', 'claimed')) open,
                 (select count(*)::int from tasks where status = 'ready') ready,
                 (select count(*)::int from tasks where status = 'ready' and paused_at is null and candidate_group_id = ${groupId}) group_ready`,
    );
    console.log(sizes);
    const runOpts = { claims: CLAIMS, seconds: SECONDS, warmup: WARMUP };
    const ours = await people(db, groupId, GROUP_KEY, 0, WORKERS);
    const floorPeople = await people(db, groupId, GROUP_KEY, WORKERS, WORKERS);

    // ---- (a) the statements of one claim, recorded from the code, and their plans
    const rec = recordingDb(client);
    const first = await listNextCandidates(rec.db, { groupId, cursor: null, limit: PICK_BATCH });
    await listNextCandidates(rec.db, { groupId, cursor: first.at(-1)!, limit: PICK_BATCH });
    const pickStatements = rec.statements.splice(0);
    const recorded = await claimNextTask(rec.db, ours[0]!, new Date());
    if (!recorded) throw new Error('the recorded claim found nothing');
    const claimStatements = rec.statements.splice(0);
    const [pickPlan, pickAfterPlan] = await explainRolledBack(client, pickStatements);
    const claimPlans = await explainRolledBack(client, claimStatements);
    // The same statements with the ORDER BY of the index (`priority desc nulls last`, as the
    // migration created tasks_group_next_idx): what the pick costs once the two agree.
    const [fixedPlan, fixedAfterPlan] = await explainRolledBack(
      client,
      pickStatements.map((s) => ({
        ...s,
        query: s.query.replace(/("priority" desc)(?! nulls)/i, '$1 nulls last'),
      })),
    );
    const pickRows = indexRows(pickPlan!.plan);
    console.log(`pick (first batch):\n${pickPlan!.plan}\n`);
    console.log(`pick (after a cursor):\n${pickAfterPlan!.plan}\n`);
    console.log(`pick, index order (nulls last):\n${fixedPlan!.plan}\n`);

    // ---- (b) claims at K workers: ours, then the floor; a vacuum before each (dead index entries
    // of the claims before would otherwise weigh on whichever runs second)
    const vacuum = async () => {
      const s = performance.now();
      await client.unsafe('vacuum tasks');
      console.log(`vacuum tasks: ${((performance.now() - s) / 1000).toFixed(1)} s`);
    };
    await vacuum();
    console.log(`claimNextTask: ${WORKERS} workers × ${CLAIMS} claims`);
    const run = await claimRun(
      ours,
      async (a) => (await claimNextTask(db, a, new Date()))?.id ?? null,
      runOpts,
    );
    console.log(
      `  p50 ${run.load.p50.toFixed(2)} ms, p95 ${run.load.p95.toFixed(2)} ms, ${run.load.throughput.toFixed(0)}/s`,
    );
    await vacuum();
    console.log(`floor: ${WORKERS} workers × ${CLAIMS} claims`);
    const floorClaim = (a: UserActor) =>
      client.begin(async (tx) => {
        const [row] = await tx<{ id: string }[]>`
          select id from tasks
          where candidate_group_id = ${groupId} and status = 'ready' and paused_at is null
          order by priority desc nulls last, coalesce(due_at, 'infinity'::timestamptz), id
          limit 1 for update skip locked`;
        if (!row) return null;
        await tx`update tasks set status = 'claimed', assignee_id = ${a.id}, claimed_at = now(),
                   updated_at = now(), version = version + 1 where id = ${row.id}`;
        return row.id;
      });
    const floor = await claimRun(floorPeople, floorClaim, runOpts);
    console.log(
      `  p50 ${floor.load.p50.toFixed(2)} ms, p95 ${floor.load.p95.toFixed(2)} ms, ${floor.load.throughput.toFixed(0)}/s`,
    );

    // ---- (c) exactly once, and the head of the queue first
    const allClaims = [{ taskId: recorded.id, userId: ours[0]!.id }, ...run.claims];
    const dupOurs = await duplicates(db, allClaims, true);
    const dupFloor = await duplicates(db, floor.claims, false);
    const crossed = allClaims.filter((c) => floor.claims.some((f) => f.taskId === c.taskId)).length;
    const head = await headTaken(db, groupId, [...allClaims, ...floor.claims]);
    console.log({ dupOurs, dupFloor, crossed, head });
    const claimedTwice =
      dupOurs.returned +
      dupOurs.wrongOwner +
      (dupOurs.auditDupes ?? 0) +
      dupFloor.returned +
      dupFloor.wrongOwner +
      crossed;

    // ---- the saved-view count of a case-field filter, as listViews counts it
    const viewer = floorPeople[0]!;
    const viewFilters = inboxFilterSchema.parse({
      ...VIEW_FILTER,
      queue: `group:${groupId}`,
      sort: 'due',
      limit: 1,
    });
    const page = await readInboxPage(db, viewer, viewFilters, now);
    const viewTime = await timeRuns(() => readInboxPage(db, viewer, viewFilters, now), {
      runs: QUICK ? 3 : 5,
      warmup: 1,
    });
    const viewRec = recordingDb(client);
    await readInboxPage(viewRec.db, viewer, viewFilters, now);
    const viewPlans = await explainRolledBack(client, viewRec.statements);
    const [withPayout] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int n from cases where data ? 'recommendedPayout'`,
    );
    console.log(
      `view count: total ${page.total} (capped ${page.totalCapped}), p50 ${viewTime.p50.toFixed(1)} ms`,
    );

    writeReport(
      nextTaskReport({
        BENCH,
        TASKS,
        WORKERS,
        CLAIMS,
        WARMUP,
        PICK_BATCH,
        P95_TARGET_MS,
        machine,
        built,
        sizes: sizes!,
        group: group!,
        pickPlan: pickPlan!,
        pickAfterPlan: pickAfterPlan!,
        fixedPlan: fixedPlan!,
        fixedAfterPlan: fixedAfterPlan!,
        claimPlans,
        pickRows,
        run,
        floor,
        allClaims,
        dupOurs,
        dupFloor,
        crossed,
        head,
        claimedTwice,
        page,
        viewTime,
        viewPlans,
        withPayout: withPayout!,
      }),
    );
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
