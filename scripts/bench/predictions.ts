/**
 * `DATABASE_URL=postgres://… npx tsx scripts/bench/predictions.ts [--tasks N]`
 *
 * Predicted breach at a large book (default 1,000,000 open tasks, scripts/bench/dataset.ts with
 * auditShare 0): the time of the `predictions` job's parts (step figures, each group's refresh,
 * the cleanup) and the plans of its main queries under EXPLAIN (ANALYZE, BUFFERS). Writes
 * bench/results/predictions.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { groupPeople } from '../../lib/data/predictions';
import {
  GROUP_TASK_LIMIT,
  HORIZON_DAYS,
  refreshGroupPredictions,
  refreshPredictions,
  refreshStepStats,
  STATS_SAMPLE_LIMIT,
  STATS_WINDOW_DAYS,
} from '../../lib/use-cases/refresh-predictions';
import { buildLargeDataset } from './dataset';
import { explainAnalyze, machineInfo, machineMarkdown, planSection, withScratchDb } from './lib';
import { cliOption } from './lib-cli';

const TASKS = Number(cliOption('tasks') ?? 1_000_000);
const DAY = 86_400_000;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function main() {
  const machine = await machineInfo();
  const now = new Date();
  await withScratchDb('predictions', { seed: { now } }, async (scratch) => {
    const db = scratch.db;
    console.log(`building ${TASKS.toLocaleString('en-US')} open tasks`);
    await buildLargeDataset(scratch.handle.sqlClient!, {
      openTasks: TASKS,
      now,
      auditShare: 0,
      log: console.log,
    });
    await db.execute(sql`vacuum analyze`);
    const sizes = await queryRows<{ open: number; completed: number; recent: number }>(
      db,
      sql`select (select count(*)::int from tasks where status in ('ready','claimed')) open,
                 (select count(*)::int from tasks where completed_at is not null) completed,
                 (select count(*)::int from tasks where completed_at >= ${new Date(now.getTime() - STATS_WINDOW_DAYS * DAY).toISOString()}::timestamptz) recent`,
    );
    const groups = await queryRows<{ id: string; key: string; open: number; horizon: number }>(
      db,
      sql`select g.id, g.key,
                 (select count(*)::int from tasks t where t.candidate_group_id = g.id and t.status in ('ready','claimed')) open,
                 (select count(*)::int from tasks t where t.candidate_group_id = g.id and t.status in ('ready','claimed')
                    and coalesce(t.due_at, 'infinity') <= ${new Date(now.getTime() + HORIZON_DAYS * DAY).toISOString()}::timestamptz) horizon
            from groups g order by 3 desc`,
    );
    console.log(sizes, groups);
    const [statsRows, statsMs] = await timed(() => refreshStepStats(db, now, { force: true }));
    const perGroup: string[] = [];
    for (const g of groups) {
      const [r, ms] = await timed(() => refreshGroupPredictions(db, g.id, now));
      perGroup.push(
        `| ${g.key} | ${g.open.toLocaleString('en-US')} | ${g.horizon.toLocaleString('en-US')} | ${r?.written ?? 0} | ${r?.atRisk ?? 0} | ${ms.toFixed(0)} |`,
      );
    }
    const [written, jobMs] = await timed(() =>
      refreshPredictions(db, new Date(now.getTime() + 60_000)),
    );
    const big = groups[0]!;
    const members = (await groupPeople(db, big.id)).map((p) => p.id);
    const until = new Date(now.getTime() + HORIZON_DAYS * DAY).toISOString();
    const plans = [
      planSection(
        'Step figures: recent completed tasks (tasks_completed_at_idx)',
        await explainAnalyze(
          db,
          sql`select c.case_type_id, t.step_key, t.sla_policy_id, t.created_at, t.claimed_at, t.completed_at
                from tasks t join cases c on c.id = t.case_id
               where t.completed_at is not null and t.completed_at >= ${new Date(now.getTime() - STATS_WINDOW_DAYS * DAY).toISOString()}::timestamptz
               order by t.completed_at desc limit ${STATS_SAMPLE_LIMIT}`,
        ),
      ),
      planSection(
        `A group's queue within the horizon (${big.key}; tasks_group_open_page_idx)`,
        await explainAnalyze(
          db,
          sql`select t.id, c.case_type_id, t.step_key, t.status, t.assignee_id, t.priority, t.due_at, t.created_at, t.claimed_at, t.sla_policy_id
                from tasks t join cases c on c.id = t.case_id
               where t.candidate_group_id = ${big.id}::uuid and t.status in ('ready', 'claimed')
                 and coalesce(t.due_at, 'infinity'::timestamptz) <= ${until}::timestamptz and t.paused_at is null
               order by coalesce(t.due_at, 'infinity'::timestamptz), t.id limit ${GROUP_TASK_LIMIT + 1}`,
        ),
      ),
      planSection(
        `Work the group's members hold (tasks_assignee_open_due_idx)`,
        await explainAnalyze(
          db,
          sql`select t.id from tasks t join cases c on c.id = t.case_id
               where t.assignee_id in (${sql.join(
                 members.map((m) => sql`${m}::uuid`),
                 sql`, `,
               )})
                 and t.status in ('ready', 'claimed') and t.candidate_group_id = ${big.id}::uuid and t.paused_at is null
               limit ${GROUP_TASK_LIMIT}`,
        ),
      ),
      planSection(
        "The team console's at-risk list (task_predictions_group_risk_idx)",
        await explainAnalyze(
          db,
          sql`select p.task_id, t.name, c.reference, u.name, p.lateness_minutes
                from task_predictions p join tasks t on t.id = p.task_id join cases c on c.id = t.case_id
                left join users u on u.id = t.assignee_id
               where p.group_id = ${big.id}::uuid and p.at_risk and t.status in ('ready', 'claimed') and t.candidate_group_id = ${big.id}::uuid
               order by p.lateness_minutes desc, p.task_id limit 50`,
        ),
      ),
      planSection(
        "The inbox page's predictions (task_predictions_pkey, 50 ids)",
        await explainAnalyze(
          db,
          sql`select * from task_predictions where task_id in (select task_id from task_predictions limit 50)`,
        ),
      ),
    ];
    const md = [
      '# Predicted breach: refresh cost at a large book',
      '',
      `Generated by \`scripts/bench/predictions.ts --tasks ${TASKS}\` on ${now.toISOString()}.`,
      '',
      machineMarkdown(machine),
      '',
      `Open tasks: ${sizes[0]!.open.toLocaleString('en-US')}; completed tasks: ${sizes[0]!.completed.toLocaleString('en-US')} (${sizes[0]!.recent.toLocaleString('en-US')} in the last ${STATS_WINDOW_DAYS} days).`,
      `Horizon: tasks due within ${HORIZON_DAYS} days plus all held work; at most ${GROUP_TASK_LIMIT.toLocaleString('en-US')} tasks per group.`,
      '',
      '## Times',
      '',
      `| Part | Time |`,
      `|---|---|`,
      `| Step figures (${statsRows} steps, at most ${STATS_SAMPLE_LIMIT.toLocaleString('en-US')} samples) | ${statsMs.toFixed(0)} ms |`,
      `| Whole job (figures fresh → skipped; every group; cleanup) — ${written.toLocaleString('en-US')} rows | ${jobMs.toFixed(0)} ms |`,
      '',
      '| Group | Open | Due within horizon | Rows written | At risk | Refresh (ms) |',
      '|---|---|---|---|---|---|',
      ...perGroup,
      '',
      '## Plans',
      '',
      ...plans,
    ].join('\n');
    fs.writeFileSync(path.resolve('bench/results/predictions.md'), md);
    console.log(md.slice(0, 3000));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
