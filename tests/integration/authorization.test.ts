import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, request, sessionCookie } from '../helpers/http';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { useDatabaseForTests } from '../../lib/data/database';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { getEnv } from '../../lib/env';
import * as taskRoute from '../../app/api/tasks/[id]/route';
import * as claimRoute from '../../app/api/tasks/[id]/claim/route';
import * as releaseRoute from '../../app/api/tasks/[id]/release/route';
import * as reassignRoute from '../../app/api/tasks/[id]/reassign/route';
import * as commentsRoute from '../../app/api/tasks/[id]/comments/route';
import * as bulkRoute from '../../app/api/tasks/bulk-reassign/route';
import * as caseRoute from '../../app/api/cases/[id]/route';
import * as auditRoute from '../../app/api/audit/route';
import * as tokensRoute from '../../app/api/admin/tokens/route';
import * as revokeRoute from '../../app/api/admin/tokens/[id]/revoke/route';
import * as v1CaseRoute from '../../app/api/v1/cases/[id]/route';

let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const cookie = new Map<string, string>();
const group = new Map<string, string>();
/** The matrix adds tasks of every group to one case of its own, so other cases keep a single group. */
let matrixCaseId: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    user.set(u.email, u);
    cookie.set(u.email, await sessionCookie(u));
  }
  for (const g of await t.db.select().from(s.groups)) group.set(g.key, g.id);
  const [c] = await t.db.select().from(s.cases).limit(1);
  const { id: _id, reference: _ref, ...rest } = c!;
  matrixCaseId = (
    await t.db
      .insert(s.cases)
      .values({ ...rest, reference: 'CLM-MATRIX-000001' })
      .returning()
  )[0]!.id;
});
afterAll(async () => {
  await t?.close();
});

/** A fresh ready task in a group's queue, so tests do not depend on each other's changes. */
async function readyTask(groupKey: string, assigneeEmail?: string) {
  const [task] = await t.db
    .insert(s.tasks)
    .values({
      caseId: matrixCaseId,
      stepKey: 'adjuster-review',
      name: `Matrix task ${groupKey}`,
      status: assigneeEmail ? 'claimed' : 'ready',
      assigneeId: assigneeEmail ? user.get(assigneeEmail)!.id : null,
      candidateGroupId: group.get(groupKey)!,
      outcomes: [],
    })
    .returning();
  return task!;
}

/** A case whose only task is in one group. */
async function caseInGroup(groupKey: string) {
  const [c] = await t.db
    .select({ id: s.cases.id })
    .from(s.cases)
    .innerJoin(s.tasks, eq(s.tasks.caseId, s.cases.id))
    .where(
      and(
        eq(s.tasks.candidateGroupId, group.get(groupKey)!),
        sql`${s.cases.id} <> ${matrixCaseId}`,
      ),
    )
    .limit(1);
  return c!.id;
}

async function refusalsFor(email: string | null, action: string) {
  const rows = await t.db
    .select()
    .from(s.auditEvents)
    .where(
      and(
        eq(s.auditEvents.action, 'auth.refused'),
        sql`${s.auditEvents.metadata}->>'attemptedAction' like ${`%${action}%`}`,
      ),
    );
  return email ? rows.filter((r) => r.actorLabel === email) : rows;
}

type Op = 'read' | 'claim' | 'release' | 'comment' | 'reassign' | 'bulk_reassign';

