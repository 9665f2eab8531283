/**
 * Generated intake bodies against the real POST /api/v1/cases handler: valid claims, claims
 * with hostile values (NUL, unpaired surrogates, incompressible 3,000-character names, deep
 * nesting, extreme numbers, impossible dates, wrong types, hostile member names), broken
 * bodies and media types, oversize bodies, and replays of earlier keys. No answer may be a
 * 5xx, every 4xx names the field at fault, and afterwards every case is whole.
 */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as casesRoute from '../../app/api/v1/cases/route';
import { call, request } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

const TOKEN = 'demo-intake-token';
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const RUNS = 2000;
const SEED = 20_261_111;

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
});
afterAll(async () => {
  await t?.close();
});

// ---- values ---------------------------------------------------------------------------

/** A value the JSON text carries verbatim (1e400, 5,000 nested objects): not expressible as a JS value. */
type Raw = { raw: string };
const raw = (text: string): Raw => ({ raw: text });
const isRaw = (v: unknown): v is Raw =>
  typeof v === 'object' && v !== null && 'raw' in v && Object.keys(v).length === 1;

/** Incompressible text: ~3 UTF-8 bytes per character, so 3,000 characters pass 8 kB. */
function incompressible(length: number, seed: number): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode(0x0800 + ((x >>> 0) % 0x5000));
  }
  return out;
}

const nested = (depth: number, array: boolean) =>
  raw(
    array
      ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Strings the database cannot store: each must be a 400 naming its field. */
const unstorableString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'Ada\u0000Byron',
    '\ud800',
    'Ada \udfff',
    '\udbff\udbff',
    'x\udc00\ud800',
  ),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud83d', '\ude00'))
    .map(([a, b]) => `${a}${b}${a}`),
);
const hugeString = fc
  .tuple(fc.integer({ min: 2800, max: 6000 }), fc.integer())
  .map(([n, seed]) => incompressible(n, seed));
const oddString = fc.oneof(
  fc.constantFrom('', '   ', '%', '_', '\\', "'; drop table cases; --", '😀'.repeat(150), '\u2028'),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 300 }),
);
/** Amounts outside every documented bound: must be a 400 on a money field. */
const outOfBoundsNumber = fc.oneof(
  fc.constantFrom<unknown>(1e17, 1.7976931348623157e308, 9e15, 1e9 + 1, -1, -0.01, 12000.555),
  fc.constantFrom(raw('1e400'), raw('-1e400')),
);
const oddNumber = fc.oneof(
  fc.constantFrom(0, -0, 1e9, 5e-324, 2 ** 53, 0.1, raw('1e-400')),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const impossibleDate = fc.constantFrom(
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '2026-2-3',
  '20260101',
  '+275760-09-13',
);
const wrongType = fc.constantFrom<unknown>(null, true, 42, [], {}, '12000', [1, 2], { a: 1 });
const deep = fc
  .tuple(fc.integer({ min: 65, max: 6000 }), fc.boolean())
  .map(([d, a]) => nested(d, a));
const shallow = fc
  .tuple(fc.integer({ min: 1, max: 50 }), fc.boolean())
  .map(([d, a]) => nested(d, a));

const anyValue = fc.oneof(
  unstorableString,
  hugeString,
  oddString,
  outOfBoundsNumber,
  oddNumber,
  impossibleDate,
  wrongType,
  deep,
  shallow,
);

// ---- claims -----------------------------------------------------------------------------

const today = new Date();
const daysAgo = (n: number) =>
  new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);

