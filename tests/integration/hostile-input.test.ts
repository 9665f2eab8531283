/**
 * Hostile input on every route family: each answer is a 4xx with the one JSON error naming the
 * field at fault, and nothing is written. Content type (415), body size (413, read no further
 * than the limit), nesting, NUL and unpaired surrogates, lengths, money bounds, calendar dates,
 * crafted cursors and query parameters.
 */
import { and, count, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { countSimulatedPayments } from '../../lib/engine/billing-simulator';
import { resetEnvCache } from '../../lib/env';
import { signInEmail } from '../../lib/schemas/text';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as casesRoute from '../../app/api/v1/cases/route';
import * as eventsRoute from '../../app/api/v1/cases/[id]/events/route';
import * as inboxRoute from '../../app/api/inbox/route';
import * as auditRoute from '../../app/api/audit/route';
import * as taskRoute from '../../app/api/tasks/[id]/route';
import * as claimRoute from '../../app/api/tasks/[id]/claim/route';
import * as completeRoute from '../../app/api/tasks/[id]/complete/route';
import * as commentsRoute from '../../app/api/tasks/[id]/comments/route';
import * as reassignRoute from '../../app/api/tasks/[id]/reassign/route';
import * as bulkRoute from '../../app/api/tasks/bulk-reassign/route';
import * as rulesRoute from '../../app/api/admin/rules/route';
import * as slaRoute from '../../app/api/admin/sla/[id]/route';
import * as calendarRoute from '../../app/api/admin/calendar/[id]/route';
import * as holidaysRoute from '../../app/api/admin/calendar/[id]/holidays/route';
import * as usersRoute from '../../app/api/admin/users/route';
import * as groupsRoute from '../../app/api/admin/groups/route';
import * as tokensRoute from '../../app/api/admin/tokens/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

const TOKEN = 'demo-intake-token';
let t: TestDb;
const cookie = new Map<string, string>();
let seq = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) cookie.set(u.email, await sessionCookie(u));
});
afterAll(async () => {
  await t?.close();
});

const today = new Date().toISOString().slice(0, 10);
function claim(overrides: Record<string, unknown> = {}) {
  return {
    policyNumber: 'POL-123456',
    claimant: { name: `Ada Byron ${++seq}`, email: 'ada@example.com' },
    incidentDate: today,
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
    ...overrides,
  };
}

function open(body: unknown, headers: Record<string, string> = {}) {
  return call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: TOKEN,
      headers: { 'idempotency-key': `hostile-${++seq}`, ...headers },
      body,
    }),
    {},
  );
}

/** Row counts of everything a request could write. */
async function footprint() {
  const n = async (table: typeof s.cases | typeof s.idempotencyKeys | typeof s.auditEvents) =>
    (await t.db.select({ n: count() }).from(table))[0]!.n;
  return {
    cases: await n(s.cases),
    keys: await n(s.idempotencyKeys),
    audit: await n(s.auditEvents),
  };
}

/** Asserts the one error shape: status, code, and the field named. */
function expectError(
  res: { status: number; body: { error?: { code?: string; fields?: Record<string, string> } } },
  status: number,
  field: string,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(typeof res.body.error?.code).toBe('string');
  expect(res.body.error?.fields, JSON.stringify(res.body)).toHaveProperty([field]);
}

/** A claim in Adjuster review, claimed by adjuster@example.com. */
async function claimedTask() {
  const opened = await open({ caseType: 'auto-claim', data: claim() });
  expect(opened.status).toBe(201);
  const task = opened.body.case.tasks[0];
  const res = await call(
    claimRoute.POST,
    request('POST', `/api/tasks/${task.id}/claim`, {
      cookie: cookie.get('adjuster@example.com'),
      body: {},
    }),
    { id: task.id },
  );
  expect(res.status).toBe(200);
  return { caseId: opened.body.case.id as string, taskId: task.id as string };
}

function user(email: string) {
  return cookie.get(email)!;
}