async function attempt(op: Op, email: string, taskId: string) {
  const c = cookie.get(email)!;
  const p = { id: taskId };
  switch (op) {
    case 'read':
      return call(taskRoute.GET, request('GET', `/api/tasks/${taskId}`, { cookie: c }), p);
    case 'claim':
      return call(
        claimRoute.POST,
        request('POST', `/api/tasks/${taskId}/claim`, { cookie: c, body: {} }),
        p,
      );
    case 'release':
      return call(
        releaseRoute.POST,
        // A supervisor releasing someone else's task says why (a 400 without; see supervisor-actions.test.ts).
        request('POST', `/api/tasks/${taskId}/release`, {
          cookie: c,
          body: { reason: 'Covering for a colleague' },
        }),
        p,
      );
    case 'comment':
      return call(
        commentsRoute.POST,
        request('POST', `/api/tasks/${taskId}/comments`, {
          cookie: c,
          body: { body: 'Looking at this.' },
        }),
        p,
      );
    case 'reassign':
      return call(
        reassignRoute.POST,
        request('POST', `/api/tasks/${taskId}/reassign`, {
          cookie: c,
          body: { toUserId: user.get('adjuster2@example.com')!.id, reason: 'Balancing workload' },
        }),
        p,
      );
    case 'bulk_reassign': {
      const res = await call(
        bulkRoute.POST,
        request('POST', '/api/tasks/bulk-reassign', {
          cookie: c,
          body: { taskIds: [taskId], toUserId: null, reason: 'Back to the queue' },
        }),
        {},
      );
      // A bulk reassignment reports per task: a task refused in it stands for the refusal.
      const one = res.status === 200 ? res.body.results[0] : null;
      if (!one || one.ok) return res;
      const code = one.problem === 'not_found' ? 'not_found' : 'forbidden';
      return { status: code === 'not_found' ? 404 : 403, body: { ...res.body, error: { code } } };
    }
  }
}

// [who, operation, group of the task, assigned to (for release), expected status]
const matrix: [string, Op, string, string | undefined, number][] = [
  ['adjuster@example.com', 'read', 'claims-adjusters', undefined, 200],
  ['adjuster@example.com', 'read', 'special-investigations', undefined, 404],
  ['adjuster@example.com', 'read', 'senior-adjusters', undefined, 404],
  ['adjuster@example.com', 'claim', 'claims-adjusters', undefined, 200],
  ['adjuster@example.com', 'claim', 'special-investigations', undefined, 404],
  ['adjuster@example.com', 'release', 'claims-adjusters', 'adjuster@example.com', 200],
  ['adjuster@example.com', 'release', 'claims-adjusters', 'adjuster2@example.com', 403],
  ['adjuster@example.com', 'comment', 'claims-adjusters', undefined, 201],
  ['adjuster@example.com', 'comment', 'special-investigations', undefined, 404],
  ['adjuster@example.com', 'reassign', 'claims-adjusters', undefined, 403],
  ['adjuster@example.com', 'bulk_reassign', 'claims-adjusters', 'adjuster@example.com', 403],
  ['senior@example.com', 'claim', 'claims-adjusters', undefined, 404],
  ['siu@example.com', 'read', 'special-investigations', undefined, 200],
  ['siu@example.com', 'read', 'claims-adjusters', undefined, 404],
  ['supervisor@example.com', 'read', 'claims-adjusters', undefined, 200],
  ['supervisor@example.com', 'read', 'special-investigations', undefined, 404],
  ['supervisor@example.com', 'reassign', 'claims-adjusters', undefined, 200],
  ['supervisor@example.com', 'reassign', 'special-investigations', undefined, 404],
  ['supervisor@example.com', 'bulk_reassign', 'claims-adjusters', 'adjuster@example.com', 200],
  ['supervisor@example.com', 'bulk_reassign', 'special-investigations', 'siu@example.com', 404],
  ['supervisor@example.com', 'release', 'claims-adjusters', 'adjuster@example.com', 200],
  ['admin@example.com', 'read', 'special-investigations', undefined, 200],
  ['admin@example.com', 'reassign', 'special-investigations', undefined, 422],
  ['admin@example.com', 'bulk_reassign', 'special-investigations', 'siu@example.com', 200],
];

