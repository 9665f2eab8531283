/**
 * `DATABASE_URL=postgres://… npx tsx scripts/bench/intake.ts` (needs `npx next build` first)
 *
 * Intake over HTTP: `POST /api/v1/cases` with a bearer token and a fresh Idempotency-Key per
 * request, 16 concurrent connections (autocannon) for ~20 s, against the production build on
 * port 3333 and a scratch PostgreSQL database (migrated, demo seed). The claims are a mix that
 * routes to every group and some straight through (paid right away). In the same run, the floor:
 * 16 postgres.js clients each inserting one case + one task + its audit rows per transaction, and
 * the variant that first takes one shared counter row (what intake did before issue 15).
 * Statements per request are counted in-process with the same client library (postgres.js debug
 * hook) on the same code path as the route (token check, openCase). After the run: the number
 * of cases and the uniqueness of their references.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { queryRows, type Db } from '../../db/client';
import * as schema from '../../db/schema';
import { hashApiToken } from '../../lib/auth/api-token';
import { authenticateBearer } from '../../lib/auth/bearer';
import { openCase } from '../../lib/use-cases/open-case';
import { CONNECTIONS, floor } from './intake-floor';
import { claimOf, httpLoad, MIX, prng, type Kind } from './intake-load';
import {
  explainAnalyze,
  formatNumber,
  machineInfo,
  markdownTable,
  percentile,
  planSection,
  quick,
  requireDatabaseUrl,
  startServer,
  summarize,
  withScratchDb,
  writeReport,
  type BenchRow,
} from './lib';

const NAME = 'intake';
const PORT = 3333;
const SECONDS = quick(20, 4);
const FLOOR_SECONDS = quick(10, 3);

/** Statements the route's code path sends for one intake of each kind (postgres.js debug hook). */
async function statementsPerKind(dbUrl: string, token: string) {
  const log: string[] = [];
  const client = postgres(dbUrl, {
    max: 10,
    onnotice: () => {},
    debug: (_c, q) => log.push(q.replace(/\s+/g, ' ').trim()),
  });
  const db = drizzle({ client, schema }) as unknown as Db;
  const rand = prng(42);
  const out: { kind: Kind; statements: number; sample: string[] }[] = [];
  let i = 0;
  const once = async (kind: Kind) => {
    const actor = await authenticateBearer(db, `Bearer ${token}`, new Date());
    await openCase(
      db,
      actor,
      { caseType: 'auto-claim', data: claimOf(kind, rand, ++i) },
      `count-${process.pid}-${i}`,
    );
  };
  try {
    for (const [kind] of MIX) await once(kind); // warm: connections, types, config snapshot
    for (const [kind] of MIX) {
      log.length = 0;
      await once(kind);
      out.push({ kind, statements: log.length, sample: [...log] });
    }
  } finally {
    await client.end({ timeout: 5 });
  }
  return out;
}

