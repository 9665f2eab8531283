import type { PGlite } from '@electric-sql/pglite';
import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '../../db/client';
import * as s from '../../db/schema';
import { seedDemo, DEMO_TOKEN } from '../../scripts/seed/seed-demo';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { openCase } from '../../lib/use-cases/open-case';
import { revokeApiToken } from '../../lib/use-cases/revoke-api-token';
import * as casesRoute from '../../app/api/v1/cases/route';
import { autoClaim } from '../../scripts/bench/intake-load';
import { call, request } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

/**
 * Intake at volume (issue 15): the statement budget of one intake, references from a sequence,
 * and the caches that make it cheap staying correct — a revoked token is refused on the next
 * request, and a rule, SLA or holiday edit applies to the next case.
 */
let t: TestDb;
/** The same database through a client that records every statement it sends. */
let counted: { handle: DbHandle; statements: string[]; close: () => Promise<void> };
let seq = 0;
const year = new Date().getUTCFullYear();

const claim = (overrides: Record<string, unknown> = {}) => autoClaim(++seq, overrides);

async function open(data: unknown, bearer: string = DEMO_TOKEN, key = `k-${Math.random()}`) {
  return call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer,
      headers: { 'idempotency-key': key },
      body: { caseType: 'auto-claim', data },
    }),
    {},
  );
}

function countingHandle(): typeof counted {
  const statements: string[] = [];
  if (t.kind === 'postgres') {
    const client = postgres(t.url!, {
      max: 4,
      onnotice: () => {},
      debug: (_conn, query) => statements.push(query.trim()),
    });
    const db = drizzlePostgres({ client, schema: s }) as unknown as Db;
    const close = () => client.end({ timeout: 5 });
    return { handle: { db, kind: 'postgres', location: 'counted', close }, statements, close };
  }
  // PGlite runs BEGIN and COMMIT inside transaction(): count them there.
  const pg = t.pglite!;
  type Query = PGlite['query'];
  const tap =
    (target: { query: Query }): Query =>
    (q, params, options) => {
      statements.push(q.trim());
      return target.query(q, params, options);
    };
  const client = {
    query: tap(pg),
    exec: pg.exec.bind(pg),
    transaction: <T>(fn: (tx: unknown) => Promise<T>) =>
      pg.transaction(async (tx) => {
        statements.push('begin');
        const result = await fn({ ...tx, query: tap(tx), exec: tx.exec.bind(tx) });
        statements.push('commit');
        return result;
      }),
  } as unknown as PGlite;
  const db = drizzlePglite({ client, schema: s }) as unknown as Db;
  const close = async () => {};
  return { handle: { db, kind: 'pglite', location: 'counted', close }, statements, close };
}

beforeAll(async () => {
  t = await createTestDb({ max: 20 });
  await seedDemo(t.db, { now: new Date() });
  counted = countingHandle();
  useDatabaseForTests(counted.handle);
});
afterAll(async () => {
  await counted?.close();
  await t?.close();
});