describe('authorization matrix against the real route handlers', () => {
  it.each(matrix)(
    '%s %s a task of %s (assignee %s) → %i',
    async (email, op, groupKey, assignee, expected) => {
      const task = await readyTask(groupKey, assignee);
      const audited = op === 'bulk_reassign' ? 'reassign' : `task.${op}`;
      const before = (await refusalsFor(email, audited)).length;
      const res = await attempt(op, email, task.id);
      // 422 marks a request that passed authorization but named an assignee outside the group.
      expect(res.status).toBe(expected === 422 ? 400 : expected);
      if (expected >= 400 && expected < 422) {
        expect(res.body.error.code).toBe(expected === 404 ? 'not_found' : 'forbidden');
        expect(JSON.stringify(res.body)).not.toContain('Matrix task'); // never data
        expect((await refusalsFor(email, audited)).length).toBe(before + 1);
        const [unchanged] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task.id));
        expect(unchanged!.version).toBe(task.version);
      }
    },
  );

  it('reads cases only within one’s groups, by direct id too', async () => {
    const siuCase = await caseInGroup('special-investigations');
    const adjCase = await caseInGroup('claims-adjusters');
    const denied = await call(
      caseRoute.GET,
      request('GET', `/api/cases/${siuCase}`, { cookie: cookie.get('adjuster@example.com') }),
      { id: siuCase },
    );
    expect(denied).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'Case was not found.' } },
    });
    const ok = await call(
      caseRoute.GET,
      request('GET', `/api/cases/${adjCase}`, { cookie: cookie.get('adjuster@example.com') }),
      { id: adjCase },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.case.id).toBe(adjCase);
    expect(ok.body.timeline.length).toBeGreaterThan(0);
  });

  it('answers 404 for unknown and malformed ids alike', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' or '1'='1"]) {
      const res = await call(
        taskRoute.GET,
        request('GET', `/api/tasks/${encodeURIComponent(id)}`, {
          cookie: cookie.get('admin@example.com'),
        }),
        { id },
      );
      expect(res.status).toBe(404);
    }
  });

  it('lets only admins read the audit log and manage tokens', async () => {
    for (const email of ['adjuster@example.com', 'supervisor@example.com']) {
      expect(
        (
          await call(
            auditRoute.GET,
            request('GET', '/api/audit', { cookie: cookie.get(email) }),
            {},
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await call(
            tokensRoute.GET,
            request('GET', '/api/admin/tokens', { cookie: cookie.get(email) }),
            {},
          )
        ).status,
      ).toBe(403);
      const create = await call(
        tokensRoute.POST,
        request('POST', '/api/admin/tokens', {
          cookie: cookie.get(email),
          body: { name: 'Sneaky', scopes: ['cases:write'] },
        }),
        {},
      );
      expect(create.status).toBe(403);
    }
    expect(
      await t.db.select().from(s.apiTokens).where(eq(s.apiTokens.name, 'Sneaky')),
    ).toHaveLength(0);
    const audit = await call(
      auditRoute.GET,
      request('GET', '/api/audit?action=auth.refused', { cookie: cookie.get('admin@example.com') }),
      {},
    );
    expect(audit.status).toBe(200);
    expect(audit.body.events.length).toBeGreaterThan(0);
    expect(audit.body.events.every((e: { action: string }) => e.action === 'auth.refused')).toBe(
      true,
    );
  });
});

