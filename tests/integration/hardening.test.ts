import { eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import * as auditRoute from '../../app/api/audit/route';
import * as caseCommentsRoute from '../../app/api/cases/[id]/comments/route';
import * as caseRoute from '../../app/api/cases/[id]/route';
import * as timelineRoute from '../../app/api/cases/[id]/timeline/route';
import * as commentRoute from '../../app/api/tasks/[id]/comments/route';
import * as v1CaseRoute from '../../app/api/v1/cases/[id]/route';
import * as v1HistoryRoute from '../../app/api/v1/cases/[id]/history/route';
import * as v1CasesRoute from '../../app/api/v1/cases/route';
import { generateApiToken, hashApiToken, displayPrefix } from '../../lib/auth/api-token';
import { recordAuditMany } from '../../lib/data/audit';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { commentOnTask, COMMENTS_PER_MINUTE } from '../../lib/use-cases/comment-on-task';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
const user = new Map<string, typeof s.users.$inferSelect>();
const cookie = new Map<string, string>();
/** A case with one Claims adjusters task, its history grown below. */
let caseId: string;
let taskId: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    user.set(u.email, u);
    cookie.set(u.email, await sessionCookie(u));
  }
  const [g] = await t.db.select().from(s.groups).where(eq(s.groups.key, 'claims-adjusters'));
  const [task] = await t.db
    .select()
    .from(s.tasks)
    .where(eq(s.tasks.candidateGroupId, g!.id))
    .limit(1);
  taskId = task!.id;
  caseId = task!.caseId;
});
afterAll(async () => {
  await t?.close();
});

const asAdjuster = () => cookie.get('adjuster@example.com')!;

async function bearerWithScopes(scopes: string[]) {
  const plaintext = generateApiToken();
  await t.db.insert(s.apiTokens).values({
    name: `scopes ${scopes.join(' ')}`,
    tokenHash: hashApiToken(plaintext),
    displayPrefix: displayPrefix(plaintext),
    scopes,
  });
  return plaintext;
}

const claim = (key: string) => ({
  caseType: 'auto-claim',
  data: {
    policyNumber: 'POL-123456',
    claimant: { name: 'Ada Byron', email: 'ada@example.com' },
    incidentDate: '2026-03-02',
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
  },
  key,
});

describe('POST /api/v1/cases answers what the token may read', () => {
  it('a write-only token gets back only id, reference and status (also on a replay)', async () => {
    const bearer = await bearerWithScopes(['cases:write']);
    const { key, ...body } = claim('write-only-1');
    for (const replay of [false, true]) {
      const res = await call(
        v1CasesRoute.POST,
        request('POST', '/api/v1/cases', { bearer, body, headers: { 'idempotency-key': key } }),
        {},
      );
      expect(res.status).toBe(201);
      expect(Object.keys(res.body.case).sort()).toEqual(['id', 'reference', 'status']);
      expect(JSON.stringify(res.body)).not.toContain('Ada Byron');
      expect(res.body.case.reference).toMatch(/^CLM-/);
      if (replay) expect(res.body.case.id).toBeTruthy();
    }
  });

  it('a token that may also read gets the whole case', async () => {
    const bearer = await bearerWithScopes(['cases:write', 'cases:read']);
    const { key, ...body } = claim('read-write-1');
    const res = await call(
      v1CasesRoute.POST,
      request('POST', '/api/v1/cases', { bearer, body, headers: { 'idempotency-key': key } }),
      {},
    );
    expect(res.status).toBe(201);
    expect(res.body.case.data.claimant.name).toBe('Ada Byron');
    expect(res.body.case.tasks).toHaveLength(1);
  });
});

