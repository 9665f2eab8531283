import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { recomputeAtRisk, RECOMPUTE_INTERVAL_MS } from '../../lib/use-cases/recompute-at-risk';
import { refreshGroupPredictions } from '../../lib/use-cases/refresh-predictions';
import * as atRiskRoute from '../../app/api/team/at-risk/route';
import * as applyRoute from '../../app/api/team/at-risk/apply/route';
import * as refreshRoute from '../../app/api/team/at-risk/refresh/route';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request } from '../helpers/http';
import { alwaysOnFourHourPolicy, teamClock, testPeople } from '../helpers/always-on-team';
import { createTestDb, type TestDb } from '../helpers/test-db';

// The team console's At risk routes under load: Recompute limited per person and group, and the
// rebalancing suggestion kept per group until its predictions change (or Apply moves work).
let t: TestDb;
let groupId: string;
let secondGroupId: string;
let caseId: string;
/** Real time: the routes take their clock from the request. The team works around the clock. */
const { at } = teamClock();
const { people, person, cookie } = testPeople(() => t.db);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const [c] = await t.db.select().from(s.cases).limit(1);
  caseId = c!.id;
  const p = await alwaysOnFourHourPolicy(t.db, '-routes');
  const lead = await person('lead@example.com', 'Lee Lead', 'supervisor');
  await person('ada2@example.com', 'Ada Two', 'admin');
  const m1 = await person('m1@example.com', 'Mia Member', 'adjuster');
  const m2 = await person('m2@example.com', 'Max Member', 'adjuster');
  const m3 = await person('m3@example.com', 'Noa Member', 'adjuster');
  const [g, g2] = await t.db
    .insert(s.groups)
    .values([
      { key: 'risk-team', name: 'Risk team', supervisorId: lead.id },
      { key: 'second-team', name: 'Second team', supervisorId: lead.id },
    ])
    .returning();
  groupId = g!.id;
  secondGroupId = g2!.id;
  await t.db.insert(s.groupMemberships).values([
    { groupId, userId: m1.id },
    { groupId, userId: m2.id },
    { groupId, userId: m3.id },
    { groupId: secondGroupId, userId: m2.id },
  ]);
  // History: the step takes about an hour of work.
  await t.db.insert(s.tasks).values(
    Array.from({ length: 20 }, (_, i) => ({
      caseId,
      stepKey: 'risk-review',
      name: 'Review',
      status: 'completed' as const,
      candidateGroupId: groupId,
      assigneeId: m2.id,
      slaPolicyId: p.id,
      createdAt: at(-3000 - i * 100 - 30),
      claimedAt: at(-3000 - i * 100),
      completedAt: at(-3000 - i * 100 + 50 + i),
    })),
  );
  // Mia holds five tasks due within four hours: the last ones cannot make it; Max and Noa are free.
  await t.db.insert(s.tasks).values(
    [70, 130, 170, 200, 230].map((due, i) => ({
      caseId,
      stepKey: 'risk-review',
      name: `Held ${i + 1}`,
      status: 'claimed' as const,
      candidateGroupId: groupId,
      assigneeId: m1.id,
      slaPolicyId: p.id,
      createdAt: at(-10),
      claimedAt: at(0),
      dueAt: at(due),
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

const refresh = async (email: string, group: string) => {
  const res = await refreshRoute.POST(
    request('POST', '/api/team/at-risk/refresh', {
      cookie: await cookie(email),
      body: { groupId: group },
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
};
const view = async (email: string) =>
  call(
    atRiskRoute.GET,
    request('GET', `/api/team/at-risk?group=${groupId}`, { cookie: await cookie(email) }),
    {},
  );

describe('POST /api/team/at-risk/refresh: once per 30 seconds per person and group', () => {
  it('a second recompute of the same group by the same person is a 429 with Retry-After; another group or person is not', async () => {
    const first = await refresh('lead@example.com', groupId);
    expect(first.status).toBe(200);
    const again = await refresh('lead@example.com', groupId);
    expect(again.status).toBe(429);
    expect(again.body.error).toMatchObject({ code: 'rate_limited' });
    expect(again.body.error.message).toMatch(/You can recompute again in \d+ seconds\./);
    const seconds = Number(again.retryAfter);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(RECOMPUTE_INTERVAL_MS / 1000);
    expect(again.body.error.retryAfter).toBe(seconds);
    // Another group of the same supervisor, and the same group by an admin: not limited.
    expect((await refresh('lead@example.com', secondGroupId)).status).toBe(200);
    expect((await refresh('ada2@example.com', groupId)).status).toBe(200);
    // Refused callers are not counted: an adjuster's 403 leaves the supervisor's limit as it was.
    expect((await refresh('m1@example.com', secondGroupId)).status).toBe(403);
    // Once the interval has passed the same person may recompute the group again.
    const lead = (await loadUserActor(t.db, people.get('lead@example.com')!.id))!;
    const later = new Date(Date.now() + RECOMPUTE_INTERVAL_MS + 1_000);
    await expect(recomputeAtRisk(t.db, lead, { groupId }, later)).resolves.toMatchObject({
      atRisk: expect.any(Number),
    });
  });
});

describe('GET /api/team/at-risk: the suggestion is kept until the predictions change', () => {
  it('reused while the predictions stand (the people shown are live); apply drops it', async () => {
    const first = await view('lead@example.com');
    expect(first.status).toBe(200);
    expect(first.body.count).toBeGreaterThanOrEqual(1);
    expect(first.body.suggestion.moves.length).toBeGreaterThanOrEqual(1);
    expect(first.body.people.available).toBe(3);
    // Max and Noa go out of office; the predictions are not recomputed: the suggestion is kept
    // (computed afresh it would move nothing, nobody else being free), the head count is live.
    const m2 = people.get('m2@example.com')!.id;
    const m3 = people.get('m3@example.com')!.id;
    await t.db
      .update(s.users)
      .set({ outOfOffice: true })
      .where(inArray(s.users.id, [m2, m3]));
    const kept = await view('lead@example.com');
    expect(kept.body.suggestion).toEqual(first.body.suggestion);
    expect(kept.body.people).toMatchObject({ available: 1, outOfOffice: 2 });
    // Another supervisor's view of the group (an admin) gets the same kept suggestion.
    expect((await view('ada2@example.com')).body.suggestion).toEqual(first.body.suggestion);

    // An apply (here a move that changes nothing: back to its holder) drops the kept suggestion.
    const held = first.body.suggestion.moves[0] as { taskId: string; fromId: string };
    const applied = await call(
      applyRoute.POST,
      request('POST', '/api/team/at-risk/apply', {
        cookie: await cookie('lead@example.com'),
        body: {
          groupId,
          reason: 'No move after all',
          moves: [{ taskId: held.taskId, toUserId: held.fromId }],
        },
      }),
      {},
    );
    expect(applied.status).toBe(200);
    const fresh = await view('lead@example.com');
    expect(fresh.body.suggestion.moves).toEqual([]);
    await t.db
      .update(s.users)
      .set({ outOfOffice: false })
      .where(inArray(s.users.id, [m2, m3]));
  });

  it('the scheduler’s recompute gives a new suggestion; a moved task is not offered again from a kept one', async () => {
    // Max and Noa are back (previous test); the kept suggestion (nothing to move) stands until the
    // predictions are recomputed, as the scheduler does.
    expect((await view('lead@example.com')).body.suggestion.moves).toEqual([]);
    await refreshGroupPredictions(t.db, groupId, new Date(), { wait: true });
    const first = await view('lead@example.com');
    const [move] = first.body.suggestion.moves as { taskId: string; toId: string }[];
    expect(move).toBeDefined();
    // Moved by someone outside the console (the predictions not yet recomputed).
    await t.db.update(s.tasks).set({ assigneeId: move!.toId }).where(eq(s.tasks.id, move!.taskId));
    const again = await view('lead@example.com');
    expect(again.body.suggestion.moves.map((m: { taskId: string }) => m.taskId)).not.toContain(
      move!.taskId,
    );
  });
});
