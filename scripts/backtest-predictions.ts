/**
 * `npx tsx scripts/backtest-predictions.ts [--days 60] [--seed 7]`
 *
 * Backtest of predicted breach (lib/domain/breach-prediction.ts) on a generated history with
 * realistic variability: a team of six on a Monday–Friday 09:00–17:00 calendar, arrivals that vary
 * by hour and day (busy days at 1.6×), three steps with log-normal work times (median 40, 60 and
 * 90 minutes, σ 0.6), due times of one to three business days, a day out of office now and then
 * (8% per person per day), and people who do not always take the most urgent task (30% of
 * picks are oldest-first). At a moment every four working hours, the prediction is made with only
 * what was known then (the open tasks, who held which, who was in, and step figures from the
 * tasks completed in the 30 days before), and compared with what happened (completed after its
 * due time = breached). Writes bench/results/breach-backtest.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkTimeline } from '../lib/domain/breach-prediction-timeline';
import { makeCalendar } from '../lib/domain/business-calendar';
import {
  percentile,
  predictQueue,
  type PredictTask,
  type StepStats,
} from '../lib/domain/breach-prediction';

const argv = process.argv.slice(2);
const arg = (name: string, d: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const DAYS = arg('days', 60);
const SEED = arg('seed', 7);
const DAY = 480; // working minutes per day
const PEOPLE = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const STEPS = [
  { key: 'ct:triage', median: 40, dueDays: 1, share: 0.4 },
  { key: 'ct:review', median: 60, dueDays: 2, share: 0.4 },
  { key: 'ct:approve', median: 90, dueDays: 3, share: 0.2 },
];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const poisson = (l: number) => {
  let k = 0;
  let p = 1;
  const L = Math.exp(-l);
  do {
    k++;
    p *= rand();
  } while (p > L);
  return k - 1;
};

type Sim = {
  id: string;
  step: (typeof STEPS)[number];
  priority: 'normal' | 'high';
  created: number;
  due: number;
  work: number;
  claimed?: number;
  done?: number;
  by?: string;
};

/** The history: who took what when, with the true (random) work times. */
function simulate(baseRate: number) {
  const tasks: Sim[] = [];
  const out = new Map<string, Set<number>>(PEOPLE.map((p) => [p, new Set()]));
  for (let d = 0; d < DAYS; d++) {
    for (const p of PEOPLE) if (rand() < 0.08) out.get(p)!.add(d);
    const busy = rand() < 0.25 ? 1.6 : 1;
    for (let h = 0; h < 8; h++) {
      const rate = baseRate * busy * (h < 3 ? 1.3 : 0.8);
      for (let k = poisson(rate); k > 0; k--) {
        const r = rand();
        const step = r < 0.4 ? STEPS[0]! : r < 0.8 ? STEPS[1]! : STEPS[2]!;
        const created = d * DAY + h * 60 + Math.floor(rand() * 60);
        tasks.push({
          id: `t${String(tasks.length).padStart(6, '0')}`,
          step,
          priority: rand() < 0.1 ? 'high' : 'normal',
          created,
          due: created + step.dueDays * DAY,
          work: Math.max(5, step.median * Math.exp(0.6 * normal())),
        });
      }
    }
  }
  tasks.sort((a, b) => a.created - b.created);
  const free = new Map(PEOPLE.map((p) => [p, 0]));
  const ready: Sim[] = [];
  let next = 0;
  const end = DAYS * DAY + 20 * DAY;
  for (let t = 0; t < end; t++) {
    while (next < tasks.length && tasks[next]!.created <= t) ready.push(tasks[next++]!);
    const day = Math.floor(t / DAY);
    for (const p of PEOPLE) {
      if (free.get(p)! > t || out.get(p)!.has(day) || !ready.length) continue;
      const fifo = rand() < 0.3;
      ready.sort((a, b) =>
        fifo
          ? a.created - b.created
          : (a.priority === 'high' ? 0 : 1) - (b.priority === 'high' ? 0 : 1) || a.due - b.due,
      );
      const task = ready.shift()!;
      task.claimed = t;
      task.by = p;
      // Work stops while the person is out: a day out adds a day.
      let done = t + task.work;
      for (let dd = day + 1; dd <= Math.floor(done / DAY); dd++)
        if (out.get(p)!.has(dd)) done += DAY;
      task.done = done;
      free.set(p, done);
    }
  }
  return { tasks, out };
}