describe('content type and body size, on user and token routes', () => {
  it('refuses a body that is not exactly application/json with a 415 JSON error', async () => {
    const { taskId } = await claimedTask();
    for (const contentType of [
      'text/plain',
      'text/plain; x=application/json',
      'application/x-www-form-urlencoded',
      'application/xml',
      'application/json-seq',
    ]) {
      const comment = await call(
        commentsRoute.POST,
        request('POST', `/api/tasks/${taskId}/comments`, {
          cookie: user('adjuster@example.com'),
          headers: { 'content-type': contentType },
          body: JSON.stringify({ body: 'hello' }),
        }),
        { id: taskId },
      );
      expectError(comment, 415, 'content-type');
      const intake = await open(JSON.stringify({ caseType: 'auto-claim', data: claim() }), {
        'content-type': contentType,
      });
      expectError(intake, 415, 'content-type');
    }
    // No Content-Type at all (a bare fetch with a string body sends text/plain; this sends none).
    const bare = new NextRequest('http://localhost:3000/api/v1/cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'idempotency-key': 'bare-1' },
      body: new Blob([JSON.stringify({ caseType: 'auto-claim', data: claim() })]),
    });
    expect(bare.headers.get('content-type')).toBeNull();
    expectError(await call(casesRoute.POST, bare, {}), 415, 'content-type');
    // Parameters aside, application/json in any case is JSON.
    const ok = await open(JSON.stringify({ caseType: 'auto-claim', data: claim() }), {
      'content-type': 'Application/JSON; charset=utf-8',
    });
    expect(ok.status).toBe(201);
  });

  it('answers 413 for a body over the limit, on intake and on a comment, and writes nothing', async () => {
    const before = await footprint();
    const big = { caseType: 'auto-claim', data: { ...claim(), note: 'x'.repeat(1_100_000) } };
    expectError(await open(big), 413, '(body)');
    const { taskId } = await claimedTask();
    const mid = await footprint();
    const comment = await call(
      commentsRoute.POST,
      request('POST', `/api/tasks/${taskId}/comments`, {
        cookie: user('adjuster@example.com'),
        body: { body: 'y'.repeat(1_100_000) },
      }),
      { id: taskId },
    );
    expectError(comment, 413, '(body)');
    expect(await footprint()).toEqual(mid);
    expect(mid.cases).toBe(before.cases + 1);
  });

  it('stops reading at the limit: an endless body is cut off, a declared oversize body is not read at all', async () => {
    let pulled = 0;
    // highWaterMark 0: the stream produces a chunk only when the reader asks for one.
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        },
      },
      { highWaterMark: 0 },
    );
    const res = await call(
      casesRoute.POST,
      new NextRequest('http://localhost:3000/api/v1/cases', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'idempotency-key': 'endless-1',
          'content-type': 'application/json',
        },
        body: endless,
        duplex: 'half',
      }),
      {},
    );
    expectError(res, 413, '(body)');
    // Read up to the chunk that crossed 1 MiB, and not one more.
    expect(pulled).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);

    let touched = false;
    const never = new ReadableStream<Uint8Array>(
      {
        pull() {
          touched = true;
          throw new Error('the body must not be read');
        },
      },
      { highWaterMark: 0 },
    );
    const declared = await call(
      casesRoute.POST,
      new NextRequest('http://localhost:3000/api/v1/cases', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'idempotency-key': 'declared-1',
          'content-type': 'application/json',
          'content-length': String(50 * 1024 * 1024),
        },
        body: never,
        duplex: 'half',
      }),
      {},
    );
    expectError(declared, 413, '(body)');
    expect(touched).toBe(false);
  });

  it('takes its limit from HANDOFF_MAX_BODY_BYTES', async () => {
    process.env.HANDOFF_MAX_BODY_BYTES = '2048';
    resetEnvCache();
    try {
      const res = await open({
        caseType: 'auto-claim',
        data: { ...claim(), note: 'z'.repeat(3000) },
      });
      expectError(res, 413, '(body)');
      expect(res.body.error.message).toContain('2048');
      expect((await open({ caseType: 'auto-claim', data: claim() })).status).toBe(201);
    } finally {
      delete process.env.HANDOFF_MAX_BODY_BYTES;
      resetEnvCache();
    }
  });
});

