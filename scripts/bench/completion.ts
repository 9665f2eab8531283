import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { queryRows, type Db } from '../../db/client';
import * as schema from '../../db/schema';
import { loadUserActor } from '../../lib/data/users';
import type { TokenActor, UserActor } from '../../lib/domain/permissions';
import { claimTask } from '../../lib/use-cases/claim-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { openCase } from '../../lib/use-cases/open-case';
import { generateVolume } from './completion-data';
import {
  machineInfo,
  markdownTable,
  quick,
  summarize,
  withScratchDb,
  writeReport,
  type BenchRow,
} from './lib';

/**
 * `DATABASE_URL=… npx tsx scripts/bench/completion.ts [completions=300] [background=30000] [--trace]`
 * (moved from scripts/bench-completion.ts onto lib.ts; same measure, same meaning)
 * Latency of completeTask (the decision, the case moving on, the payment it starts) on
 * PostgreSQL, next to a raw-SQL floor timed in the same run: lock the task, complete it, one
 * audit event, close the case, in one transaction. A scratch database (kept with BENCH_KEEP=1) gets
 * the migrations, the demo seed, `background` open tasks over the groups and as many closed
 * cases with their decisions, step runs and audit events. Claims are opened with openCase to
 * route to Adjuster review and claimed (untimed); paths are interleaved so noise hits them alike.
 * With the financial controls (authority limits) two more paths are timed: above the adjuster's
 * authority (opens an approval step), and that approval by another person (four eyes).
 * --trace prints the statements of the first measured completion of each path.
 * Issue 15 sets no target for completion: the figures are context (met: null).
 * Writes bench/results/completion.md and completion.json.
 */
const [N = quick(300, 30), BACKGROUND = quick(30_000, 3_000)] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);
const TRACE = process.argv.includes('--trace');
const WARMUP = quick(10, 3);

/** What the measuring client sent (postgres.js debug hook), and the samples of each path. */
const sent = { statements: 0, transactions: 0, log: null as string[] | null };
type Sample = { ms: number; statements: number; transactions: number };
const samples = new Map<string, Sample[]>();
let measuring = false;

/** The house client (as db/client.ts openPostgres), counting what it sends. */
function openCountingDb(dbUrl: string) {
  const client = postgres(dbUrl, {
    max: 10,
    onnotice: () => {},
    debug: (_conn, query) => {
      sent.statements++;
      if (/^\s*begin\b/i.test(query)) sent.transactions++;
      sent.log?.push(query.replace(/\s+/g, ' ').slice(0, 220));
    },
  });
  return { db: drizzle({ client, schema }) as unknown as Db, close: () => client.end() };
}

/** Times one completion of `path`; after the warm-ups, keeps the sample (and traces the first). */
async function timed(path: string, fn: () => Promise<unknown>): Promise<void> {
  const trace = TRACE && measuring && !samples.has(path);
  if (trace) sent.log = [];
  const { statements: s0, transactions: t0 } = sent;
  const s = performance.now();
  await fn();
  const ms = performance.now() - s;
  const listing = sent.log?.map((q, i) => `${String(i + 1).padStart(3)}. ${q}`).join('\n');
  if (trace) console.log(`\n${path}:\n${listing}`);
  sent.log = null;
  if (!measuring) return;
  const sample = { ms, statements: sent.statements - s0, transactions: sent.transactions - t0 };
  samples.set(path, [...(samples.get(path) ?? []), sample]);
}

type PathFigures = {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  statements: number;
  transactions: number;
};

function figures(xs: Sample[]): PathFigures {
  const mean = (f: (x: Sample) => number) => xs.reduce((a, x) => a + f(x), 0) / xs.length;
  const { n, p50, p95, p99, max } = summarize(xs.map((x) => x.ms));
  return {
    n,
    p50,
    p95,
    p99,
    max,
    mean: mean((x) => x.ms),
    statements: mean((x) => x.statements),
    transactions: mean((x) => x.transactions),
  };
}

const today = new Date().toISOString().slice(0, 10);
let seq = 0;
/** A clean claim whose recommended payout (estimate less 500 deductible) is `recommended`. */
const claim = (recommended: number) => {
  const claimant = { name: `Bench Claimant ${++seq}`, email: 'bench@example.com' };
  const money = { damageEstimate: recommended + 500, deductible: 500, coverageLimit: 100_000 };
  const policy = { policyNumber: 'POL-123456', incidentDate: today, fraudScore: 0.1 };
  return { caseType: 'auto-claim', data: { ...policy, claimant, ...money } };
};