const validClaim = fc
  .record({
    policy: fc.integer({ min: 100000, max: 999999 }),
    first: fc.stringMatching(/^[A-Z][a-zà-ÿ' -]{0,30}$/),
    local: fc.stringMatching(/^[a-z0-9]{1,20}$/),
    incidentDaysAgo: fc.integer({ min: 0, max: 360 }),
    estimateCents: fc.integer({ min: 0, max: 30_000_000 }),
    deductible: fc.constantFrom(0, 250, 500, 1000, 2500, 100_000),
    coverageLimit: fc.constantFrom(1000, 25_000, 100_000, 150_000),
    fraud: fc.integer({ min: 0, max: 100 }),
    priority: fc.option(fc.constantFrom('low', 'normal', 'high', 'urgent'), { nil: undefined }),
  })
  .map((c) => ({
    caseType: 'auto-claim',
    data: {
      policyNumber: `POL-${c.policy}`,
      claimant: { name: c.first, email: `${c.local}@example.com` },
      incidentDate: daysAgo(c.incidentDaysAgo),
      damageEstimate: c.estimateCents / 100,
      deductible: c.deductible,
      coverageLimit: Math.max(c.coverageLimit, c.deductible),
      fraudScore: c.fraud / 100,
    },
    ...(c.priority ? { priority: c.priority } : {}),
  }));

const FIELD_PATHS = [
  'caseType',
  'priority',
  'data',
  'data.policyNumber',
  'data.claimant',
  'data.claimant.name',
  'data.claimant.email',
  'data.incidentDate',
  'data.damageEstimate',
  'data.deductible',
  'data.coverageLimit',
  'data.fraudScore',
] as const;
const MONEY_PATHS = ['data.damageEstimate', 'data.deductible', 'data.coverageLimit'] as const;

type Mutation =
  | { kind: 'set'; path: string; value: unknown; expectField?: boolean }
  | { kind: 'delete'; path: string }
  | { kind: 'extra'; under: string; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Targeted: the answer must be a 400 naming exactly this field.
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      path: fc.constantFrom(...FIELD_PATHS.filter((p) => p !== 'data' && p !== 'data.claimant')),
      value: unstorableString,
      expectField: fc.constant(true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      path: fc.constantFrom('data.claimant.name', 'data.policyNumber'),
      value: hugeString,
      expectField: fc.constant(true),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      path: fc.constantFrom(...MONEY_PATHS),
      value: outOfBoundsNumber,
      expectField: fc.constant(true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      path: fc.constant('data.incidentDate'),
      value: impossibleDate,
      expectField: fc.constant(true),
    }),
  },
  // Anything anywhere: only "no 5xx, a named field" is asserted.
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      path: fc.constantFrom(...FIELD_PATHS),
      value: anyValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      path: fc.constantFrom(...FIELD_PATHS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      under: fc.constantFrom('', 'data', 'data.claimant'),
      key: fc.oneof(
        fc.constantFrom('extra', '__proto__', 'constructor', 'k\u0000', '\ud800', ''),
        fc.string({ maxLength: 12 }),
      ),
      value: fc.oneof(anyValue, deep),
    }),
  },
);

type Claim = typeof validClaim extends fc.Arbitrary<infer T> ? T : never;
type Body =
  | { kind: 'claim'; base: Claim; mutations: Mutation[] }
  | { kind: 'text'; text: string }
  | { kind: 'contentType'; contentType: string | null; claim: Claim | null }
  | { kind: 'oversize' }
  | { kind: 'replay'; back: number; same: boolean };

const body: fc.Arbitrary<Body> = fc.oneof(
  {
    weight: 30,
    arbitrary: validClaim.map((base) => ({ kind: 'claim' as const, base, mutations: [] })),
  },
  {
    weight: 50,
    arbitrary: fc
      .tuple(validClaim, fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([base, mutations]) => ({ kind: 'claim' as const, base, mutations })),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          '{',
          'null',
          '[]',
          '"x"',
          '1',
          'true',
          '{"caseType":"auto-claim","data":{}',
          '\ufeff{}',
          'NaN',
        ),
        fc.string({ maxLength: 50 }),
      )
      .map((text) => ({ kind: 'text' as const, text })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('contentType' as const),
      contentType: fc.constantFrom(
        null,
        'text/plain',
        'text/plain; x=application/json',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/json-patch+json',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-8',
        'Application/JSON',
      ),
      claim: fc.option(validClaim, { nil: null }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'oversize' as const }) },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('replay' as const),
      back: fc.integer({ min: 1, max: 30 }),
      same: fc.boolean(),
    }),
  },
);