async function main() {
  const baseUrl = requireDatabaseUrl(NAME);
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.error('No production build: run `npx next build` first.');
    process.exit(2);
  }
  const machine = await machineInfo(baseUrl);
  await withScratchDb(NAME, { max: 4 }, async (scratch) => {
    const plain = `hnd_${randomBytes(24).toString('base64url')}`;
    await scratch.db.insert(schema.apiTokens).values({
      name: 'bench intake',
      tokenHash: hashApiToken(plain),
      displayPrefix: plain.slice(0, 8),
      scopes: ['cases:write', 'cases:read'],
    });
    const [seeded] = await queryRows<{ n: number }>(
      scratch.db,
      sql`select count(*)::int as n from cases`,
    );

    console.log(`floor: ${CONNECTIONS} clients, ${FLOOR_SECONDS} s each variant`);
    const sample = claimOf('adjuster', prng(1), 0);
    const floorSeq = await floor(scratch.url, sample, false, FLOOR_SECONDS);
    const floorCounter = await floor(scratch.url, sample, true, FLOOR_SECONDS);
    console.log(
      `  floor ${formatNumber(floorSeq.throughput)}/s p95 ${formatNumber(floorSeq.p95)} ms; with the shared counter ${formatNumber(floorCounter.throughput)}/s`,
    );

    const counts = await statementsPerKind(scratch.url, plain);
    console.log(`statements: ${counts.map((c) => `${c.kind} ${c.statements}`).join(', ')}`);

    const server = await startServer({ databaseUrl: scratch.url, port: PORT });
    let load: Awaited<ReturnType<typeof httpLoad>>;
    let stats: { commits: number };
    try {
      console.log(`warm-up over HTTP`);
      await httpLoad(server.url, plain, quick(4, 1), 'warm');
      const [before] = await queryRows<{ commits: string }>(
        scratch.db,
        sql`select xact_commit::text as commits from pg_stat_database where datname = current_database()`,
      );
      console.log(`HTTP: ${CONNECTIONS} connections, ${SECONDS} s`);
      load = await httpLoad(server.url, plain, SECONDS, 'run');
      const [after] = await queryRows<{ commits: string }>(
        scratch.db,
        sql`select xact_commit::text as commits from pg_stat_database where datname = current_database()`,
      );
      stats = { commits: Number(after!.commits) - Number(before!.commits) };
    } finally {
      await server.stop();
    }
    const lat = summarize(load.latencies);
    console.log(
      `  ${formatNumber(load.throughput)} cases/s, p50 ${formatNumber(lat.p50)} ms, p95 ${formatNumber(lat.p95)} ms, statuses ${JSON.stringify(Object.fromEntries(load.statuses))}`,
    );

    // After the run: every 201 is one case, and no reference was handed out twice.
    const [check] = await queryRows<{ cases: number; refs: number; keys: number }>(
      scratch.db,
      sql`select (select count(*)::int from cases) as cases,
                 (select count(distinct reference)::int from cases) as refs,
                 (select count(*)::int from idempotency_keys) as keys`,
    );
    const created = load.statuses.get(201) ?? 0;

    // Plans of the hot statements, on the data the run left.
    const [tok] = await scratch.db
      .select()
      .from(schema.apiTokens)
      .where(eq(schema.apiTokens.name, 'bench intake'));
    const plans = [
      planSection(
        'Token check and config version (one statement per request)',
        await explainAnalyze(
          scratch.db,
          sql`select id, revoked_at, expires_at, (select version::text from config_versions where id = 1) from api_tokens where token_hash = ${tok!.tokenHash}`,
        ),
      ),
      planSection(
        'The case INSERT drawing its reference from the sequence (rolled back)',
        await explainAnalyze(
          scratch.db,
          sql`insert into cases (reference, case_type_id, case_type_version_id, data, title, opened_by_actor)
              select handoff_case_reference('CLM', ${new Date().getUTCFullYear()}), case_type_id, case_type_version_id, data, title, opened_by_actor
              from cases limit 1 returning reference`,
        ),
      ),
      planSection(
        'Idempotency key claim (rolled back)',
        await explainAnalyze(
          scratch.db,
          sql`insert into idempotency_keys (token_id, key, request_hash) values (${tok!.id}, 'plan', 'x') on conflict do nothing returning id`,
        ),
      ),
    ];

    const human = counts.filter((c) => c.kind !== 'straight-through');
    const maxHuman = Math.max(...human.map((c) => c.statements));
    const mixed = MIX.reduce(
      (a, [kind, share]) => a + share * counts.find((c) => c.kind === kind)!.statements,
      0,
    );
    const target = floorSeq.throughput * 0.5;
    const rows: BenchRow[] = [
      {
        what: `POST /api/v1/cases, ${CONNECTIONS} concurrent clients, claim mix`,
        value: load.throughput,
        unit: 'cases/s',
        floor: floorSeq.throughput,
        target: `≥ 50% of the floor (${formatNumber(target)} cases/s)`,
        met: load.throughput >= target,
        note: `p50 ${formatNumber(lat.p50)} ms, p95 ${formatNumber(lat.p95)} ms; floor p95 ${formatNumber(floorSeq.p95)} ms`,
      },
      {
        what: 'intake latency p95',
        value: lat.p95,
        unit: 'ms',
        floor: floorSeq.p95,
        target: '—',
        met: null,
        note: `p50 ${formatNumber(lat.p50)} ms, p99 ${formatNumber(lat.p99)} ms`,
      },
      {
        what: 'floor with one shared counter row taken first',
        value: floorCounter.throughput,
        unit: 'cases/s',
        floor: null,
        target: '—',
        met: null,
        note: `p95 ${formatNumber(floorCounter.p95)} ms: what a single hot row costs`,
      },
      {
        what: 'statements per intake that stops at a person (max over the kinds)',
        value: maxHuman,
        unit: 'statements',
        floor: 5,
        target: '≤ 10',
        met: maxHuman <= 10,
        note: human.map((c) => `${c.kind} ${c.statements}`).join(', '),
      },
      {
        what: 'statements per intake, weighted over the mix',
        value: mixed,
        unit: 'statements',
        floor: 5,
        target: '—',
        met: null,
        note: `straight-through ${counts.find((c) => c.kind === 'straight-through')!.statements} (the case, then its payment after the commit, as the API answers it closed)`,
      },
      {
        what: 'server transactions per created case (pg_stat_database)',
        value: stats.commits / Math.max(1, created),
        unit: 'commits',
        floor: 1,
        target: '—',
        met: null,
      },
      {
        what: 'references unique after the run',
        value: check!.cases - check!.refs,
        unit: 'duplicates',
        floor: null,
        target: '0',
        met: check!.cases === check!.refs,
        note: `${check!.cases} cases (${seeded!.n} seeded), ${check!.keys} idempotency keys`,
      },
    ];
    writeReport({
      name: NAME,
      title: 'Intake over HTTP: POST /api/v1/cases',
      machine,
      intro: [
        `The production build (scripts/serve.ts) on port ${PORT} against a scratch PostgreSQL database (migrations, demo seed), ` +
          `pool of 10 connections (the default). autocannon, ${CONNECTIONS} connections, ${SECONDS} s after a warm-up, a fresh ` +
          `Idempotency-Key per request, bearer token. The mix: ${MIX.map(([k, s]) => `${k} ${Math.round(s * 100)}%`).join(', ')} ` +
          `(straight-through claims are paid by the request, after its commit, as the API answers them closed).`,
        `Floor, same database, same run: ${CONNECTIONS} postgres.js clients, each transaction inserting one case (reference from a ` +
          `sequence), one task and five audit rows (one statement), ${FLOOR_SECONDS} s; and the same taking one shared counter row first.`,
        `Statements are counted in-process on the route's code path (token check, then openCase) with the postgres.js debug hook, ` +
          `BEGIN and COMMIT included, after a warm-up (config snapshot loaded).`,
        `Responses: ${markdownTable(
          ['status', 'count'],
          [...load.statuses].map(([s, c]) => [String(s), c]),
        )
          .split('\n')
          .join(' ')}`,
      ],
      rows,
      sections: [
        '## Statements of one intake, by kind',
        '',
        ...counts.flatMap((c) => [
          `### ${c.kind}: ${c.statements}`,
          '',
          '```',
          ...c.sample.map((q) => q.slice(0, 200)),
          '```',
          '',
        ]),
        '## Plans',
        '',
        ...plans,
        `Latency percentiles over ${lat.n} created cases: p50 ${formatNumber(lat.p50)}, p95 ${formatNumber(lat.p95)}, p99 ${formatNumber(percentile(load.latencies, 0.99))} ms.`,
      ],
    });
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