const fmt = (x: number) => x.toLocaleString('en-US');
const PATHS = {
  floor: 'floor: raw SQL, 1 transaction (lock task, complete it, 1 audit event, close case)',
  plain: 'completeTask: adjuster approves the recommended amount (payment included)',
  request: 'completeTask: above the adjuster’s authority, with a reason (opens an approval step)',
  approve: 'completeTask: approval step approved by another person (four eyes, payment included)',
};

async function measure(db: Db, controls: boolean) {
  const [r] = await queryRows<{ id: string; name: string; scopes: string[]; adjuster: string }>(
    db,
    sql`select id, name, scopes, (select id from users where email = 'adjuster@example.com') as adjuster
        from api_tokens order by created_at limit 1`,
  );
  const token: TokenActor = { kind: 'token', id: r!.id, name: r!.name, scopes: r!.scopes };
  const adjuster = (await loadUserActor(db, r!.adjuster))!;

  /** A claim routed to Adjuster review and claimed by the adjuster (untimed). */
  const claimed = async (recommended: number) => {
    const res = await openCase(db, token, claim(recommended), `bench-${seq}-${process.pid}`);
    const task = res.case.tasks[0];
    if (task?.name !== 'Adjuster review')
      throw new Error(`A bench claim did not route to Adjuster review: ${JSON.stringify(res)}`);
    const { version } = await claimTask(db, adjuster, { taskId: task.id });
    return { caseId: res.case.id, taskId: task.id, expectedVersion: version };
  };
  const complete = (actor: UserActor, t: { taskId: string; expectedVersion: number }, data = {}) =>
    completeTask(db, actor, { ...t, outcome: 'approve', data });

  const floor = async (amount: number) => {
    const { taskId } = await claimed(amount);
    await timed(PATHS.floor, () =>
      db.transaction(async (tx) => {
        const [t] = await queryRows<{ id: string; case_id: string; version: number }>(
          tx,
          sql`select id, case_id, version from tasks where id = ${taskId} for update`,
        );
        await tx.execute(
          sql`update tasks set status = 'completed', outcome = 'approve', outcome_data = ${JSON.stringify({ payoutAmount: amount })}::jsonb,
                completed_by_id = ${adjuster.id}, completed_at = now(), version = version + 1, updated_at = now()
              where id = ${t!.id} and version = ${t!.version}`,
        );
        await tx.execute(
          sql`insert into audit_events (actor_type, actor_id, actor_label, action, entity_type, entity_id, case_id, task_id, summary)
              values ('user', ${adjuster.id}, ${adjuster.name}, 'task.completed', 'task', ${t!.id}, ${t!.case_id}, ${t!.id}, 'completed (floor)')`,
        );
        await tx.execute(
          sql`update cases set status = 'closed', resolution = 'approved', closed_at = now(),
                data = data || jsonb_build_object('approvedPayout', ${amount}::numeric), version = version + 1, updated_at = now()
              where id = ${t!.case_id}`,
        );
      }),
    );
  };

  /** Above the adjuster's authority (with the reason the variance needs), then its approval. */
  const approvalPair = async (recommended: number) => {
    const data = { payoutAmount: recommended + 15_000, varianceReason: 'Bench: a higher quote' };
    const t = await claimed(recommended);
    await timed(PATHS.request, () => complete(adjuster, t, data));
    // The approval step, and a member of its group other than the adjuster.
    const [approval] = await queryRows<{ id: string; approver: string }>(
      db,
      sql`select id, (select user_id from group_memberships m where m.group_id = t.candidate_group_id and m.user_id <> ${adjuster.id} limit 1) as approver
          from tasks t where case_id = ${t.caseId} and status = 'ready'`,
    );
    if (!approval) throw new Error('Above the authority, no approval step opened');
    const approver = (await loadUserActor(db, approval.approver))!;
    const { version } = await claimTask(db, approver, { taskId: approval.id });
    await timed(PATHS.approve, () =>
      complete(approver, { taskId: approval.id, expectedVersion: version }, data),
    );
  };

  for (let i = 0; i < WARMUP + N; i++) {
    measuring = i >= WARMUP;
    const amount = 5_001 + ((i * 7_919) % 45_000);
    await floor(amount);
    const t = await claimed(amount);
    await timed(PATHS.plain, () => complete(adjuster, t, { payoutAmount: amount }));
    if (controls) await approvalPair(40_000 + ((i * 7_919) % 9_000));
    if (measuring && (i + 1 - WARMUP) % 100 === 0) console.log(`  ${i + 1 - WARMUP} / ${N}`);
  }
}