describe('unauthenticated and forged requests', () => {
  it('refuses a call without a session with 401 and audits it', async () => {
    const task = await readyTask('claims-adjusters');
    const before = (await refusalsFor('anonymous', 'POST /api/tasks')).length;
    const res = await call(
      claimRoute.POST,
      request('POST', `/api/tasks/${task.id}/claim`, { body: {} }),
      { id: task.id },
    );
    expect(res).toEqual({
      status: 401,
      body: { error: { code: 'unauthenticated', message: 'Sign in to continue.' } },
    });
    expect((await refusalsFor('anonymous', 'POST /api/tasks')).length).toBe(before + 1);
  });

  it('refuses a session cookie signed with another secret', async () => {
    const { encode } = await import('next-auth/jwt');
    const forged = await encode({
      secret: 'not-our-secret',
      token: { uid: user.get('admin@example.com')!.id, role: 'admin' },
    });
    const res = await call(
      auditRoute.GET,
      request('GET', '/api/audit', { cookie: `next-auth.session-token=${forged}` }),
      {},
    );
    expect(res.status).toBe(401);
  });

  it('answers 401, not 500, for a correctly signed session whose user id is not a UUID', async () => {
    const { encode } = await import('next-auth/jwt');
    for (const uid of ['not-a-uuid', "1' or '1'='1", '\u0000', '0'.repeat(500)]) {
      const odd = await encode({
        secret: getEnv().NEXTAUTH_SECRET!,
        token: { uid, role: 'admin' },
      });
      const res = await call(
        auditRoute.GET,
        request('GET', '/api/audit', { cookie: `next-auth.session-token=${odd}` }),
        {},
      );
      expect(res.status).toBe(401);
    }
  });

  it('refuses a deactivated user at once, even with a valid session', async () => {
    const [u] = await t.db
      .insert(s.users)
      .values({ email: 'leaver@example.com', name: 'Leaver', role: 'admin' })
      .returning();
    const c = await sessionCookie(u!);
    expect(
      (await call(auditRoute.GET, request('GET', '/api/audit', { cookie: c }), {})).status,
    ).toBe(200);
    await t.db.update(s.users).set({ active: false }).where(eq(s.users.id, u!.id));
    expect(
      (await call(auditRoute.GET, request('GET', '/api/audit', { cookie: c }), {})).status,
    ).toBe(401);
  });

  it('refuses cross-origin and non-JSON state changes', async () => {
    const task = await readyTask('claims-adjusters');
    const cross = await call(
      claimRoute.POST,
      request('POST', `/api/tasks/${task.id}/claim`, {
        cookie: cookie.get('adjuster@example.com'),
        body: {},
        headers: { origin: 'https://evil.example' },
      }),
      { id: task.id },
    );
    expect(cross.status).toBe(403);
    const form = await call(
      claimRoute.POST,
      request('POST', `/api/tasks/${task.id}/claim`, {
        cookie: cookie.get('adjuster@example.com'),
        body: 'version=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      { id: task.id },
    );
    expect(form.status).toBe(415);
    expect(form.body.error.fields).toEqual({ 'content-type': 'must be application/json' });
    const [still] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task.id));
    expect(still!.status).toBe('ready');
  });

  it('names the bad field of a bad body', async () => {
    const task = await readyTask('claims-adjusters');
    const res = await call(
      reassignRoute.POST,
      request('POST', `/api/tasks/${task.id}/reassign`, {
        cookie: cookie.get('supervisor@example.com'),
        body: { toUserId: 'bob', reason: '' },
      }),
      { id: task.id },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['reason', 'toUserId']);
  });
});