// ---- building requests ---------------------------------------------------------------

function setPath(obj: Record<string, unknown>, path: string, value: unknown, remove = false) {
  const parts = path.split('.');
  let node: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) {
    const next = node[p];
    if (!next || typeof next !== 'object' || Array.isArray(next) || isRaw(next)) return false;
    node = next as Record<string, unknown>;
  }
  if (remove) delete node[parts.at(-1)!];
  else
    Object.defineProperty(node, parts.at(-1)!, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return true;
}

/** JSON text with Raw values spliced in verbatim. */
function toText(v: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(v, (_k, x: unknown) => {
    if (isRaw(x)) {
      raws.push(x.raw);
      return `@@RAW${raws.length - 1}@@`;
    }
    return x;
  });
  return text.replace(/"@@RAW(\d+)@@"/g, (_m, i: string) => raws[Number(i)]!);
}

function post(
  text: string | undefined,
  key: string,
  contentType: string | null = 'application/json',
) {
  const headers: Record<string, string> = { 'idempotency-key': key };
  if (contentType) headers['content-type'] = contentType;
  return call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', { bearer: TOKEN, headers, body: text }),
    {},
  );
}

async function countOf(table: typeof s.cases | typeof s.idempotencyKeys): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(table);
  return row!.n;
}

/** Rows of db.execute on either driver (PGlite { rows }, postgres.js an array). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

// ---- the run -----------------------------------------------------------------------------

type Sent = { key: string; text: string; status: number; caseId?: string; valid: boolean };

describe(`intake fuzz: ${RUNS} generated bodies against POST /api/v1/cases (${onPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('answers every body below 500, names the field of every 4xx, and leaves only whole cases', async () => {
    const casesBefore = await countOf(s.cases);
    const keysBefore = await countOf(s.idempotencyKeys);
    // A few more than RUNS: replays without an earlier claim and oversize bodies past the fifth are skipped.
    const bodies = fc.sample(body, { numRuns: Math.round(RUNS * 1.1), seed: SEED });
    const sent: Sent[] = [];
    const byStatus: Record<number, number> = {};
    const failures: string[] = [];
    const created = new Set<string>();
    const fail = (what: string, text: string, res: { status: number; body: unknown }) => {
      if (failures.length < 20)
        failures.push(
          `${what}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)} ← ${text.slice(0, 300)}`,
        );
    };
    const started = Date.now();
    let oversize = 0;

    let total = 0;
    for (const [i, b] of bodies.entries()) {
      if (total >= RUNS) break;
      const key = `fuzz-${i}`;
      let text: string;
      let contentType: string | null = 'application/json';
      let expectFields: string[] = [];
      let useKey = key;
      let replayOf: Sent | undefined;
      if (b.kind === 'claim') {
        const v = structuredClone(b.base) as Record<string, unknown>;
        for (const m of b.mutations) {
          if (m.kind === 'set') {
            if (setPath(v, m.path, m.value) && m.expectField && b.mutations.length === 1)
              expectFields = [m.path];
          } else if (m.kind === 'delete') setPath(v, m.path, undefined, true);
          else setPath(v, m.under ? `${m.under}.${m.key}` : m.key, m.value);
        }
        text = toText(v);
      } else if (b.kind === 'text') {
        text = b.text;
      } else if (b.kind === 'contentType') {
        contentType = b.contentType;
        text = b.claim ? toText(b.claim) : 'caseType=auto-claim';
      } else if (b.kind === 'oversize') {
        if (++oversize > 5) continue;
        text = toText({
          ...(bodies.find((x) => x.kind === 'claim')! as { base: object }).base,
          pad: 'x'.repeat(1_100_000),
        });
      } else {
        replayOf = sent.filter((x) => x.valid).at(-b.back);
        if (!replayOf) continue;
        useKey = replayOf.key;
        if (b.same) text = replayOf.text;
        else {
          const v = JSON.parse(replayOf.text) as { data: { damageEstimate: number } };
          v.data.damageEstimate = Math.round(v.data.damageEstimate * 100 + 1) / 100;
          text = JSON.stringify(v);
        }
      }

      const res = await post(text, useKey, contentType);
      total++;
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500) fail('5xx', text, res);
      if (res.status >= 400) {
        const err = res.body?.error;
        const fields = err?.fields && typeof err.fields === 'object' ? Object.keys(err.fields) : [];
        if (typeof err?.code !== 'string' || typeof err?.message !== 'string')
          fail('no JSON error', text, res);
        else if (fields.length === 0) fail('no field named', text, res);
        else if (fields.some((f) => UNSTORABLE.test(f)))
          fail('raw bad character in a field name', text, res);
        for (const f of expectFields)
          if (res.status !== 400 || !(f in (err?.fields ?? {})))
            fail(`expected 400 naming ${f}`, text, res);
      } else if (res.status === 201) {
        created.add(res.body.case.id);
        if (expectFields.length) fail(`accepted a bad ${expectFields[0]}`, text, res);
      } else fail('unexpected status', text, res);

      if (replayOf?.caseId) {
        if (
          b.kind === 'replay' &&
          b.same &&
          (res.status !== 201 || res.body.case.id !== replayOf.caseId)
        )
          fail('replay did not answer the same case', text, res);
        if (b.kind === 'replay' && !b.same && res.status !== 409)
          fail('same key, other body not 409', text, res);
      }
      if (!replayOf)
        sent.push({
          key: useKey,
          text,
          status: res.status,
          caseId: res.status === 201 ? res.body.case.id : undefined,
          valid: b.kind === 'claim' && res.status === 201,
        });
    }
    const seconds = (Date.now() - started) / 1000;

    // Nothing half-written: exactly one case per accepted key, each opened, audited and settled.
    expect((await countOf(s.cases)) - casesBefore).toBe(created.size);
    expect((await countOf(s.idempotencyKeys)) - keysBefore).toBe(created.size);
    const keysWithoutCase = await t.db
      .select({ key: s.idempotencyKeys.key })
      .from(s.idempotencyKeys)
      .where(isNull(s.idempotencyKeys.caseId));
    expect(keysWithoutCase).toEqual([]);
    const ids = [...created];
    const opened = await t.db
      .select({ caseId: s.auditEvents.caseId, n: count() })
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'case.opened'), inArray(s.auditEvents.caseId, ids)))
      .groupBy(s.auditEvents.caseId);
    expect(opened.length).toBe(ids.length);
    expect(opened.every((o) => o.n === 1)).toBe(true);
    // Settled: closed, or a task for a person, or an automated step waiting for its retry.
    const unsettled = await t.db.execute(sql`
      select c.id, c.status from cases c
      where c.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        and c.status <> 'closed'
        and not exists (select 1 from tasks k where k.case_id = c.id and k.status in ('ready', 'claimed'))
        and not exists (select 1 from step_runs r where r.case_id = c.id and r.status = 'pending')`);
    expect(rowsOf(unsettled)).toEqual([]);
    const orphanAudit = await t.db.execute(
      sql`select count(*)::int as n from audit_events a where a.case_id is not null and not exists (select 1 from cases c where c.id = a.case_id)`,
    );
    expect(rowsOf<{ n: number }>(orphanAudit)[0]!.n).toBe(0);

    console.log(
      `intake fuzz on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}: ${total} bodies in ${seconds.toFixed(1)} s; by status ${JSON.stringify(byStatus)}; ${created.size} cases created`,
    );
    expect(failures).toEqual([]);
    expect(Object.keys(byStatus).filter((k) => Number(k) >= 500)).toEqual([]);
    expect(total).toBe(RUNS);
  }, 600_000);
});
