/**
 * The rail's counts and the list's totals kept per process (lib/data/inbox-count-cache.ts): reused
 * only while the database shows the snapshot they were counted at, so a claim, a new task or a
 * completion is in the very next inbox read after its commit. Each read of GET /api/inbox's data
 * (loadInbox) is checked against counts read afresh, without the cache.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import {
  cachedCount,
  clearInboxCountCache,
  storeCount,
  TIME_COUNT_MAX_AGE_MS,
} from '../../lib/data/inbox-count-cache';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { claimTask } from '../../lib/use-cases/claim-task';
import { inboxCounts } from '../../lib/use-cases/inbox-counts';
import { loadInbox } from '../../lib/use-cases/inbox-load';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { createTestDb, type TestDb } from '../helpers/test-db';

const NOW = new Date('2026-11-24T15:00:00Z');
let t: TestDb;
let adjuster: UserActor;
let supervisor: UserActor;
let groupId: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: NOW });
  const byEmail = async (email: string) => {
    const [u] = await t.db.select().from(s.users).where(eq(s.users.email, email));
    return (await loadUserActor(t.db, u!.id))!;
  };
  adjuster = await byEmail('adjuster@example.com');
  supervisor = await byEmail('supervisor@example.com');
  const [g] = await t.db.select().from(s.groups).where(eq(s.groups.key, 'claims-adjusters'));
  groupId = g!.id;
});
beforeEach(() => clearInboxCountCache(t.db));
afterAll(async () => {
  await t?.close();
});

/** GET /api/inbox's counts for `a`, and the same counted afresh (no snapshot: no cache). */
async function railAndTruth(a: UserActor, queue = 'mine') {
  const served = await loadInbox(t.db, a, inboxFilterSchema.parse({ queue }), NOW);
  const truth = await inboxCounts(t.db, a, NOW);
  return { served, truth };
}

async function readyInGroup() {
  const [task] = await t.db
    .select()
    .from(s.tasks)
    .where(
      and(
        eq(s.tasks.candidateGroupId, groupId),
        eq(s.tasks.status, 'ready'),
        isNull(s.tasks.assigneeId),
      ),
    )
    .limit(1);
  return task!;
}

describe('inbox counts kept per snapshot', () => {
  it('serves what it counted while nothing changes', async () => {
    for (const a of [adjuster, supervisor]) {
      const first = await railAndTruth(a);
      const again = await railAndTruth(a);
      expect(first.served.counts).toEqual(first.truth);
      expect(again.served.counts).toEqual(again.truth);
    }
  });

  it('a claim is in the next read of both people’s rails', async () => {
    // Both rails read once, so every count is in the cache.
    await railAndTruth(adjuster);
    await railAndTruth(supervisor, `group:${groupId}`);
    const task = await readyInGroup();
    await claimTask(t.db, adjuster, { taskId: task.id, expectedVersion: task.version });
    for (const [a, queue] of [
      [adjuster, 'mine'],
      [supervisor, `group:${groupId}`],
    ] as const) {
      const { served, truth } = await railAndTruth(a, queue);
      expect(served.counts, a.email).toEqual(truth);
    }
    const { served } = await railAndTruth(adjuster);
    expect(served.tasks.some((x) => x.id === task.id)).toBe(true);
    expect(served.total).toBe(served.counts.mine);
  });

  it('a new task and a completion are in the next read', async () => {
    const before = (await railAndTruth(supervisor, `group:${groupId}`)).served;
    const model = await readyInGroup();
    const id = randomUUID();
    await t.db.insert(s.tasks).values({ ...model, id, version: 1 });
    const added = await railAndTruth(supervisor, `group:${groupId}`);
    expect(added.served.counts).toEqual(added.truth);
    const ready = (r: typeof before) => r.counts.groups.find((g) => g.id === groupId)!.ready;
    expect(ready(added.served)).toBe(ready(before) + 1);
    await t.db
      .update(s.tasks)
      .set({ status: 'completed', completedAt: NOW })
      .where(inArray(s.tasks.id, [id, model.id]));
    const done = await railAndTruth(supervisor, `group:${groupId}`);
    expect(done.served.counts).toEqual(done.truth);
    expect(ready(done.served)).toBe(ready(before) - 1);
  });

  it('a list total is kept for its later pages and refreshed after a change', async () => {
    const f = { queue: 'all', limit: 2 };
    const first = await loadInbox(t.db, supervisor, inboxFilterSchema.parse(f), NOW);
    const fresh = await listInbox(t.db, supervisor, inboxFilterSchema.parse(f), NOW);
    expect(first.total).toBe(fresh.total);
    const next = await loadInbox(
      t.db,
      supervisor,
      inboxFilterSchema.parse({ ...f, cursor: first.nextCursor! }),
      NOW,
    );
    expect(next.total).toBe(first.total);
    const task = await readyInGroup();
    await t.db.update(s.tasks).set({ status: 'cancelled' }).where(eq(s.tasks.id, task.id));
    const after = await loadInbox(t.db, supervisor, inboxFilterSchema.parse(f), NOW);
    expect(after.total).toBe(first.total! - 1);
  });

  it('a count is served only at its snapshot, and one that moves with time only briefly', () => {
    storeCount(t.db, 'k', '10:10:', NOW, 7);
    expect(cachedCount(t.db, 'k', '10:10:', NOW, false)).toBe(7);
    expect(cachedCount(t.db, 'k', '10:11:', NOW, false)).toBeUndefined();
    const later = new Date(NOW.getTime() + TIME_COUNT_MAX_AGE_MS + 1);
    expect(cachedCount(t.db, 'k', '10:10:', later, false)).toBe(7);
    expect(cachedCount(t.db, 'k', '10:10:', later, true)).toBeUndefined();
    expect(cachedCount(t.db, 'k', '10:10:', new Date(NOW.getTime() + 1000), true)).toBe(7);
  });
});
