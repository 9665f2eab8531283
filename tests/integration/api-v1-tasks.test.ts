import { and, desc, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { claimTask } from '../../lib/use-cases/claim-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { revokeApiToken } from '../../lib/use-cases/revoke-api-token';
import { seedDemo } from '../../scripts/seed/seed-demo';
import {
  casesRoute,
  claimRoute,
  completeRoute,
  makeToken,
  releaseRoute,
  taskRoute,
  tasksRoute,
  userActor,
} from '../helpers/api-v1';
import { call, request } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * The public task API (issue 18): search and read with tasks:read, claim/complete/release with
 * tasks:write on behalf of a named person — under exactly that person's permissions, group,
 * payout authority and four eyes, audited as "token … for …" — through the real route handlers.
 */
let t: TestDb;
let seq = 0;
const tok: Record<string, { plaintext: string; id: string }> = {};
beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  tok.reader = await makeToken(t.db, 'Reader', ['tasks:read']);
  tok.writer = await makeToken(t.db, 'Claims CRM', ['tasks:read', 'tasks:write']);
  tok.cases = await makeToken(t.db, 'Cases only', ['cases:read', 'cases:write']);
  tok.revoked = await makeToken(t.db, 'Revoked', ['tasks:read', 'tasks:write']);
  tok.expired = await makeToken(t.db, 'Expired', ['tasks:read', 'tasks:write']);
  await revokeApiToken(t.db, await userActor(t.db, 'admin@example.com'), tok.revoked.id);
  await t.db
    .update(s.apiTokens)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(s.apiTokens.id, tok.expired.id));
});
afterAll(async () => {
  await t?.close();
});

const today = new Date().toISOString().slice(0, 10);
const claimData = (o: Record<string, unknown> = {}) => ({
  policyNumber: 'POL-123456',
  claimant: { name: `Api Claimant ${++seq}`, email: 'c@example.com' },
  incidentDate: today,
  damageEstimate: 28200,
  deductible: 500,
  coverageLimit: 100000,
  fraudScore: 0.1,
  ...o,
});

async function openCase(data = claimData()) {
  const res = await call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: 'demo-intake-token',
      headers: { 'idempotency-key': `v1t-${++seq}-${Math.random()}` },
      body: { caseType: 'auto-claim', data },
    }),
    {},
  );
  expect(res.status).toBe(201);
  return res.body.case as { id: string; reference: string };
}

async function openTaskOf(caseId: string) {
  const rows = await t.db
    .select({ task: s.tasks, groupKey: s.groups.key })
    .from(s.tasks)
    .leftJoin(s.groups, eq(s.groups.id, s.tasks.candidateGroupId))
    .where(and(eq(s.tasks.caseId, caseId), inArray(s.tasks.status, ['ready', 'claimed'])));
  expect(rows).toHaveLength(1);
  return { ...rows[0]!.task, groupKey: rows[0]!.groupKey };
}

const search = (bearer: string, query = '') =>
  call(tasksRoute.GET, request('GET', `/api/v1/tasks${query}`, { bearer }), {});
const getOne = (bearer: string, id: string, query = '') =>
  call(taskRoute.GET, request('GET', `/api/v1/tasks/${id}${query}`, { bearer }), { id });
const routes = { claim: claimRoute, complete: completeRoute, release: releaseRoute };
const act = (
  op: keyof typeof routes,
  bearer: string | undefined,
  id: string,
  body: unknown,
  headers?: Record<string, string>,
) =>
  call(routes[op].POST, request('POST', `/api/v1/tasks/${id}/${op}`, { bearer, body, headers }), {
    id,
  });

async function lastEvent(taskId: string, action: string) {
  const [e] = await t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.taskId, taskId), eq(s.auditEvents.action, action)))
    .orderBy(desc(s.auditEvents.id))
    .limit(1);
  return e;
}