function report(f: PathFigures | undefined, floor: PathFigures, path: string): BenchRow[] {
  if (!f) return [];
  const none = { target: 'none in issue 15 (context)', met: null } as const;
  const short = path.split(':')[1]!.trim();
  return [
    { what: `task completion, ${short}: p50`, value: f.p50, unit: 'ms', floor: floor.p50, ...none },
    { what: `task completion, ${short}: p95`, value: f.p95, unit: 'ms', floor: floor.p95, ...none },
    {
      what: `task completion, ${short}: statements`,
      value: f.statements,
      unit: 'statements',
      floor: floor.statements,
      ...none,
    },
  ];
}

async function main() {
  const machine = await machineInfo();
  await withScratchDb('completion', {}, async (scratch) => {
    await generateVolume(scratch.db, BACKGROUND);
    const counting = openCountingDb(scratch.url);
    try {
      const db = counting.db;
      type Facts = { controls: boolean; tasks: number; cases: number; audit: number; runs: number };
      const [f] = await queryRows<Facts>(
        db,
        sql`select to_regclass('public.authority_limits') is not null as controls, (select count(*)::int from tasks) as tasks,
              (select count(*)::int from cases) as cases, (select count(*)::int from audit_events) as audit,
              (select count(*)::int from step_runs) as runs`,
      );
      const started = performance.now();
      await measure(db, f!.controls);
      const secs = (performance.now() - started) / 1000;
      const [check] = await queryRows<{ closed: number; paid: number; open: number }>(
        db,
        sql`select count(*) filter (where status = 'closed' and resolution = 'approved')::int as closed, count(*) filter (where status <> 'closed')::int as open,
                   count(*) filter (where exists (select 1 from step_runs r where r.case_id = cases.id and r.step_key = 'issue-payment' and r.status = 'succeeded'))::int as paid
            from cases where title like 'Bench Claimant %'`,
      );
      const perPath = N + WARMUP;
      const byPath = new Map([...samples].map(([p, xs]) => [p, figures(xs)]));
      const floor = byPath.get(PATHS.floor)!;
      // The floor's own figures are the floor column of every row (and in the per-path table).
      const rows = Object.values(PATHS)
        .filter((p) => p !== PATHS.floor)
        .flatMap((p) => report(byPath.get(p), floor, p));
      const table = markdownTable(
        [
          'path',
          'n',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'mean ms',
          'max ms',
          'statements',
          'transactions',
        ],
        [...byPath].map(([p, x]) => [
          p,
          x.n,
          x.p50,
          x.p95,
          x.p99,
          x.mean,
          x.max,
          x.statements,
          x.transactions,
        ]),
      );
      writeReport({
        name: 'completion',
        title: 'Task completion',
        machine,
        intro: [
          `Data: demo seed + ${fmt(BACKGROUND)} generated open tasks + ${fmt(BACKGROUND)} generated closed cases: ${fmt(f!.tasks)} tasks, ${fmt(f!.cases)} cases, ${fmt(f!.audit)} audit events, ${fmt(f!.runs)} step runs before the measured completions. Financial controls: ${f!.controls ? 'present' : 'absent'}.`,
          `${N} completions per path after ${WARMUP} warm-ups, paths interleaved, ${secs.toFixed(0)} s in all. Only the completion call is timed (driver round trips included; opening and claiming are not). Statements and transactions: sent per completion, mean. Floor: lock the task, complete it, one audit event, close the case, in one transaction of raw SQL.`,
        ],
        rows,
        sections: [
          `## Per path\n\n${table}`,
          `Check, bench cases: ${check!.closed} closed as approved (expected ${(f!.controls ? 3 : 2) * perPath}), ${check!.paid} with a payment run that succeeded (expected ${(f!.controls ? 2 : 1) * perPath}; the floor does not pay), ${check!.open} not closed (expected 0).`,
        ],
      });
    } finally {
      await counting.close();
    }
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