describe('the audit filter matches literally', () => {
  it('"auth.sign_in" matches that prefix only; "_" and "%" are no wildcards', async () => {
    const admin = (await loadUserActor(t.db, user.get('admin@example.com')!.id))!;
    const actions = ['auth.sign_in', 'auth.sign_in_failed', 'auth.signXin', 'auth.sign_inX'];
    await recordAuditMany(
      t.db,
      admin,
      actions.map((action) => ({ action, entityType: 'probe', summary: action })),
    );
    const actionsFor = async (filter: string) => {
      const res = await call(
        auditRoute.GET,
        request('GET', `/api/audit?entityType=probe&action=${encodeURIComponent(filter)}`, {
          cookie: cookie.get('admin@example.com'),
        }),
        {},
      );
      expect(res.status).toBe(200);
      return (res.body.events as { action: string }[]).map((e) => e.action).sort();
    };
    expect(await actionsFor('auth.sign_in')).toEqual([
      'auth.sign_in',
      'auth.sign_inX',
      'auth.sign_in_failed',
    ]);
    expect(await actionsFor('auth.sign_in_')).toEqual(['auth.sign_in_failed']);
    expect(await actionsFor('%')).toEqual([]);
    expect(await actionsFor('auth.sign%')).toEqual([]);
    expect(await actionsFor('auth.sign')).toHaveLength(4);
  });
});

describe('comments and the timeline are paged', () => {
  it('the detail shows the latest 50 of each; ?before= pages back to the first without gaps', async () => {
    const adjuster = (await loadUserActor(t.db, user.get('adjuster@example.com')!.id))!;
    const start = Date.parse('2026-01-01T00:00:00Z');
    // 120 comments, ten a minute apart per batch (the rate limit is per minute of `now`).
    for (let i = 0; i < 120; i++)
      await commentOnTask(
        t.db,
        adjuster,
        { taskId, body: `Comment ${i}` },
        new Date(start + Math.floor(i / 10) * 120_000 + (i % 10) * 1000),
      );
    const detail = await call(
      caseRoute.GET,
      request('GET', `/api/cases/${caseId}`, { cookie: asAdjuster() }),
      {
        id: caseId,
      },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.comments).toHaveLength(50);
    expect(detail.body.comments.at(-1).comment.body).toBe('Comment 119');
    expect(detail.body.comments[0].comment.body).toBe('Comment 70');
    expect(detail.body.timeline.length).toBe(50);
    expect(detail.body.timelineNextBefore).toBe(detail.body.timeline[0].id);

    const bodies: string[] = detail.body.comments.map(
      (c: { comment: { body: string } }) => c.comment.body,
    );
    let before: string | null = detail.body.commentsNextBefore;
    while (before) {
      const page = await call(
        caseCommentsRoute.GET,
        request('GET', `/api/cases/${caseId}/comments?before=${before}&limit=30`, {
          cookie: asAdjuster(),
        }),
        { id: caseId },
      );
      expect(page.status).toBe(200);
      bodies.unshift(
        ...page.body.comments.map((c: { comment: { body: string } }) => c.comment.body),
      );
      before = page.body.nextBefore;
    }
    expect(bodies.filter((b) => b.startsWith('Comment '))).toEqual(
      Array.from({ length: 120 }, (_, i) => `Comment ${i}`),
    );

    const ids: number[] = detail.body.timeline.map((e: { id: number }) => e.id);
    let evBefore: number | null = detail.body.timelineNextBefore;
    while (evBefore) {
      const page = await call(
        timelineRoute.GET,
        request('GET', `/api/cases/${caseId}/timeline?before=${evBefore}&limit=200`, {
          cookie: asAdjuster(),
        }),
        { id: caseId },
      );
      expect(page.status).toBe(200);
      ids.unshift(...page.body.events.map((e: { id: number }) => e.id));
      evBefore = page.body.nextBefore;
    }
    const all = await t.db
      .select({ id: s.auditEvents.id })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.caseId, caseId))
      .orderBy(s.auditEvents.id);
    expect(ids).toEqual(all.map((e) => e.id));
  });

  it('the API pages the history too, hiding sign-in refusals and comments from tokens', async () => {
    const bearer = await bearerWithScopes(['cases:read']);
    const first = await call(
      v1CaseRoute.GET,
      request('GET', `/api/v1/cases/${caseId}`, { bearer }),
      {
        id: caseId,
      },
    );
    expect(first.status).toBe(200);
    expect(first.body.history.length).toBeLessThanOrEqual(50);
    const actions: string[] = first.body.history.map((e: { action: string }) => e.action);
    let before: number | null = first.body.historyNextBefore;
    while (before) {
      const page = await call(
        v1HistoryRoute.GET,
        request('GET', `/api/v1/cases/${caseId}/history?before=${before}`, { bearer }),
        { id: caseId },
      );
      expect(page.status).toBe(200);
      actions.unshift(...page.body.history.map((e: { action: string }) => e.action));
      before = page.body.nextBefore;
    }
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.some((a) => a.startsWith('comment.') || a.startsWith('auth.'))).toBe(false);
  });

  it('bad cursors and limits are a 400 naming the parameter', async () => {
    const [ofThisCase] = await t.db
      .select({ id: s.comments.id })
      .from(s.comments)
      .where(eq(s.comments.caseId, caseId))
      .limit(1);
    const [otherCase] = await t.db
      .select({ id: s.cases.id })
      .from(s.cases)
      .where(ne(s.cases.id, caseId))
      .limit(1);
    const tries: [typeof timelineRoute.GET, string, string, string][] = [
      [timelineRoute.GET, caseId, 'before=abc', 'before'],
      [timelineRoute.GET, caseId, 'before=99999999999999999999', 'before'],
      [timelineRoute.GET, caseId, 'before=-1', 'before'],
      [timelineRoute.GET, caseId, 'before=1.5', 'before'],
      [timelineRoute.GET, caseId, 'limit=0', 'limit'],
      [timelineRoute.GET, caseId, 'limit=1000', 'limit'],
      [caseCommentsRoute.GET, caseId, 'before=not-a-uuid', 'before'],
      [caseCommentsRoute.GET, caseId, 'before=%00', 'before'],
      [caseCommentsRoute.GET, caseId, 'limit=x', 'limit'],
      // A comment of another case is no cursor here.
      [caseCommentsRoute.GET, otherCase!.id, `before=${ofThisCase!.id}`, 'before'],
    ];
    for (const [route, id, query, field] of tries) {
      const res = await call(
        route,
        request('GET', `/api/cases/${id}/page?${query}`, {
          cookie: cookie.get('admin@example.com'),
        }),
        { id },
      );
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error.fields), query).toEqual([field]);
    }
  });
});