describe('scopes', () => {
  it('each endpoint with and without its scope; no, revoked or expired token is a 401', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    expect((await search(tok.reader!.plaintext)).status).toBe(200);
    expect((await search(tok.cases!.plaintext)).status).toBe(403);
    expect((await getOne(tok.reader!.plaintext, task.id)).status).toBe(200);
    expect((await getOne(tok.cases!.plaintext, task.id)).status).toBe(403);
    for (const op of ['claim', 'release', 'complete'] as const) {
      const body = { onBehalfOf: 'adjuster@example.com', outcome: 'approve' };
      const refused = await act(op, tok.reader!.plaintext, task.id, body);
      expect(refused.status, op).toBe(403);
      expect(refused.body.error.message).toContain('tasks:write');
    }
    for (const bad of [undefined, tok.revoked!.plaintext, tok.expired!.plaintext, 'hnd_nope']) {
      expect((await search(bad as string)).status).toBe(401);
      expect((await getOne(bad as string, task.id)).status).toBe(401);
      const r = await act('claim', bad, task.id, { onBehalfOf: 'adjuster@example.com' });
      expect(r.status).toBe(401);
    }
    // Nothing changed hands.
    expect((await openTaskOf(c.id)).status).toBe('ready');
  });
});

describe('search and read', () => {
  it('pages every task by keyset with no overlap; onBehalfOf reads exactly that person’s inbox', async () => {
    const first = await search(tok.reader!.plaintext, '?limit=5');
    expect(first.status).toBe(200);
    expect(first.body.tasks).toHaveLength(5);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search(
      tok.reader!.plaintext,
      `?limit=5&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.status).toBe(200);
    const ids = new Set(first.body.tasks.map((x: { id: string }) => x.id));
    for (const x of second.body.tasks) expect(ids.has(x.id)).toBe(false);

    const adjuster = await userActor(t.db, 'adjuster@example.com');
    const mine = await search(
      tok.reader!.plaintext,
      '?queue=mine&limit=100&onBehalfOf=adjuster%40example.com',
    );
    expect(mine.status).toBe(200);
    expect(mine.body.tasks.length).toBeGreaterThan(0);
    for (const x of mine.body.tasks) expect(x.assignee.id).toBe(adjuster.id);

    const noOne = await search(tok.reader!.plaintext, '?queue=mine');
    expect(noOne.status).toBe(400);
    expect(noOne.body.error.fields.queue).toMatch(/onBehalfOf/);
  });

  it('a limit outside the documented 1…100 is a 400 that names limit and says that range', async () => {
    for (const limit of ['1e20', '99999999999999999999', '0', '101', '-1', '1.5', 'ten']) {
      const r = await search(tok.reader!.plaintext, `?limit=${limit}`);
      expect(r.status, limit).toBe(400);
      expect(r.body.error.fields.limit, limit).toBe('must be a whole number from 1 to 100');
    }
    expect((await search(tok.reader!.plaintext, '?limit=100')).status).toBe(200);
  });

  it('finds a case by its reference; the detail carries the case and the task’s form', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    const found = await search(tok.reader!.plaintext, `?q=${encodeURIComponent(c.reference)}`);
    expect(found.body.tasks.map((x: { id: string }) => x.id)).toEqual([task.id]);
    expect(found.body.tasks[0].case).toMatchObject({ reference: c.reference, type: 'auto-claim' });

    const one = await getOne(tok.reader!.plaintext, task.id);
    expect(one.status).toBe(200);
    expect(one.body.case).toMatchObject({ id: c.id, reference: c.reference, type: 'auto-claim' });
    expect(one.body.case.data.policyNumber).toBe('POL-123456');
    expect(one.body.task.outcomes.map((o: { key: string }) => o.key)).toContain('approve');
    expect(one.body.task.group.key).toBe('claims-adjusters');

    // As a person outside the task's group: it does not exist for them.
    const hidden = await getOne(tok.reader!.plaintext, task.id, '?onBehalfOf=siu%40example.com');
    expect(hidden.status).toBe(404);
    const unknown = await getOne(tok.reader!.plaintext, task.id, '?onBehalfOf=nobody%40x.org');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.onBehalfOf).toBeDefined();
  });
});

describe('on behalf of a person', () => {
  it('claims and completes as the adjuster, audited as the token for the adjuster', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    const adjuster = await userActor(t.db, 'adjuster@example.com');
    const claimed = await act('claim', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
      version: task.version,
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.task).toMatchObject({ status: 'claimed', assigneeId: adjuster.id });
    const ev = await lastEvent(task.id, 'task.claimed');
    expect(ev!.actorLabel).toBe('token:Claims CRM for adjuster@example.com');
    expect(ev!.actorId).toBe(adjuster.id);

    const done = await act('complete', tok.writer!.plaintext, task.id, {
      onBehalfOf: adjuster.id,
      outcome: 'approve',
      data: { payoutAmount: 27_700 },
      version: claimed.body.task.version,
    });
    expect(done.status).toBe(200);
    expect(done.body.task).toMatchObject({ status: 'completed', outcome: 'approve' });
    expect((await lastEvent(task.id, 'task.completed'))!.actorLabel).toBe(
      'token:Claims CRM for adjuster@example.com',
    );
  });

  it('releases as the assignee; a stale version is a 409', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    const claimed = await act('claim', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
    });
    const stale = await act('release', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
      version: task.version,
    });
    expect(stale.status).toBe(409);
    const released = await act('release', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
      version: claimed.body.task.version,
    });
    expect(released.status).toBe(200);
    expect(released.body.task).toMatchObject({ status: 'ready', assigneeId: null });
  });

  it('a person of another group cannot claim (403, audited naming both)', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    // SIU does not even see a claims-adjusters task.
    const r = await act('claim', tok.writer!.plaintext, task.id, { onBehalfOf: 'siu@example.com' });
    expect([403, 404]).toContain(r.status);
    const refused = await lastEvent(task.id, 'auth.refused');
    expect(refused!.actorLabel).toBe('token:Claims CRM for siu@example.com');
    expect((await openTaskOf(c.id)).status).toBe('ready');
    // A colleague who holds nothing cannot complete it either.
    await act('claim', tok.writer!.plaintext, task.id, { onBehalfOf: 'adjuster@example.com' });
    const other = await act('complete', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster2@example.com',
      outcome: 'approve',
      data: { payoutAmount: 27_700 },
    });
    expect(other.status).toBe(403);
  });

  it('above the adjuster’s payout authority the approval is not theirs: the case waits for Senior adjusters', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    await act('claim', tok.writer!.plaintext, task.id, { onBehalfOf: 'adjuster@example.com' });
    const r = await act('complete', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
      outcome: 'approve',
      data: { payoutAmount: 60_000, varianceReason: 'Second estimate' },
    });
    expect(r.status).toBe(200);
    const [after] = await t.db.select().from(s.cases).where(eq(s.cases.id, c.id));
    expect(after!.status).toBe('open');
    expect(after!.data.approvedPayout).toBeUndefined();
    const approval = await openTaskOf(c.id);
    expect(approval.groupKey).toBe('senior-adjusters');
    // …and the adjuster cannot claim that approval.
    const again = await act('claim', tok.writer!.plaintext, approval.id, {
      onBehalfOf: 'adjuster@example.com',
    });
    expect([403, 404]).toContain(again.status);
  });

  it('the maker cannot approve their own decision (four eyes, 403)', async () => {
    const c = await openCase(claimData({ damageEstimate: 70_500, coverageLimit: 150_000 }));
    const review = await openTaskOf(c.id);
    await act('claim', tok.writer!.plaintext, review.id, { onBehalfOf: 'supervisor@example.com' });
    const decided = await act('complete', tok.writer!.plaintext, review.id, {
      onBehalfOf: 'supervisor@example.com',
      outcome: 'approve',
      data: { payoutAmount: 70_000 },
    });
    expect(decided.status).toBe(200);
    const approval = await openTaskOf(c.id);
    expect(approval.groupKey).toBe('claims-supervisors');
    const r = await act('claim', tok.writer!.plaintext, approval.id, {
      onBehalfOf: 'supervisor@example.com',
    });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/Four eyes/);
    const detail = await getOne(
      tok.writer!.plaintext,
      approval.id,
      '?onBehalfOf=supervisor%40example.com',
    );
    expect(detail.body.task.fourEyes).toMatch(/Four eyes/);
  });

  it('every on-behalf event stores the token’s id and name in metadata.via', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    const via = { tokenId: tok.writer!.id, tokenName: 'Claims CRM' };
    const claimed = await act('claim', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
    });
    expect(claimed.status).toBe(200);
    expect((await lastEvent(task.id, 'task.claimed'))!.metadata).toMatchObject({ via });
    const released = await act('release', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
    });
    expect(released.status).toBe(200);
    await act('claim', tok.writer!.plaintext, task.id, { onBehalfOf: 'adjuster@example.com' });
    const done = await act('complete', tok.writer!.plaintext, task.id, {
      onBehalfOf: 'adjuster@example.com',
      outcome: 'approve',
      data: { payoutAmount: 27_700 },
    });
    expect(done.status).toBe(200);
    // Every event the person caused through the token (the claim, release, completion and the
    // case's own steps they set off) carries it; the refusal of a colleague's attempt too.
    const byToken = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.caseId, c.id),
          eq(s.auditEvents.actorLabel, 'token:Claims CRM for adjuster@example.com'),
        ),
      );
    expect(byToken.map((e) => e.action)).toEqual(
      expect.arrayContaining(['task.claimed', 'task.released', 'task.completed']),
    );
    for (const e of byToken) expect(e.metadata, e.action).toMatchObject({ via });
    const c2 = await openCase();
    const t2 = await openTaskOf(c2.id);
    await act('claim', tok.writer!.plaintext, t2.id, { onBehalfOf: 'siu@example.com' });
    expect((await lastEvent(t2.id, 'auth.refused'))!.metadata).toMatchObject({ via });
    // A person's own events (not through a token) carry no via.
    const own = await t.db
      .select()
      .from(s.auditEvents)
      .where(eq(s.auditEvents.actorLabel, 'adjuster@example.com'))
      .limit(5);
    for (const e of own) expect(e.metadata).not.toHaveProperty('via');
  });

  it('a token never acts for an admin: 403 naming onBehalfOf, for reads and writes, nothing changes', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    const admin = await userActor(t.db, 'admin@example.com');
    const before = await t.db
      .select({ id: s.auditEvents.id })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, c.id));
    for (const who of ['admin@example.com', 'ADMIN@example.com', admin.id]) {
      for (const op of ['claim', 'complete', 'release'] as const) {
        const body =
          op === 'complete'
            ? { onBehalfOf: who, outcome: 'approve', data: { payoutAmount: 27_700 } }
            : { onBehalfOf: who };
        const r = await act(op, tok.writer!.plaintext, task.id, body);
        expect(r.status, `${op} ${who}`).toBe(403);
        expect(r.body.error.fields.onBehalfOf).toBe('API tokens act for case workers, not admins');
      }
      const list = await search(tok.reader!.plaintext, `?onBehalfOf=${encodeURIComponent(who)}`);
      expect(list.status).toBe(403);
      expect(list.body.error.fields.onBehalfOf).toMatch(/not admins/);
      const one = await getOne(
        tok.reader!.plaintext,
        task.id,
        `?onBehalfOf=${encodeURIComponent(who)}`,
      );
      expect(one.status).toBe(403);
      expect(one.body.error.fields.onBehalfOf).toMatch(/not admins/);
    }
    const after = await openTaskOf(c.id);
    expect(after).toMatchObject({ status: 'ready', assigneeId: null, version: task.version });
    const events = await t.db
      .select({ id: s.auditEvents.id })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, c.id));
    expect(events).toHaveLength(before.length);
    // A supervisor is a case worker: still allowed.
    const sup = await search(tok.reader!.plaintext, '?onBehalfOf=supervisor%40example.com');
    expect(sup.status).toBe(200);
  });

  it('an unknown or inactive person is a 400 naming onBehalfOf', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    await t.db
      .update(s.users)
      .set({ active: false })
      .where(eq(s.users.email, 'intake@example.com'));
    for (const who of ['intake@example.com', 'nobody@example.com', crypto.randomUUID()]) {
      const r = await act('claim', tok.writer!.plaintext, task.id, { onBehalfOf: who });
      expect(r.status, who).toBe(400);
      expect(r.body.error.fields.onBehalfOf).toMatch(/active user/);
    }
    const missing = await act('claim', tok.writer!.plaintext, task.id, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.onBehalfOf).toBeDefined();
  });

  it('two claims of one task at once: one wins, the other is a 409', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    const [a, b] = await Promise.all([
      act('claim', tok.writer!.plaintext, task.id, { onBehalfOf: 'adjuster@example.com' }),
      act('claim', tok.writer!.plaintext, task.id, { onBehalfOf: 'adjuster2@example.com' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const claims = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.taskId, task.id), eq(s.auditEvents.action, 'task.claimed')));
    expect(claims).toHaveLength(1);
  });
});

describe('four eyes per token', () => {
  /** The adjuster decides 60,000 through `bearer`: above their authority, Senior adjusters approve. */
  async function tokenDecides(bearer: string, data = claimData()) {
    const c = await openCase(data);
    const review = await openTaskOf(c.id);
    await act('claim', bearer, review.id, { onBehalfOf: 'adjuster@example.com' });
    const decided = await act('complete', bearer, review.id, {
      onBehalfOf: 'adjuster@example.com',
      outcome: 'approve',
      data: { payoutAmount: 60_000, varianceReason: 'Second estimate' },
    });
    expect(decided.status).toBe(200);
    const approval = await openTaskOf(c.id);
    expect(approval.groupKey).toBe('senior-adjusters');
    return { c, approval };
  }
  const approve = { outcome: 'approve', data: { payoutAmount: 60_000 } };
  const caseEvents = (caseId: string) =>
    t.db
      .select({ id: s.auditEvents.id, action: s.auditEvents.action })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, caseId));

  it('the check does not wait for the claim: completing the unclaimed approval through the same token is the four-eyes refusal', async () => {
    // A claim committed between a "may complete" gate and the completion would have skipped the
    // check; it now runs for anyone who may see the task, held or not.
    const { approval } = await tokenDecides(tok.writer!.plaintext);
    const r = await act('complete', tok.writer!.plaintext, approval.id, {
      onBehalfOf: 'senior@example.com',
      ...approve,
    });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden', fourEyes: true });
    expect((await openTaskOf(approval.caseId)).status).toBe('ready');
    // Someone who may not see the task keeps the not-found answer.
    const hidden = await act('complete', tok.writer!.plaintext, approval.id, {
      onBehalfOf: 'adjuster2@example.com',
      ...approve,
    });
    expect(hidden.status).toBe(404);
  });

  it('the token that recorded the decision cannot approve it on behalf of another person: 403, nothing written', async () => {
    const { c, approval } = await tokenDecides(tok.writer!.plaintext);
    // Claiming for the senior adjuster is not a decision: allowed.
    const claimed = await act('claim', tok.writer!.plaintext, approval.id, {
      onBehalfOf: 'senior@example.com',
    });
    expect(claimed.status).toBe(200);
    // The detail says so before anyone tries; another token reads no bar.
    const seen = await getOne(
      tok.writer!.plaintext,
      approval.id,
      '?onBehalfOf=senior%40example.com',
    );
    expect(seen.body.task.fourEyes).toMatch(/Four eyes per credential/);
    const other = await getOne(
      tok.reader!.plaintext,
      approval.id,
      '?onBehalfOf=senior%40example.com',
    );
    expect(other.body.task.fourEyes).toBeNull();
    const before = await caseEvents(c.id);
    const [caseBefore] = await t.db.select().from(s.cases).where(eq(s.cases.id, c.id));

    const r = await act('complete', tok.writer!.plaintext, approval.id, {
      onBehalfOf: 'senior@example.com',
      version: claimed.body.task.version,
      ...approve,
    });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden', fourEyes: true });
    expect(r.body.error.message).toMatch(/Four eyes per credential/);
    expect(r.body.error.message).toMatch(/API token recorded an earlier decision/);

    // No state change: the approval is still claimed, same version; the case still waits.
    const still = await openTaskOf(c.id);
    expect(still).toMatchObject({
      id: approval.id,
      status: 'claimed',
      version: claimed.body.task.version,
    });
    const [caseAfter] = await t.db.select().from(s.cases).where(eq(s.cases.id, c.id));
    expect(caseAfter).toEqual(caseBefore);
    // No event of the approval: only the refusal, audited as the token for the person.
    const added = (await caseEvents(c.id)).filter((e) => !before.some((b) => b.id === e.id));
    expect(added.map((e) => e.action)).toEqual(['auth.refused']);
    const refused = await lastEvent(approval.id, 'auth.refused');
    expect(refused!.actorLabel).toBe('token:Claims CRM for senior@example.com');
    expect(refused!.metadata).toMatchObject({ via: { tokenId: tok.writer!.id } });
  });

  it('another token approves — even one of the same name — and so does the approver signed in', async () => {
    // A second token named like the first is a second credential (tokens count by id).
    const other = await makeToken(t.db, 'Claims CRM', ['tasks:read', 'tasks:write']);
    const first = await tokenDecides(tok.writer!.plaintext);
    await act('claim', other.plaintext, first.approval.id, { onBehalfOf: 'senior@example.com' });
    const viaOther = await act('complete', other.plaintext, first.approval.id, {
      onBehalfOf: 'senior@example.com',
      ...approve,
    });
    expect(viaOther.status).toBe(200);
    expect(viaOther.body.task).toMatchObject({ status: 'completed', outcome: 'approve' });
    const [paid] = await t.db.select().from(s.cases).where(eq(s.cases.id, first.c.id));
    expect(paid!.data.approvedPayout).toBe(60_000);

    // Signed in (no token): the supervisor of Senior adjusters approves a token-made decision.
    const second = await tokenDecides(tok.writer!.plaintext);
    const supervisor = await userActor(t.db, 'supervisor@example.com');
    await claimTask(t.db, supervisor, { taskId: second.approval.id });
    const done = await completeTask(t.db, supervisor, { taskId: second.approval.id, ...approve });
    expect(done).toMatchObject({ status: 'completed', outcome: 'approve' });
  });

  it('an earlier decision through the token counts too, not only the one under approval', async () => {
    const { c, approval } = await tokenDecides(
      tok.writer!.plaintext,
      claimData({ coverageLimit: 300_000 }),
    );
    // The senior adjuster, signed in, sends it back; a person decides again, signed in, above
    // Senior adjusters' authority: the new approval goes to Claims supervisors.
    const senior = await userActor(t.db, 'senior@example.com');
    await claimTask(t.db, senior, { taskId: approval.id });
    await completeTask(t.db, senior, {
      taskId: approval.id,
      outcome: 'send_back',
      data: { reason: 'Check the estimate' },
    });
    const redo = await openTaskOf(c.id);
    const maker = await userActor(
      t.db,
      redo.groupKey === 'claims-adjusters' ? 'adjuster@example.com' : 'senior@example.com',
    );
    if (redo.assigneeId !== maker.id) await claimTask(t.db, maker, { taskId: redo.id });
    await completeTask(t.db, maker, {
      taskId: redo.id,
      outcome: 'approve',
      data: { payoutAmount: 120_000, varianceReason: 'Second estimate' },
    });
    const second = await openTaskOf(c.id);
    expect(second.groupKey).toBe('claims-supervisors');
    expect(second.context.approval).toMatchObject({ requestedTaskId: redo.id });

    const claimed = await act('claim', tok.writer!.plaintext, second.id, {
      onBehalfOf: 'supervisor@example.com',
    });
    expect(claimed.status).toBe(200);
    const bySameToken = await act('complete', tok.writer!.plaintext, second.id, {
      onBehalfOf: 'supervisor@example.com',
      outcome: 'approve',
      data: { payoutAmount: 120_000 },
    });
    expect(bySameToken.status).toBe(403);
    expect(bySameToken.body.error.fourEyes).toBe(true);
    expect((await openTaskOf(c.id)).id).toBe(second.id);
  });
});

describe('hostile input', () => {
  const nasty = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfffy',
      '9'.repeat(400),
      '-1',
      '1e308',
      '2026-02-30T00:00:00Z',
      'group:00000000-0000-0000-0000-00000000000g',
      '%',
      '',
    ),
  );

  it('search parameters never make a 500; a 4xx names the field', async () => {
    const keys = ['queue', 'status', 'priority', 'due', 'type', 'q', 'sort', 'cursor', 'limit'];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...keys, 'onBehalfOf', 'cf.fraudScore.gte'), nasty, {
          maxKeys: 4,
        }),
        async (params) => {
          const qs = new URLSearchParams(params).toString();
          const r = await search(tok.reader!.plaintext, `?${qs}`);
          expect(r.status, qs).toBeLessThan(500);
          if (r.status !== 200)
            expect(Object.keys(r.body.error.fields ?? {}).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a task’s id and query never make a 500; a 4xx names the field', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nasty, fc.constant(task.id), fc.uuid()),
        fc.dictionary(fc.constantFrom('onBehalfOf', 'extra'), nasty, { maxKeys: 2 }),
        async (id, params) => {
          const qs = new URLSearchParams(params).toString();
          const r = await getOne(tok.reader!.plaintext, id, `?${qs}`);
          expect(r.status, `${id} ${qs}`).toBeLessThan(500);
          if (r.status === 400)
            expect(Object.keys(r.body.error.fields ?? {}).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a bad id in the path is a 400 naming id', async () => {
    for (const id of ['not-a-uuid', '1', "x' or 1=1", 'a\u0000b']) {
      const r = await getOne(tok.reader!.plaintext, id);
      expect(r.status, id).toBe(400);
      expect(r.body.error.fields.id).toBeDefined();
      const w = await act('claim', tok.writer!.plaintext, id, {
        onBehalfOf: 'adjuster@example.com',
      });
      expect(w.status, id).toBe(400);
      expect(w.body.error.fields.id).toBeDefined();
    }
  });

  it('hostile bodies and content types never make a 500; a 4xx names the field', async () => {
    const c = await openCase();
    const task = await openTaskOf(c.id);
    const value = fc.oneof(
      nasty,
      fc.constantFrom(1e308, -1, 0, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, null, true),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<keyof typeof routes>('claim', 'complete', 'release'),
        fc.dictionary(
          fc.constantFrom('onBehalfOf', 'version', 'outcome', 'data', 'reason', 'extra'),
          value,
          { maxKeys: 4 },
        ),
        async (op, body) => {
          const r = await act(op, tok.writer!.plaintext, task.id, JSON.stringify(body));
          expect(r.status, JSON.stringify(body)).toBeLessThan(500);
          if (r.status === 400)
            expect(Object.keys(r.body.error.fields ?? {}).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
    const deep = '['.repeat(200) + ']'.repeat(200);
    for (const [body, type, status] of [
      ['{"onBehalfOf":"adjuster@example.com"}', 'text/plain', 415],
      ['onBehalfOf=adjuster', 'application/x-www-form-urlencoded', 415],
      ['{"onBehalfOf":"a\\u0000"}', 'application/json', 400],
      ['{"onBehalfOf":"\\ud800"}', 'application/json', 400],
      ['{not json', 'application/json', 400],
      [deep, 'application/json', 400],
      [`{"onBehalfOf":"${'x'.repeat(2_000_000)}"}`, 'application/json', 413],
    ] as const) {
      const r = await act('claim', tok.writer!.plaintext, task.id, body, { 'content-type': type });
      expect(r.status, `${type} ${body.slice(0, 40)}`).toBe(status);
    }
    expect((await openTaskOf(c.id)).status).toBe('ready');
  });
});