describe('intake: POST /api/v1/cases', () => {
  const refused: [string, Record<string, unknown>, string][] = [
    ['a NUL in caseType', { caseType: 'auto\u0000claim', data: claim() }, 'caseType'],
    [
      'a lone surrogate in the claimant name',
      {
        caseType: 'auto-claim',
        data: claim({ claimant: { name: 'Ada \ud800', email: 'a@example.com' } }),
      },
      'data.claimant.name',
    ],
    [
      'a NUL in the claimant name',
      {
        caseType: 'auto-claim',
        data: claim({ claimant: { name: 'Ada\u0000', email: 'a@example.com' } }),
      },
      'data.claimant.name',
    ],
    [
      'a NUL in an unknown field',
      { caseType: 'auto-claim', data: claim({ extra: { note: 'x\u0000' } }) },
      'data.extra.note',
    ],
    [
      'a NUL in a member name',
      { caseType: 'auto-claim', data: { ...claim(), 'k\u0000': 1 } },
      'data.k\\u0000',
    ],
    [
      'a NUL in the priority',
      { caseType: 'auto-claim', data: claim(), priority: '\u0000' },
      'priority',
    ],
    [
      '1e17 as damage estimate',
      { caseType: 'auto-claim', data: claim({ damageEstimate: 1e17 }) },
      'data.damageEstimate',
    ],
    [
      'the largest double as coverage limit',
      { caseType: 'auto-claim', data: claim({ coverageLimit: 1.7976931348623157e308 }) },
      'data.coverageLimit',
    ],
    [
      'a deductible of 9e15',
      { caseType: 'auto-claim', data: claim({ deductible: 9e15 }) },
      'data.deductible',
    ],
    [
      'fractions of a cent',
      { caseType: 'auto-claim', data: claim({ damageEstimate: 100.005 }) },
      'data.damageEstimate',
    ],
    [
      'a negative deductible',
      { caseType: 'auto-claim', data: claim({ deductible: -1 }) },
      'data.deductible',
    ],
    [
      '2026-02-30',
      { caseType: 'auto-claim', data: claim({ incidentDate: '2026-02-30' }) },
      'data.incidentDate',
    ],
    [
      '2025-02-29',
      { caseType: 'auto-claim', data: claim({ incidentDate: '2025-02-29' }) },
      'data.incidentDate',
    ],
  ];
  for (const [what, body, field] of refused)
    it(`refuses ${what} with a 400 naming ${field}, writing nothing`, async () => {
      const before = await footprint();
      expectError(await open(body), 400, field);
      expect(await footprint()).toEqual(before);
    });

  it('refuses a claimant name of 2,800 incompressible characters (the title index limit) and takes 200', async () => {
    let x = 7;
    const name = Array.from({ length: 2800 }, () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(0x4e00 + (x % 0x5000));
    }).join('');
    const before = await footprint();
    const res = await open({
      caseType: 'auto-claim',
      data: claim({ claimant: { name, email: 'a@example.com' } }),
    });
    expectError(res, 400, 'data.claimant.name');
    expect(res.body.error.fields['data.claimant.name']).toBe('must be at most 200 characters');
    expect(await footprint()).toEqual(before);
    const longest = await open({
      caseType: 'auto-claim',
      data: claim({ claimant: { name: name.slice(0, 200), email: 'a@example.com' } }),
    });
    expect(longest.status).toBe(201);
  });

  it('refuses 1e400 (Infinity once parsed) and nesting 5,000 levels deep, before hashing', async () => {
    const before = await footprint();
    const text = JSON.stringify({ caseType: 'auto-claim', data: claim() });
    const infinite = await open(text.replace('"damageEstimate":12000', '"damageEstimate":1e400'));
    expectError(infinite, 400, 'data.damageEstimate');
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const nested = await open(text.replace('"fraudScore":0.1', `"fraudScore":0.1,"extra":${deep}`));
    expectError(nested, 400, '(body)');
    expect(nested.body.error.fields['(body)']).toBe('must not nest deeper than 64 levels');
    const arrays = await open(
      text.replace('"fraudScore":0.1', `"fraudScore":0.1,"x":${'['.repeat(70)}${']'.repeat(70)}`),
    );
    expectError(arrays, 400, '(body)');
    // 64 levels are fine: the body itself and data take two of them.
    const ok = await open(
      text.replace(
        '"fraudScore":0.1',
        `"fraudScore":0.1,"extra":${'{"a":'.repeat(62)}1${'}'.repeat(62)}`,
      ),
    );
    expect(ok.status).toBe(201);
    expect((await footprint()).cases).toBe(before.cases + 1);
  });

  it('replays keep working: same key and body answer the same case, another body is a 409', async () => {
    const body = { caseType: 'auto-claim', data: claim() };
    const headers = { 'idempotency-key': 'hostile-replay-1' };
    const first = await open(body, headers);
    const again = await open(body, headers);
    expect(again.status).toBe(201);
    expect(again.body.case.id).toBe(first.body.case.id);
    expectError(
      await open({ ...body, data: { ...body.data, deductible: 600 } }, headers),
      409,
      'Idempotency-Key',
    );
  });

  it('a deductible above the damage estimate pays nothing: the case closes as no payment due, billing never called', async () => {
    const res = await open({
      caseType: 'auto-claim',
      data: claim({ damageEstimate: 300, deductible: 1000, coverageLimit: 100000 }),
    });
    expect(res.status).toBe(201);
    expect(res.body.case).toMatchObject({
      status: 'closed',
      resolution: 'no_payment_due',
      tasks: [],
      data: { recommendedPayout: 0 },
    });
    const runs = await t.db
      .select()
      .from(s.stepRuns)
      .where(eq(s.stepRuns.caseId, res.body.case.id));
    expect(runs.map((r) => [r.stepKey, r.status]).sort()).toEqual([
      ['calculate-payout', 'succeeded'],
      ['validate-claim', 'succeeded'],
    ]);
    const [c] = await t.db.select().from(s.cases).where(eq(s.cases.id, res.body.case.id));
    expect(c!.data.paymentId).toBeUndefined();
    expect(await countSimulatedPayments(t.db, c!.reference)).toBe(0);
    const [skipped] = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.caseId, c!.id), eq(s.auditEvents.action, 'step.skipped')));
    expect(skipped!.summary).toMatch(/deductible of 1,000 covers the damage estimate of 300/);
  });
});

