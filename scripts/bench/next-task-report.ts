/** The report of scripts/bench/next-task.ts: result rows and sections from what it measured. */
import {
  formatNumber,
  markdownTable,
  planSection,
  type BenchRow,
  type MachineInfo,
  type ReportParts,
} from './lib';
import {
  indexRows,
  oneLine,
  rowsRead,
  type Claim,
  type ClaimRun,
  type Explained,
  type Headroom,
  type Duplicates,
} from './next-task-measure';

export type NextTaskMeasurements = {
  BENCH: string;
  TASKS: number;
  WORKERS: number;
  CLAIMS: number;
  WARMUP: number;
  PICK_BATCH: number;
  P95_TARGET_MS: number;
  machine: MachineInfo;
  built: { seconds: number };
  sizes: { open: number; ready: number; group_ready: number };
  group: { id: string; name: string };
  pickPlan: Explained;
  pickAfterPlan: Explained;
  fixedPlan: Explained;
  fixedAfterPlan: Explained;
  claimPlans: Explained[];
  pickRows: number | null;
  run: ClaimRun;
  floor: ClaimRun;
  allClaims: Claim[];
  dupOurs: Duplicates;
  dupFloor: Duplicates;
  crossed: number;
  head: Headroom;
  claimedTwice: number;
  page: { total: number | null; totalCapped: boolean };
  viewTime: { n: number; p50: number; max: number };
  viewPlans: Explained[];
  withPayout: { n: number };
};