describe('comments are rate-limited per person', () => {
  it(`the ${COMMENTS_PER_MINUTE + 1}th comment within a minute is a 429 with a clear message; others still comment`, async () => {
    const post = (email: string, body: string) =>
      call(
        commentRoute.POST,
        request('POST', `/api/tasks/${taskId}/comments`, {
          cookie: cookie.get(email),
          body: { body },
        }),
        { id: taskId },
      );
    for (let i = 0; i < COMMENTS_PER_MINUTE; i++)
      expect((await post('adjuster2@example.com', `Quick ${i}`)).status).toBe(201);
    const refused = await post('adjuster2@example.com', 'One too many');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.message).toMatch(/10 comments in the last minute/);
    const stored = await t.db.select().from(s.comments).where(eq(s.comments.body, 'One too many'));
    expect(stored).toHaveLength(0);
    expect((await post('supervisor@example.com', 'Still fine')).status).toBe(201);
  });

  it('concurrent comments of one person cannot slip past the limit together', async () => {
    const siu = (await loadUserActor(t.db, user.get('admin@example.com')!.id))!;
    const now = new Date('2026-06-01T12:00:00Z');
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        commentOnTask(t.db, siu, { taskId, body: `Burst ${i}` }, now),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(COMMENTS_PER_MINUTE);
    // A minute later the person may comment again.
    await commentOnTask(t.db, siu, { taskId, body: 'Later' }, new Date(now.getTime() + 61_000));
  });
});