describe('tasks: complete, comment, reassign', () => {
  it('refuses NUL and unpaired surrogates in a deny reason, a comment and a reassignment reason', async () => {
    const { taskId } = await claimedTask();
    const before = await footprint();
    const adjuster = user('adjuster@example.com');
    const deny = await call(
      completeRoute.POST,
      request('POST', `/api/tasks/${taskId}/complete`, {
        cookie: adjuster,
        body: { outcome: 'deny', data: { reason: 'fraud\u0000' } },
      }),
      { id: taskId },
    );
    expectError(deny, 400, 'data.reason');
    const outcome = await call(
      completeRoute.POST,
      request('POST', `/api/tasks/${taskId}/complete`, {
        cookie: adjuster,
        body: { outcome: 'deny\ud800', data: {} },
      }),
      { id: taskId },
    );
    expectError(outcome, 400, 'outcome');
    for (const text of ['hi \u0000', 'hi \ud800', '\udc00']) {
      const comment = await call(
        commentsRoute.POST,
        request('POST', `/api/tasks/${taskId}/comments`, {
          cookie: adjuster,
          body: { body: text },
        }),
        { id: taskId },
      );
      expectError(comment, 400, 'body');
    }
    const supervisor = user('supervisor@example.com');
    const reassign = await call(
      reassignRoute.POST,
      request('POST', `/api/tasks/${taskId}/reassign`, {
        cookie: supervisor,
        body: { toUserId: null, reason: 'back \ud800 to queue' },
      }),
      { id: taskId },
    );
    expectError(reassign, 400, 'reason');
    const bulk = await call(
      bulkRoute.POST,
      request('POST', '/api/tasks/bulk-reassign', {
        cookie: supervisor,
        body: { taskIds: [taskId], toUserId: null, reason: 'x\u0000yz' },
      }),
      {},
    );
    expectError(bulk, 400, 'reason');
    expect(await footprint()).toEqual(before);
    const [task] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, taskId));
    expect(task!.status).toBe('claimed');
  });

  it('bounds the payout amount on completion: 1e17, the largest double, 1e400 and 0 are 400s', async () => {
    const { taskId } = await claimedTask();
    const before = await footprint();
    const approve = (payout: string) =>
      call(
        completeRoute.POST,
        request('POST', `/api/tasks/${taskId}/complete`, {
          cookie: user('adjuster@example.com'),
          body: `{"outcome":"approve","data":{"payoutAmount":${payout}}}`,
        }),
        { id: taskId },
      );
    for (const payout of ['1e17', '1.7976931348623157e308', '1e400', '0', '-5', '10.001'])
      expectError(await approve(payout), 400, 'data.payoutAmount');
    expect(await footprint()).toEqual(before);
    expect((await approve('11500')).status).toBe(200);
  });

  it('refuses a NUL in a path parameter', async () => {
    const res = await call(
      taskRoute.GET,
      request('GET', '/api/tasks/%00', { cookie: user('adjuster@example.com') }),
      { id: '\u0000' },
    );
    expectError(res, 400, 'id');
  });
});

