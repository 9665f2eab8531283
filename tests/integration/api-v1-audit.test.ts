import { asc, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { revokeApiToken } from '../../lib/use-cases/revoke-api-token';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { auditEventsRoute, casesRoute, claimRoute, makeToken, userActor } from '../helpers/api-v1';
import { call, request } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

/** The audit trail export (GET /api/v1/audit-events, scope audit:read): scopes, pages, filters, hostile input. */
let t: TestDb;
const tok: Record<string, { plaintext: string; id: string }> = {};
let caseId = '';
beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  tok.auditor = await makeToken(t.db, 'Auditor', ['audit:read']);
  tok.tasks = await makeToken(t.db, 'Tasks', ['tasks:read', 'tasks:write']);
  tok.revoked = await makeToken(t.db, 'Old auditor', ['audit:read']);
  await revokeApiToken(t.db, await userActor(t.db, 'admin@example.com'), tok.revoked.id);
  const opened = await call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: 'demo-intake-token',
      headers: { 'idempotency-key': `audit-${Math.random()}` },
      body: {
        caseType: 'auto-claim',
        data: {
          policyNumber: 'POL-654321',
          claimant: { name: 'Audit Export Claimant', email: 'a@example.com' },
          incidentDate: new Date().toISOString().slice(0, 10),
          damageEstimate: 28200,
          deductible: 500,
          coverageLimit: 100000,
          fraudScore: 0.1,
        },
      },
    }),
    {},
  );
  caseId = opened.body.case.id;
  const [task] = await t.db.select().from(s.tasks).where(eq(s.tasks.caseId, caseId));
  const claimed = await call(
    claimRoute.POST,
    request('POST', `/api/v1/tasks/${task!.id}/claim`, {
      bearer: tok.tasks.plaintext,
      body: { onBehalfOf: 'adjuster@example.com' },
    }),
    { id: task!.id },
  );
  expect(claimed.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const get = (bearer: string | undefined, query = '') =>
  call(auditEventsRoute.GET, request('GET', `/api/v1/audit-events${query}`, { bearer }), {});

describe('GET /api/v1/audit-events', () => {
  it('needs audit:read; a revoked or missing token is a 401', async () => {
    expect((await get(tok.auditor!.plaintext)).status).toBe(200);
    const wrong = await get(tok.tasks!.plaintext);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toContain('audit:read');
    expect((await get(tok.revoked!.plaintext)).status).toBe(401);
    expect((await get(undefined)).status).toBe(401);
  });

  it('walks a case’s whole trail by keyset pages, newest first, without gaps or repeats', async () => {
    const expected = await t.db
      .select({ id: s.auditEvents.id })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, caseId))
      .orderBy(asc(s.auditEvents.occurredAt), asc(s.auditEvents.id));
    expect(expected.length).toBeGreaterThan(2);
    const seen: number[] = [];
    let before: number | null = null;
    for (let i = 0; i < 50; i++) {
      const r = await get(
        tok.auditor!.plaintext,
        `?caseId=${caseId}&limit=2${before ? `&before=${before}` : ''}`,
      );
      expect(r.status).toBe(200);
      expect(r.body.events.length).toBeLessThanOrEqual(2);
      for (const e of r.body.events) {
        expect(e.caseId).toBe(caseId);
        expect(e.caseReference).toMatch(/^CLM-/);
        seen.push(e.id);
      }
      before = r.body.nextBefore;
      if (!before) break;
    }
    expect(seen).toEqual(expected.map((e) => e.id).reverse());
  });

  it('filters by action prefix, actor and time window; the on-behalf claim names the token and the person', async () => {
    const claims = await get(
      tok.auditor!.plaintext,
      `?caseId=${caseId}&action=task.claimed&actor=${encodeURIComponent('for adjuster@')}`,
    );
    expect(claims.status).toBe(200);
    expect(claims.body.events).toHaveLength(1);
    expect(claims.body.events[0].actorLabel).toBe('token:Tasks for adjuster@example.com');
    const at = claims.body.events[0].occurredAt as string;
    const window = await get(
      tok.auditor!.plaintext,
      `?action=task.claimed&from=${encodeURIComponent(at)}&to=${encodeURIComponent(new Date(Date.parse(at) + 1).toISOString())}`,
    );
    expect(window.body.events.map((e: { id: number }) => e.id)).toContain(claims.body.events[0].id);
    const before = await get(
      tok.auditor!.plaintext,
      `?caseId=${caseId}&to=${encodeURIComponent(at)}&action=task.claimed`,
    );
    expect(before.body.events).toHaveLength(0);
    const inverted = await get(
      tok.auditor!.plaintext,
      `?from=${encodeURIComponent(at)}&to=${encodeURIComponent(at)}`,
    );
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.fields.to).toBeDefined();
  });

  it('an actor or action filter without a case needs a window of at most 31 days (a 400 naming from)', async () => {
    const day = 86_400_000;
    const to = new Date();
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const refusals = [
      '?actor=adjuster',
      '?action=task.',
      `?actor=adjuster&from=${iso(to.getTime() - day)}`,
      `?actor=adjuster&to=${iso(to.getTime())}`,
      `?action=task.&from=${iso(to.getTime() - 31 * day - 1)}&to=${iso(to.getTime())}`,
      `?actor=adjuster&from=${iso(to.getTime() - 365 * day)}&to=${iso(to.getTime())}`,
    ];
    for (const q of refusals) {
      const r = await get(tok.auditor!.plaintext, q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.fields.from, q).toMatch(/at most 31 days apart/);
    }
    const inWindow = await get(
      tok.auditor!.plaintext,
      `?actor=${encodeURIComponent('for adjuster@')}&from=${iso(to.getTime() + 60_000 - 31 * day)}&to=${iso(to.getTime() + 60_000)}`,
    );
    expect(inWindow.status).toBe(200);
    expect(inWindow.body.events.length).toBeGreaterThan(0);
    for (const e of inWindow.body.events) expect(e.actorLabel).toContain('for adjuster@');
    // A case bounds the walk on its own (audit_events_case_idx), so it needs no window.
    expect((await get(tok.auditor!.plaintext, `?caseId=${caseId}&actor=token`)).status).toBe(200);
    expect((await get(tok.auditor!.plaintext, `?caseId=${caseId}&action=task.`)).status).toBe(200);
    // No filter at all walks the occurred-at index from the newest and stops after a page.
    expect((await get(tok.auditor!.plaintext, '?limit=5')).status).toBe(200);
  });

  it('hostile parameters never make a 500; a 4xx names the field', async () => {
    const nasty = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\u0000',
        '\ud800',
        '99999999999999999999',
        '9007199254740993',
        '0',
        '-1',
        '1.5',
        '2026-02-30T00:00:00Z',
        '2026-13-01T00:00:00Z',
        '2026-01-01T25:00:00Z',
        '0001-01-01T00:00:00Z',
        '2026-01-01',
        'not-a-uuid',
        '%_\\',
        '',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('caseId', 'action', 'actor', 'from', 'to', 'before', 'limit', 'bogus'),
          nasty,
          { maxKeys: 4 },
        ),
        async (params) => {
          const qs = new URLSearchParams(params).toString();
          const r = await get(tok.auditor!.plaintext, `?${qs}`);
          expect(r.status, qs).toBeLessThan(500);
          if (r.status !== 200) {
            expect(r.status, qs).toBe(400);
            expect(Object.keys(r.body.error.fields ?? {}).length, qs).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
    const big = await get(tok.auditor!.plaintext, '?limit=501');
    expect(big.status).toBe(400);
    expect(big.body.error.fields.limit).toBeDefined();
  });

  it.runIf(onPostgres())('reads a case’s events through the (case_id, id) index', async () => {
    // A test database is small, so the planner is told a scan is dear: what matters is that an
    // index serves the filter and the order, as it must on a large table.
    const text = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = await tx.execute<Record<string, string>>(sql`
        explain select * from audit_events where case_id = ${caseId}::uuid
        order by occurred_at desc, id desc limit 101`);
      // postgres.js answers the rows as an array (this test runs on PostgreSQL only).
      return [...(plan as Iterable<Record<string, string>>)]
        .map((r) => Object.values(r)[0])
        .join('\n');
    });
    expect(text).toMatch(/case_id/);
    expect(text).toMatch(/Index Scan|Bitmap Index Scan/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});