export function nextTaskReport(m: NextTaskMeasurements): ReportParts {
  const {
    BENCH,
    TASKS,
    WORKERS,
    CLAIMS,
    WARMUP,
    PICK_BATCH,
    P95_TARGET_MS,
    machine,
    built,
    sizes,
    group,
    pickPlan,
    pickAfterPlan,
    fixedPlan,
    fixedAfterPlan,
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
    withPayout,
  } = m;
  const pickOk = pickRows !== null && rowsRead(pickPlan.plan) <= PICK_BATCH;
  const fixedRows = indexRows(fixedPlan.plan);
  const label = `${formatNumber(TASKS)} open tasks`;
  const rows: BenchRow[] = [
    {
      what: `claimNextTask (use-case), ${label}, ${WORKERS} people of one group: p95`,
      value: run.load.p95,
      unit: 'ms',
      floor: floor.load.p95,
      target: `≤ ${P95_TARGET_MS} ms`,
      met: run.load.p95 <= P95_TARGET_MS && run.load.errors === 0,
      note: `p50 ${formatNumber(run.load.p50)} ms (floor ${formatNumber(floor.load.p50)} ms); ${run.load.ok} claims, ${run.load.errors} errors`,
    },
    {
      what: `claimNextTask (use-case), ${label}, ${WORKERS} people: claims/s`,
      value: run.load.throughput,
      unit: 'claims/s',
      floor: floor.load.throughput,
      target: 'context',
      met: null,
      note: `${formatNumber((100 * run.load.throughput) / floor.load.throughput)}% of the floor (which writes no audit event, notification or checks)`,
    },
    {
      what: `pick query (listNextCandidates, first batch), ${label}: rows read from tasks_group_next_idx`,
      value: rowsRead(pickPlan.plan),
      unit: 'rows',
      floor: fixedRows === null ? null : rowsRead(fixedPlan.plan),
      target: `tasks_group_next_idx, ≤ ${PICK_BATCH} rows`,
      met: pickOk,
      note: `${pickRows === null ? 'tasks_group_next_idx NOT used' : 'tasks_group_next_idx'}; ${formatNumber(pickPlan.ms ?? Number.NaN)} ms execution; after a cursor: ${rowsRead(pickAfterPlan.plan)} rows, ${formatNumber(pickAfterPlan.ms ?? Number.NaN)} ms. Floor: the same query ordered \`priority desc nulls last\` as the index is: ${fixedRows === null ? 'index not used' : 'tasks_group_next_idx'}, ${formatNumber(fixedPlan.ms ?? Number.NaN)} ms`,
    },
    {
      what: `tasks claimed twice (${allClaims.length + floor.claims.length} claims, ours and floor)`,
      value: claimedTwice,
      unit: 'tasks',
      floor: null,
      target: '0',
      met: claimedTwice === 0,
    },
    {
      what: `saved-view count, queue=group:<${group.name}>&cf.recommendedPayout.min=40000, ${label}: p50`,
      value: viewTime.p50,
      unit: 'ms',
      floor: null,
      target: 'context',
      met: null,
      note: `count ${page.total ?? 'n/a'}${page.totalCapped ? '+' : ''}: only ${withPayout.n} cases (the demo's) carry a recommendedPayout, so the count reads the whole queue (the worst case); max ${formatNumber(viewTime.max)} ms`,
    },
  ];
  const runTable = markdownTable(
    [
      'run',
      'claims',
      'errors',
      'empty',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'claims/s',
      'seconds',
    ],
    [
      [
        'claimNextTask (use-case)',
        run.load.ok,
        run.load.errors,
        run.empty,
        run.load.p50,
        run.load.p95,
        run.load.p99,
        run.load.max,
        run.load.throughput,
        run.load.seconds,
      ],
      [
        'floor: select … for update skip locked limit 1 + update',
        floor.load.ok,
        floor.load.errors,
        floor.empty,
        floor.load.p50,
        floor.load.p95,
        floor.load.p99,
        floor.load.max,
        floor.load.throughput,
        floor.load.seconds,
      ],
    ],
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const statementTable = markdownTable(
    ['#', 'statement', 'execution ms', 'note'],
    claimPlans.map((p, i) => [
      String(i + 1),
      `\`${oneLine(p.query)}\``,
      p.ms,
      p.error
        ? `not explained: ${oneLine(p.error, 60)}`
        : /tasks_group_next_idx/.test(p.plan)
          ? 'tasks_group_next_idx'
          : '',
    ]),
    ['r', 'l', 'r', 'l'],
  );
  return {
    name: BENCH,
    title: '"Next task" at a large book',
    machine,
    intro: [
      `Large data set: ${sizes.open.toLocaleString('en-US')} open tasks (${sizes.ready.toLocaleString('en-US')} ready), built by scripts/bench/dataset.ts in ${built.seconds.toFixed(1)} s; the ${group.name} queue holds ${sizes.group_ready.toLocaleString('en-US')} ready, unpaused tasks.`,
      `Method: ${WORKERS} people of ${group.name} (generated members, each in one group) each claim ${CLAIMS} tasks through claimNextTask (lib/use-cases/claim-next-task.ts: lock the person, walk tasks_group_next_idx in batches of ${PICK_BATCH}, four-eyes check, SKIP LOCKED lock, the ordinary claim with its audit event and notifications, one transaction) on a pool of 10 connections, after ${WARMUP} untimed claims each. The floor, same data, same run: ${WORKERS} other people of the group each claim ${CLAIMS} with a bare \`select id … order by priority desc nulls last, coalesce(due_at, 'infinity'), id limit 1 for update skip locked\` + \`update\` in one transaction. \`vacuum tasks\` before each run, so neither walks over the other's dead index entries.`,
      `The plans are of the statements the code issued (recorded by a logging drizzle handle on the same pool), run under EXPLAIN (ANALYZE, BUFFERS) in a transaction rolled back.`,
    ],
    rows,
    sections: [
      '## Claim runs',
      runTable,
      '## Exactly once',
      markdownTable(
        ['check', 'use-case', 'floor'],
        [
          ['ids returned twice', dupOurs.returned, dupFloor.returned],
          ['task not claimed by whom it was returned to', dupOurs.wrongOwner, dupFloor.wrongOwner],
          ['tasks with more than one `task.claimed` event', dupOurs.auditDupes, '—'],
          ['claims without their `task.claimed` event', dupOurs.auditMissing, '—'],
          ['tasks returned to both runs', crossed, crossed],
        ],
        ['l', 'r', 'r'],
      ),
      `Order: ${head.not_urgent} of the claimed tasks were not urgent; the last claimed was due ${head.last_due}, the first ready urgent task left is due ${head.first_left} (the head of the queue was taken first).`,
      '## Query plans',
      planSection(
        'The pick: listNextCandidates, first batch (no cursor)',
        pickPlan.plan,
        `\`${oneLine(pickPlan.query, 400)}\``,
      ),
      planSection(
        'The pick: listNextCandidates, the next batch (after a cursor)',
        pickAfterPlan.plan,
      ),
      planSection(
        'The same pick with the ORDER BY of the index (`priority desc nulls last`), first batch',
        fixedPlan.plan,
        'tasks_group_next_idx was created `"priority" DESC NULLS LAST` (db/migrations/0020), while the code orders by `priority desc` (NULLS FIRST): PostgreSQL walks an index for an ORDER BY only when the null order agrees, even on a NOT NULL column.',
      ),
      planSection(
        'The same pick with the ORDER BY of the index, after a cursor',
        fixedAfterPlan.plan,
      ),
      '### Every statement of one claimNextTask',
      statementTable,
      ...claimPlans
        .filter((p) => /for update/i.test(p.query) && !p.error)
        .map((p) => planSection(`Lock: ${oneLine(p.query, 80)}`, p.plan)),
      '## Saved-view count with a case-field filter',
      `listViews counts a view with readInboxPage and a one-row page (lib/use-cases/list-views.ts): here queue=group:<${group.name}>, cf.recommendedPayout.min=40000, as a member of the group. Total ${page.total ?? 'n/a'}${page.totalCapped ? '+' : ''}; ${viewTime.n} runs: p50 ${formatNumber(viewTime.p50)} ms, max ${formatNumber(viewTime.max)} ms. Only ${withPayout.n} cases (the demo's) carry a recommendedPayout (the generated cases have not reached that step), so (almost) no task matches and the count reads the whole queue: the worst case of a case-field filter, where the cap of 100 never stops the walk early.`,
      ...viewPlans.map((p, i) =>
        planSection(
          `View count statement ${i + 1}`,
          p.error ? `not explained: ${p.error}` : p.plan,
          `\`${oneLine(p.query, 400)}\``,
        ),
      ),
    ],
  };
}