describe(`intake at volume on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('continues the demo seed’s references, each one a number higher', async () => {
    const [last] = await t.db
      .select({ reference: s.cases.reference })
      .from(s.cases)
      .orderBy(sql`${s.cases.reference} desc`)
      .limit(1);
    const seeded = Number(last!.reference.split('-')[2]);
    const first = await open(claim());
    const second = await open(claim());
    expect(first.status).toBe(201);
    expect(first.body.case.reference).toBe(`CLM-${year}-${String(seeded + 1).padStart(6, '0')}`);
    expect(second.body.case.reference).toBe(`CLM-${year}-${String(seeded + 2).padStart(6, '0')}`);
  });

  it('opens a case that stops at a person with 2 statements, its rows written by one', async () => {
    await open(claim()); // the config snapshot of this client is warm
    counted.statements.length = 0;
    const res = await open(claim({ damageEstimate: 30000 }));
    const statements = [...counted.statements];
    expect(res.status).toBe(201);
    expect(res.body.case.tasks).toHaveLength(1);
    expect(res.body.case.tasks[0]).toMatchObject({
      name: 'Adjuster review',
      group: { key: 'claims-adjusters' },
    });
    // The token and config version; then the key, the reference, the case, its step runs, its
    // task and its audit events, each table once, in one autocommit statement.
    expect(statements, statements.join('\n---\n')).toHaveLength(2);
    // The counting sees every statement (so the budget above cannot pass by counting nothing).
    expect(statements[0]).toMatch(/^select .*"api_tokens"/is);
    for (const table of ['idempotency_keys', 'cases', 'step_runs', 'tasks', 'audit_events'])
      expect(statements[1]!.split(`insert into "${table}"`)).toHaveLength(2);
    // The texts name the case by the reference the statement drew.
    const [opening] = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.caseId, res.body.case.id), eq(s.auditEvents.action, 'case.opened')),
      );
    expect(opening!.summary).toContain(`Case ${res.body.case.reference} opened`);
    expect(opening!.after).toMatchObject({ reference: res.body.case.reference });
    const events = await t.db
      .select({ action: s.auditEvents.action })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, res.body.case.id))
      .orderBy(asc(s.auditEvents.id));
    expect(events.map((e) => e.action)).toEqual([
      'case.opened',
      'step.succeeded',
      'step.succeeded',
      'case.routed',
      'task.created',
    ]);
    // The response is the state that was stored.
    const [stored] = await t.db.select().from(s.cases).where(eq(s.cases.id, res.body.case.id));
    expect(stored).toMatchObject({
      reference: res.body.case.reference,
      status: 'open',
      currentStepKey: 'adjuster-review',
      amountCents: 2_950_000,
    });
    const [task] = await t.db.select().from(s.tasks).where(eq(s.tasks.caseId, stored!.id));
    expect(new Date(res.body.case.tasks[0].dueAt)).toEqual(task!.dueAt);
  });

  it('replays a key with the stored case, and refuses it with another body', async () => {
    const body = claim();
    const first = await open(body, DEMO_TOKEN, 'replay-key');
    const again = await open(body, DEMO_TOKEN, 'replay-key');
    expect(again.status).toBe(201);
    expect(again.body.case).toEqual(first.body.case);
    const other = await open(claim(), DEMO_TOKEN, 'replay-key');
    expect(other.status).toBe(409);
  });

  it('hands out unique, increasing references to concurrent intakes', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => open(claim())));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => Number(r.body.case.reference.split('-')[2]));
    // None rolled back, so none was lost: one unbroken run of numbers.
    const low = Math.min(...numbers);
    expect([...numbers].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => low + i),
    );
  });

  it('starts a new year’s references at 000001, also when its first cases arrive at once', async () => {
    const [tok] = await t.db.select().from(s.apiTokens).limit(1);
    const actor = { kind: 'token' as const, id: tok!.id, name: tok!.name, scopes: tok!.scopes };
    const newYear = new Date(Date.UTC(year + 3, 0, 2, 9));
    const opened = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        openCase(
          t.db,
          actor,
          { caseType: 'auto-claim', data: claim({ incidentDate: `${year + 3}-01-01` }) },
          `new-year-${i}`,
          newYear,
        ),
      ),
    );
    expect(opened.map((o) => o.case.reference).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `CLM-${year + 3}-00000${i + 1}`),
    );
  });

  it('refuses a revoked token on the very next request', async () => {
    const admin = (await loadUserActor(
      t.db,
      (await t.db.select().from(s.users).where(eq(s.users.email, 'admin@example.com')))[0]!.id,
    ))!;
    const plain = 'hnd_intake-scale-revocation-test-token';
    const { hashApiToken } = await import('../../lib/auth/api-token');
    const [tok] = await t.db
      .insert(s.apiTokens)
      .values({
        name: 'soon revoked',
        tokenHash: hashApiToken(plain),
        displayPrefix: plain.slice(0, 8),
        scopes: ['cases:write', 'cases:read'],
      })
      .returning();
    expect((await open(claim(), plain)).status).toBe(201);
    expect((await open(claim(), plain)).status).toBe(201);
    await revokeApiToken(t.db, admin, tok!.id);
    const refused = await open(claim(), plain);
    expect(refused.status).toBe(401);
  });

  it('routes the next case by a rule changed a moment ago, whoever changed it', async () => {
    const fraudy = () => claim({ fraudScore: 0.95 });
    const before = await open(fraudy());
    expect(before.body.case.tasks[0].name).toBe('Fraud review');
    // A hand-made edit, not through the admin screens: the triggers still move the version.
    await t.db.execute(
      sql`update routing_rules set active = false where id = ${before.body.case.tasks[0].routing.ruleId}`,
    );
    const after = await open(fraudy());
    expect(after.body.case.tasks[0].name).toBe('Adjuster review');
    await t.db.execute(
      sql`update routing_rules set active = true where id = ${before.body.case.tasks[0].routing.ruleId}`,
    );
    expect((await open(fraudy())).body.case.tasks[0].name).toBe('Fraud review');
  });

  it('times the next task by an SLA policy and holidays changed a moment ago', async () => {
    const first = await open(claim());
    const [policy] = await t.db
      .select()
      .from(s.slaPolicies)
      .where(eq(s.slaPolicies.key, 'adjuster-review'));
    await t.db
      .update(s.slaPolicies)
      .set({ due: { amount: 90, unit: 'minutes' }, reminder: null })
      .where(eq(s.slaPolicies.id, policy!.id));
    const before = Date.now();
    const second = await open(claim());
    const due = new Date(second.body.case.tasks[0].dueAt).getTime();
    expect(due).not.toBe(new Date(first.body.case.tasks[0].dueAt).getTime());
    expect(due - before).toBeGreaterThanOrEqual(90 * 60_000 - 1000);
    expect(due - before).toBeLessThanOrEqual(90 * 60_000 + 60_000);
    await t.db
      .update(s.slaPolicies)
      .set({ due: policy!.due, reminder: policy!.reminder })
      .where(eq(s.slaPolicies.id, policy!.id));
    // Every day of the next three weeks a holiday: two business days are pushed past them.
    const days = Array.from({ length: 21 }, (_, i) =>
      new Date(Date.now() + i * 86_400_000).toISOString().slice(0, 10),
    );
    await t.db
      .insert(s.calendarHolidays)
      .values(days.map((day) => ({ calendarId: policy!.calendarId, day, name: 'Closed' })))
      .onConflictDoNothing();
    const third = await open(claim());
    expect(new Date(third.body.case.tasks[0].dueAt).getTime()).toBeGreaterThan(
      Date.now() + 20 * 86_400_000,
    );
    await t.db
      .delete(s.calendarHolidays)
      .where(
        and(
          eq(s.calendarHolidays.calendarId, policy!.calendarId),
          eq(s.calendarHolidays.name, 'Closed'),
        ),
      );
    const fourth = await open(claim());
    expect(new Date(fourth.body.case.tasks[0].dueAt).getTime()).toBeLessThan(
      Date.now() + 20 * 86_400_000,
    );
  });
});