describe('API tokens on /api/v1', () => {
  let caseId: string;
  beforeEach(async () => {
    caseId = await caseInGroup('claims-adjusters');
  });
  const get = (bearer?: string, headers?: Record<string, string>) =>
    call(v1CaseRoute.GET, request('GET', `/api/v1/cases/${caseId}`, { bearer, headers }), {
      id: caseId,
    });

  it('the demo-intake-token reads a case with its tasks and history', async () => {
    const res = await get('demo-intake-token');
    expect(res.status).toBe(200);
    expect(res.body.case.id).toBe(caseId);
    expect(res.body.tasks.length).toBeGreaterThan(0);
    expect(res.body.history.length).toBeGreaterThan(0);
  });

  it('401 with a JSON error for a missing, malformed or unknown token — each audited', async () => {
    const before = (await refusalsFor(null, 'GET /api/v1/cases')).length;
    for (const res of [
      await get(),
      await get(undefined, { authorization: 'Basic abc' }),
      await get('made-up-token'),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
    expect((await refusalsFor(null, 'GET /api/v1/cases')).length).toBe(before + 3);
  });

  it('403 for a token without the scope; 401 once revoked or expired', async () => {
    const admin = cookie.get('admin@example.com')!;
    const mk = async (name: string, scopes: string[]) =>
      (
        await call(
          tokensRoute.POST,
          request('POST', '/api/admin/tokens', { cookie: admin, body: { name, scopes } }),
          {},
        )
      ).body as { plaintext: string; token: { id: string } };
    const writer = await mk('Writer only', ['cases:write']);
    const wrong = await get(writer.plaintext);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toContain('cases:read');

    const reader = await mk('Reader', ['cases:read']);
    expect((await get(reader.plaintext)).status).toBe(200);
    const [stored] = await t.db
      .select()
      .from(s.apiTokens)
      .where(eq(s.apiTokens.id, reader.token.id));
    expect(stored!.tokenHash).not.toContain(reader.plaintext);
    expect(stored!.lastUsedAt).not.toBeNull();
    const revoked = await call(
      revokeRoute.POST,
      request('POST', `/api/admin/tokens/${reader.token.id}/revoke`, { cookie: admin, body: {} }),
      { id: reader.token.id },
    );
    expect(revoked.status).toBe(200);
    expect((await get(reader.plaintext)).status).toBe(401);
    const again = await call(
      revokeRoute.POST,
      request('POST', `/api/admin/tokens/${reader.token.id}/revoke`, { cookie: admin, body: {} }),
      { id: reader.token.id },
    );
    expect(again.status).toBe(409);

    const expiring = await mk('Expiring', ['cases:read']);
    await t.db
      .update(s.apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(s.apiTokens.id, expiring.token.id));
    expect((await get(expiring.plaintext)).status).toBe(401);

    const events = await t.db
      .select({ action: s.auditEvents.action })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.entityId, reader.token.id))
      .orderBy(s.auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it('refuses unknown scopes and a token creation without a name, naming the field', async () => {
    const admin = cookie.get('admin@example.com')!;
    const bad = await call(
      tokensRoute.POST,
      request('POST', '/api/admin/tokens', {
        cookie: admin,
        body: { name: '', scopes: ['cases:delete'] },
      }),
      {},
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toContain('name');
    const unknownScope = await call(
      tokensRoute.POST,
      request('POST', '/api/admin/tokens', {
        cookie: admin,
        body: { name: 'X token', scopes: ['cases:delete'] },
      }),
      {},
    );
    expect(unknownScope.status).toBe(400);
    expect(unknownScope.body.error.fields).toEqual({ scopes: 'unknown scope cases:delete' });
  });
});

describe('claiming under concurrency', () => {
  it('two people claim the same task at once: exactly one gets it, the other is told who has it', async () => {
    const task = await readyTask('claims-adjusters');
    const [a, b] = await Promise.all([
      attempt('claim', 'adjuster@example.com', task.id),
      attempt('claim', 'adjuster2@example.com', task.id),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winnerEmail = a.status === 200 ? 'adjuster@example.com' : 'adjuster2@example.com';
    expect(loser.body.error.message).toBe(`Already claimed by ${user.get(winnerEmail)!.name}.`);
    const claims = await t.db
      .select()
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.taskId, task.id), eq(s.auditEvents.action, 'task.claimed')));
    expect(claims).toHaveLength(1);
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task.id));
    expect(row!.assigneeId).toBe(user.get(winnerEmail)!.id);
    expect(row!.version).toBe(task.version + 1);
  });

  it('a claim with a stale version is refused as a conflict', async () => {
    const task = await readyTask('claims-adjusters');
    await t.db
      .update(s.tasks)
      .set({ version: task.version + 1 })
      .where(eq(s.tasks.id, task.id));
    const res = await call(
      claimRoute.POST,
      request('POST', `/api/tasks/${task.id}/claim`, {
        cookie: cookie.get('adjuster@example.com'),
        body: { version: task.version },
      }),
      { id: task.id },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });
});
