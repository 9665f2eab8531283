import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { openPostgres } from '../../db/client';
import { useDatabaseForTests } from '../../lib/data/database';
import { predictionsByTaskIds } from '../../lib/data/predictions-read';
import {
  refreshGroupPredictions,
  refreshPredictions,
} from '../../lib/use-cases/refresh-predictions';
import { jobs } from '../../cron/jobs';
import * as atRiskRoute from '../../app/api/team/at-risk/route';
import * as applyRoute from '../../app/api/team/at-risk/apply/route';
import * as refreshRoute from '../../app/api/team/at-risk/refresh/route';
import * as inboxRoute from '../../app/api/inbox/route';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request } from '../helpers/http';
import { alwaysOnFourHourPolicy, teamClock, testPeople } from '../helpers/always-on-team';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

// Issue 18 part 1: predicted breach — the job, its safety with two copies, the team console's
// routes (who may see and apply), and a suggestion that, applied, lowers the at-risk count.
let t: TestDb;
let groupId: string;
let otherGroupId: string;
let caseId: string;
let caseTypeId: string;
let policyId: string;
/** Real time: the routes take their clock from the request. The team works around the clock. */
const { T0, at } = teamClock();
const { people, person, cookie } = testPeople(() => t.db);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const [c] = await t.db.select().from(s.cases).limit(1);
  caseId = c!.id;
  caseTypeId = c!.caseTypeId;
  const p = await alwaysOnFourHourPolicy(t.db, '');
  policyId = p.id;
  const lead = await person('lead@example.com', 'Lee Lead', 'supervisor');
  const other = await person('otherlead@example.com', 'Olga Other', 'supervisor');
  await person('ada2@example.com', 'Ada Two', 'admin');
  const m1 = await person('m1@example.com', 'Mia Member', 'adjuster');
  const m2 = await person('m2@example.com', 'Max Member', 'adjuster');
  const m3 = await person('m3@example.com', 'Noa Member', 'adjuster');
  const [g] = await t.db
    .insert(s.groups)
    .values({ key: 'predict-team', name: 'Predict team', supervisorId: lead.id })
    .returning();
  const [og] = await t.db
    .insert(s.groups)
    .values({ key: 'other-team', name: 'Other team', supervisorId: other.id })
    .returning();
  groupId = g!.id;
  otherGroupId = og!.id;
  await t.db.insert(s.groupMemberships).values([
    { groupId, userId: m1.id },
    { groupId, userId: m2.id },
    { groupId, userId: m3.id },
    { groupId: otherGroupId, userId: other.id },
  ]);
  // History: the step takes 60 minutes of work (claimed → completed), 50 to 70.
  await t.db.insert(s.tasks).values(
    Array.from({ length: 20 }, (_, i) => ({
      caseId,
      stepKey: 'predict-review',
      name: 'Review',
      status: 'completed' as const,
      candidateGroupId: groupId,
      assigneeId: m2.id,
      slaPolicyId: policyId,
      createdAt: at(-3000 - i * 100 - 30),
      claimedAt: at(-3000 - i * 100),
      completedAt: at(-3000 - i * 100 + 50 + i),
    })),
  );
  // Mia holds five tasks due within three hours: the last two cannot make it; Max and Noa are free.
  await t.db.insert(s.tasks).values(
    [70, 130, 170, 200, 230].map((due, i) => ({
      caseId,
      stepKey: 'predict-review',
      name: `Held ${i + 1}`,
      status: 'claimed' as const,
      candidateGroupId: groupId,
      assigneeId: m1.id,
      slaPolicyId: policyId,
      createdAt: at(-10),
      claimedAt: at(0),
      dueAt: at(due),
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

const groupTasks = () =>
  t.db
    .select()
    .from(s.tasks)
    .where(
      and(eq(s.tasks.candidateGroupId, groupId), inArray(s.tasks.status, ['ready', 'claimed'])),
    );

describe('the predictions job', () => {
  it('is registered with a kill switch and a minimum interval', () => {
    const job = jobs.find((j) => j.name === 'predictions')!;
    expect(job.minIntervalMs).toBeGreaterThanOrEqual(60_000);
    expect(job.enabled()).toBe(true);
  });

  it('fills step figures and a prediction per open task, flagging the ones that will be late', async () => {
    const written = await refreshPredictions(t.db, T0);
    expect(written).toBeGreaterThanOrEqual(5);
    const [stats] = await t.db
      .select()
      .from(s.stepDurationStats)
      .where(
        and(
          eq(s.stepDurationStats.caseTypeId, caseTypeId),
          eq(s.stepDurationStats.stepKey, 'predict-review'),
        ),
      );
    expect(stats!.sampleCount).toBe(20);
    expect(stats!.workMedianMinutes).toBeCloseTo(59.5, 1);
    expect(stats!.workP90Minutes).toBeGreaterThan(stats!.workMedianMinutes);
    expect(stats!.elapsedMedianMinutes).toBeCloseTo(89.5, 1);
    const open = await groupTasks();
    const preds = await predictionsByTaskIds(
      t.db,
      open.map((x) => x.id),
    );
    expect(preds.size).toBe(5);
    const byName = new Map(open.map((x) => [x.name, preds.get(x.id)!]));
    expect(byName.get('Held 1')!.atRisk).toBe(false);
    expect(byName.get('Held 5')!.atRisk).toBe(true);
    expect(byName.get('Held 5')!.latenessMinutes).toBeGreaterThan(0);
    for (const p of preds.values()) {
      expect(p.groupId).toBe(groupId);
      expect(p.predictedDoneAt.getTime()).toBeGreaterThanOrEqual(T0.getTime());
      expect(p.risk).toBeGreaterThanOrEqual(0);
      expect(p.risk).toBeLessThanOrEqual(1);
    }
  });

  it('two scheduler copies at once write one row per task, the same rows', async () => {
    const second = t.url ? openPostgres(t.url, { max: 4 }) : null;
    try {
      const later = at(1);
      const results = await Promise.all([
        refreshPredictions(t.db, later),
        refreshPredictions(second?.db ?? t.db, later),
      ]);
      // Each group was done by one copy or the other (or both one after the other), never lost.
      expect(results[0] + results[1]).toBeGreaterThanOrEqual(5);
      const rows = await t.db
        .select()
        .from(s.taskPredictions)
        .where(eq(s.taskPredictions.groupId, groupId));
      expect(rows).toHaveLength(5);
      expect(new Set(rows.map((r) => r.taskId)).size).toBe(5);
      // Both copies computed the same thing: the rows are the later run's.
      for (const r of rows) expect(r.computedAt).toEqual(later);
    } finally {
      await second?.close();
    }
  });

  it('a group another copy holds is skipped, not waited for', async () => {
    if (!t.url) return; // one connection on PGlite: the lock cannot be held elsewhere
    const second = openPostgres(t.url, { max: 2 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const holder = second.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`predictions:${groupId}`}))`);
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(await refreshGroupPredictions(t.db, groupId, at(2))).toBeNull();
      release();
      await holder;
      expect(await refreshGroupPredictions(t.db, groupId, at(2))).toMatchObject({ written: 5 });
    } finally {
      await second.close();
    }
  });
});

describe('the inbox', () => {
  it("carries each row's prediction (page and API share loadInbox)", async () => {
    const r = await call(
      inboxRoute.GET,
      request('GET', '/api/inbox?queue=mine', { cookie: await cookie('m1@example.com') }),
      {},
    );
    expect(r.status).toBe(200);
    const rows = r.body.tasks as { name: string; prediction: { atRisk: boolean } | null }[];
    expect(rows.find((x) => x.name === 'Held 5')!.prediction).toMatchObject({ atRisk: true });
    expect(rows.find((x) => x.name === 'Held 1')!.prediction).toMatchObject({ atRisk: false });
  });
});

describe('GET /api/team/at-risk', () => {
  const get = async (email: string, query: string) =>
    call(
      atRiskRoute.GET,
      request('GET', `/api/team/at-risk?${query}`, { cookie: await cookie(email) }),
      {},
    );

  it('lets the group supervisor and admins in; adjusters 403, other supervisors 404', async () => {
    const lead = await get('lead@example.com', `group=${groupId}`);
    expect(lead.status).toBe(200);
    expect(lead.body.count).toBeGreaterThanOrEqual(1);
    expect(lead.body.items[0]).toMatchObject({ assigneeName: 'Mia Member' });
    expect(lead.body.items[0].latenessMinutes).toBeGreaterThan(0);
    expect((await get('ada2@example.com', `group=${groupId}`)).status).toBe(200);
    expect((await get('m1@example.com', `group=${groupId}`)).status).toBe(403);
    expect((await get('otherlead@example.com', `group=${groupId}`)).status).toBe(404);
    // Sue supervises the demo groups, not this one.
    const sue = await t.db
      .select()
      .from(s.users)
      .where(eq(s.users.email, 'supervisor@example.com'));
    people.set('supervisor@example.com', sue[0]!);
    expect((await get('supervisor@example.com', `group=${groupId}`)).status).toBe(404);
    const other = await get('otherlead@example.com', `group=${otherGroupId}`);
    expect(other.status).toBe(200);
    expect(other.body.count).toBe(0);
  });

  it('answers bad query parameters with a 4xx naming the field, never a 500', async () => {
    const bad = await get('lead@example.com', 'group=nope');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('group');
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('group', 'limit', 'x', 'group[]'),
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              '\u0000',
              '\ud800',
              '-1',
              '1e309',
              '2026-02-30',
              groupId,
              'NaN',
              '9'.repeat(400),
            ),
          ),
        ),
        async (params) => {
          const q = new URLSearchParams(params).toString();
          const r = await get('lead@example.com', q);
          expect(r.status).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('applying the suggested rebalancing', () => {
  it('is refused to adjusters and other supervisors', async () => {
    const body = {
      groupId,
      reason: 'balance the load',
      moves: [{ taskId: caseId, toUserId: people.get('m2@example.com')!.id }],
    };
    for (const [email, status] of [
      ['m1@example.com', 403],
      ['otherlead@example.com', 404],
    ] as const) {
      const r = await call(
        applyRoute.POST,
        request('POST', '/api/team/at-risk/apply', { cookie: await cookie(email), body }),
        {},
      );
      expect(r.status).toBe(status);
    }
    const r = await call(
      refreshRoute.POST,
      request('POST', '/api/team/at-risk/refresh', {
        cookie: await cookie('m1@example.com'),
        body: { groupId },
      }),
      {},
    );
    expect(r.status).toBe(403);
    const wrongType = await call(
      applyRoute.POST,
      request('POST', '/api/team/at-risk/apply', {
        cookie: await cookie('lead@example.com'),
        body: 'groupId=x',
        headers: { 'content-type': 'text/plain' },
      }),
      {},
    );
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
  });

  it('goes through the bulk reassignment and lowers the at-risk count at once', async () => {
    const lead = await cookie('lead@example.com');
    await call(
      refreshRoute.POST,
      request('POST', '/api/team/at-risk/refresh', { cookie: lead, body: { groupId } }),
      {},
    );
    const view = await call(
      atRiskRoute.GET,
      request('GET', `/api/team/at-risk?group=${groupId}`, { cookie: lead }),
      {},
    );
    const { suggestion, count } = view.body;
    expect(count).toBeGreaterThanOrEqual(1);
    expect(suggestion.before).toBe(count);
    expect(suggestion.after).toBeLessThan(suggestion.before);
    expect(suggestion.moves.length).toBeGreaterThanOrEqual(1);
    for (const m of suggestion.moves) {
      expect(m.fromName).toBe('Mia Member');
      expect(['Max Member', 'Noa Member']).toContain(m.toName);
    }
    const applied = await call(
      applyRoute.POST,
      request('POST', '/api/team/at-risk/apply', {
        cookie: lead,
        body: {
          groupId,
          reason: 'Predicted breach: rebalance',
          moves: suggestion.moves.map((m: { taskId: string; toId: string; version: number }) => ({
            taskId: m.taskId,
            toUserId: m.toId,
            version: m.version,
          })),
        },
      }),
      {},
    );
    expect(applied.status).toBe(200);
    expect(applied.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect(applied.body.atRisk).toBe(suggestion.after);
    // The reassignment was audited like any other.
    const events = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        inArray(
          s.auditEvents.taskId,
          suggestion.moves.map((m: { taskId: string }) => m.taskId),
        ),
      );
    expect(events.some((e) => e.action === 'task.reassigned')).toBe(true);
    const again = await call(
      atRiskRoute.GET,
      request('GET', `/api/team/at-risk?group=${groupId}`, { cookie: lead }),
      {},
    );
    expect(again.body.count).toBe(suggestion.after);
  });

  it('a stale version is reported per task, not moved', async () => {
    const lead = await cookie('lead@example.com');
    const [task] = (await groupTasks()).filter(
      (x) => x.assigneeId === people.get('m1@example.com')!.id,
    );
    const r = await call(
      applyRoute.POST,
      request('POST', '/api/team/at-risk/apply', {
        cookie: lead,
        body: {
          groupId,
          reason: 'stale view',
          moves: [
            {
              taskId: task!.id,
              toUserId: people.get('m3@example.com')!.id,
              version: task!.version + 5,
            },
          ],
        },
      }),
      {},
    );
    expect(r.status).toBe(200);
    expect(r.body.results[0]).toMatchObject({ ok: false, problem: 'changed' });
  });
});

it('runs on the database it says', () => {
  expect(Boolean(t.url)).toBe(onPostgres());
});