function evaluate(baseRate: number) {
  const cal = makeCalendar({
    timeZone: 'America/New_York',
    workingHours: Object.fromEntries(
      ['1', '2', '3', '4', '5'].map((x) => [x, [{ start: '09:00', end: '17:00' }]]),
    ),
  });
  const origin = new Date('2026-06-01T13:00:00Z'); // a Monday, 09:00 New York
  const tl = new WorkTimeline(origin, cal);
  const { tasks, out } = simulate(baseRate);
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const firstSeen = new Map<string, boolean>();
  let moments = 0;
  for (let T = 10 * DAY; T < DAYS * DAY; T += 240) {
    moments++;
    const now = tl.at(T);
    // What was known at T: figures from the 30 days of completions before it.
    const stats = new Map<string, StepStats>();
    for (const s of STEPS) {
      const done = tasks.filter(
        (x) => x.step === s && x.done !== undefined && x.done <= T && x.done > T - 30 * DAY,
      );
      const work = done.map((x) => x.done! - x.claimed!);
      if (work.length)
        stats.set(s.key, {
          workMedian: percentile(work, 0.5),
          workP90: percentile(work, 0.9),
          samples: work.length,
        });
    }
    const open = tasks.filter((x) => x.created <= T && (x.done === undefined || x.done > T));
    const input: PredictTask[] = open.map((x) => {
      const held = x.claimed !== undefined && x.claimed <= T;
      return {
        id: x.id,
        status: held ? 'claimed' : 'ready',
        assigneeId: held ? x.by! : null,
        statsKey: x.step.key,
        priority: x.priority,
        dueAt: tl.at(x.due),
        createdAt: tl.at(x.created),
        claimedAt: held ? tl.at(x.claimed!) : null,
      };
    });
    const day = Math.floor(T / DAY);
    const predictions = predictQueue({
      now,
      calendar: cal,
      tasks: input,
      people: PEOPLE.map((p) => ({ id: p, available: !out.get(p)!.has(day), busyMinutes: 0 })),
      stats,
      timeline: tl.origin.getTime() === now.getTime() ? tl : undefined,
    });
    const byId = new Map(open.map((x) => [x.id, x]));
    for (const p of predictions) {
      const x = byId.get(p.taskId)!;
      if (x.due <= T) continue; // already overdue: nothing left to predict
      const breached = x.done === undefined || x.done > x.due;
      if (p.atRisk && breached) counts.tp++;
      else if (p.atRisk) counts.fp++;
      else if (breached) counts.fn++;
      else counts.tn++;
      if (!firstSeen.has(x.id)) firstSeen.set(x.id, p.atRisk);
    }
  }
  const precision = counts.tp / Math.max(1, counts.tp + counts.fp);
  const recall = counts.tp / Math.max(1, counts.tp + counts.fn);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  const judged = tasks.filter((x) => x.created >= 10 * DAY && x.created < DAYS * DAY);
  const breachedTasks = judged.filter((x) => x.done === undefined || x.done > x.due).length;
  // At first sight (the first moment a task was seen, before it was overdue).
  const first = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const [id, atRisk] of firstSeen) {
    const x = tasks.find((y) => y.id === id)!;
    const breached = x.done === undefined || x.done > x.due;
    if (atRisk && breached) first.tp++;
    else if (atRisk) first.fp++;
    else if (breached) first.fn++;
    else first.tn++;
  }
  const fp = first.tp / Math.max(1, first.tp + first.fp);
  const fr = first.tp / Math.max(1, first.tp + first.fn);
  return {
    baseRate,
    tasks: tasks.length,
    moments,
    counts,
    precision,
    recall,
    f1,
    first,
    fp,
    fr,
    judged: judged.length,
    breachedTasks,
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function main() {
  const runs = [3.9, 4.1, 4.4].map((r) => evaluate(r));
  const md = [
    '# Predicted breach: backtest',
    '',
    `Generated by \`npx tsx scripts/backtest-predictions.ts --days ${DAYS} --seed ${SEED}\` on ${new Date().toISOString()}.`,
    '',
    '## Data',
    '',
    'A **generated** history (not production data, not the demo seed): a team of six on a',
    'Monday–Friday 09:00–17:00 calendar (America/New_York), arrivals varying by hour and day (a',
    'quarter of the days are busy, at 1.6×; the base rate per working hour is the run\'s "load"),',
    'three steps with log-normal work times (median 40, 60 and 90 minutes, σ 0.6) due in one, two',
    'and three business days, 10% high priority, a day out of office for 8% of person-days (the',
    "holder's task then waits for them), and 30% of picks oldest-first instead of most-urgent-first.",
    `${DAYS} working days per run (each run its own draw from one seeded generator); the first 10 days only build history.`,
    '',
    'At a moment every four working hours the prediction was made with what was known then: open',
    'tasks, who held which and since when, who was in that day, and step figures from the',
    'completions of the 30 days before. Each (task, moment) pair where the task was not yet overdue',
    'is one prediction; "breached" = completed after its due time.',
    '',
    '## Results',
    '',
    '| Load (arrivals/h) | Tasks | Breached | TP | FP | FN | TN | Precision | Recall | F1 | First sight: precision / recall |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.baseRate} | ${r.judged} | ${r.breachedTasks} (${pct(r.breachedTasks / Math.max(1, r.judged))}) | ${r.counts.tp} | ${r.counts.fp} | ${r.counts.fn} | ${r.counts.tn} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.f1)} | ${pct(r.fp)} / ${pct(r.fr)} (TP ${r.first.tp}, FP ${r.first.fp}, FN ${r.first.fn}) |`,
    ),
    '',
    '## Reading',
    '',
    '- When the queue itself is the cause (load 4.4: the team is overloaded and the backlog grows)',
    '  the prediction is right almost always, and early.',
    '- At moderate load breaches are rare and come from what the model cannot know: a holder out',
    '  the next day (their task waits), a colleague picking oldest-first, a burst of urgent',
    '  arrivals. Precision stays high (few false alarms) but recall is low: most of these breaches',
    '  are not foreseeable from the queue at the moment of prediction.',
    '- The demo seed was not used: its history is a few dozen hand-made cases, too few for figures',
    '  that mean anything (its adjuster review takes ~935 working minutes held, one value).',
    '',
  ].join('\n');
  fs.writeFileSync(path.resolve('bench/results/breach-backtest.md'), md);
  console.log(md);
}

main();