describe('lists: inbox, cases, audit', () => {
  const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('inbox: ?q=%00, ?type=%00 and crafted cursors are 400s', async () => {
    const adjuster = user('adjuster@example.com');
    const get = (qs: string) =>
      call(inboxRoute.GET, request('GET', `/api/inbox?${qs}`, { cookie: adjuster }), {});
    expectError(await get('q=%00'), 400, 'q');
    expectError(await get('queue=all&type=%00'), 400, 'type');
    const id = '------------------------------------';
    expectError(await get(`queue=all&cursor=${cursorOf({ k: ['infinity'], id })}`), 400, 'cursor');
    const uuid = '00000000-0000-4000-8000-000000000000';
    // Date.parse("1") is a date in 2001; PostgreSQL refuses '1'::timestamptz.
    for (const k of [['1'], ['+275760-09-13T00:00:00.000Z'], ['2026-02-30T00:00:00.000Z'], [null]])
      expectError(await get(`queue=all&cursor=${cursorOf({ k, id: uuid })}`), 400, 'cursor');
    expectError(
      await get(`queue=all&sort=priority&cursor=${cursorOf({ k: [1e308, 'infinity'], id: uuid })}`),
      400,
      'cursor',
    );
    const good = await get('queue=all&limit=1');
    expect(good.status).toBe(200);
    const next = await get(`queue=all&limit=1&cursor=${good.body.nextCursor}`);
    expect(next.status).toBe(200);
  });

  it('cases: ?q=%00, ?status=%00 and crafted cursors are 400s; a real cursor pages on', async () => {
    const get = (qs: string) =>
      call(casesRoute.GET, request('GET', `/api/v1/cases?${qs}`, { bearer: TOKEN }), {});
    expectError(await get('q=%00'), 400, 'q');
    expectError(await get('status=%00'), 400, 'status');
    expectError(await get('type=%00'), 400, 'type');
    const t0 = '2026-01-01T00:00:00.000Z';
    expectError(await get(`cursor=${cursorOf({ t: t0, id: 'not-a-uuid' })}`), 400, 'cursor');
    for (const when of ['1', '+275760-09-13T00:00:00.000Z', '2026-02-30T00:00:00.000Z', 'March 7'])
      expectError(
        await get(`cursor=${cursorOf({ t: when, id: '00000000-0000-4000-8000-000000000000' })}`),
        400,
        'cursor',
      );
    expectError(await get('cursor=%F0%9F%98%80'), 400, 'cursor');
    // limit is 1–200 as documented: anything else is a 400 naming it, never silently clamped.
    for (const bad of ['0', '201', '1e20', '1.5', '-1', 'abc', '', '%00'])
      expectError(await get(`limit=${bad}`), 400, 'limit');
    expect((await get('limit=200')).status).toBe(200);
    const first = await get('limit=2');
    expect(first.status).toBe(200);
    expect(first.body.cases).toHaveLength(2);
    const second = await get(`limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.cases[0].id).not.toBe(first.body.cases[0].id);
  });

  it('audit: ?action=%00, ?entityType=%00 and an id past bigint are 400s', async () => {
    const admin = user('admin@example.com');
    const get = (qs: string) =>
      call(auditRoute.GET, request('GET', `/api/audit?${qs}`, { cookie: admin }), {});
    expectError(await get('action=%00'), 400, 'action');
    expectError(await get('actor=a%00'), 400, 'actor');
    expectError(await get('entityType=%00'), 400, 'entityType');
    expectError(await get('before=100000000000000000000'), 400, 'before');
    expectError(await get('before=abc'), 400, 'before');
    expectError(await get('limit=0'), 400, 'limit');
    expect((await get('action=case.&limit=5')).status).toBe(200);
  });
});

describe('v1 events and admin saves', () => {
  it('events: NUL in the type or the data, and deep data, are 400s; the case keeps waiting', async () => {
    const { caseId, taskId } = await claimedTask();
    const asked = await call(
      completeRoute.POST,
      request('POST', `/api/tasks/${taskId}/complete`, {
        cookie: user('adjuster@example.com'),
        body: { outcome: 'request_information', data: { question: 'Photos, please?' } },
      }),
      { id: taskId },
    );
    expect(asked.status).toBe(200);
    const send = (body: unknown) =>
      call(
        eventsRoute.POST,
        request('POST', `/api/v1/cases/${caseId}/events`, { bearer: TOKEN, body }),
        { id: caseId },
      );
    const before = await footprint();
    expectError(await send({ type: 'information_received\u0000', data: {} }), 400, 'type');
    expectError(
      await send({ type: 'information_received', data: { note: '\ud800' } }),
      400,
      'data.note',
    );
    expectError(
      await send(
        `{"type":"information_received","data":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`,
      ),
      400,
      '(body)',
    );
    expectError(await send('{"type":"information_received","data":{"n":1e400}}'), 400, 'data.n');
    expect(await footprint()).toEqual(before);
    const [c] = await t.db.select().from(s.cases).where(eq(s.cases.id, caseId));
    expect(c!.status).toBe('waiting');
  });

  it('admin saves refuse NUL and unpaired surrogates in every text, naming the field', async () => {
    const admin = user('admin@example.com');
    const before = await footprint();
    const post = <P>(
      handler: Parameters<typeof call<P>>[0],
      path: string,
      body: unknown,
      params: P,
      method = 'POST',
    ) => call(handler, request(method, path, { cookie: admin, body }), params);

    const rule = {
      name: 'Hostile rule',
      condition: { field: 'fraudScore', op: 'gte', value: 0.5 },
      actions: [{ type: 'set_priority', priority: 'high' }],
    };
    expectError(
      await post(rulesRoute.POST, '/api/admin/rules', { ...rule, name: 'Rule\u0000' }, {}),
      400,
      'name',
    );
    expectError(
      await post(
        rulesRoute.POST,
        '/api/admin/rules',
        { ...rule, condition: { field: 'x', op: 'eq', value: '\ud800' } },
        {},
      ),
      400,
      'condition.value',
    );
    let deep: unknown = { field: 'fraudScore', op: 'gte', value: 0.5 };
    for (let i = 0; i < 100; i++) deep = { all: [deep] };
    expectError(
      await post(rulesRoute.POST, '/api/admin/rules', { ...rule, condition: deep }, {}),
      400,
      '(body)',
    );

    const [policy] = await t.db.select().from(s.slaPolicies).limit(1);
    expectError(
      await post(
        slaRoute.PUT,
        `/api/admin/sla/${policy!.id}`,
        {
          name: 'SLA \u0000',
          due: { amount: 1, unit: 'business_days' },
          reminder: null,
          escalations: [],
        },
        { id: policy!.id },
        'PUT',
      ),
      400,
      'name',
    );
    const [calendar] = await t.db.select().from(s.businessCalendars).limit(1);
    expectError(
      await post(
        holidaysRoute.POST,
        `/api/admin/calendar/${calendar!.id}/holidays`,
        { day: '2026-02-30', name: 'Nope' },
        { id: calendar!.id },
      ),
      400,
      'day',
    );
    expectError(
      await post(
        holidaysRoute.POST,
        `/api/admin/calendar/${calendar!.id}/holidays`,
        { day: '2026-12-24', name: 'Eve\u0000' },
        { id: calendar!.id },
      ),
      400,
      'name',
    );
    expectError(
      await post(
        calendarRoute.PATCH,
        `/api/admin/calendar/${calendar!.id}`,
        { timeZone: 'Europe/\u0000', workingHours: { '1': [{ start: '09:00', end: '17:00' }] } },
        { id: calendar!.id },
        'PATCH',
      ),
      400,
      'timeZone',
    );
    expectError(
      await post(
        usersRoute.POST,
        '/api/admin/users',
        {
          name: 'Eve \ud800',
          email: 'eve@example.com',
          role: 'adjuster',
          password: 'correct horse battery',
        },
        {},
      ),
      400,
      'name',
    );
    expectError(
      await post(groupsRoute.POST, '/api/admin/groups', { key: 'evil', name: 'Evil\u0000' }, {}),
      400,
      'name',
    );
    expectError(
      await post(
        tokensRoute.POST,
        '/api/admin/tokens',
        { name: 'tok\u0000', scopes: ['cases:read'] },
        {},
      ),
      400,
      'name',
    );
    expect(await footprint()).toEqual(before);
  });

  it('offers sign-in a reusable e-mail schema that refuses NUL, unpaired surrogates and length', () => {
    expect(signInEmail.safeParse('a\u0000@example.com').success).toBe(false);
    expect(signInEmail.safeParse('a\ud800@example.com').success).toBe(false);
    expect(signInEmail.safeParse(`${'a'.repeat(300)}@example.com`).success).toBe(false);
    expect(signInEmail.parse('  Ada@Example.com ')).toBe('ada@example.com');
  });
});
