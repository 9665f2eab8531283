import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { inboxCounts } from '../../lib/use-cases/inbox-counts';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { createTestDb, type TestDb } from '../helpers/test-db';

const NOW = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 in New York
let t: TestDb;
const actors = new Map<string, UserActor>();
const groupId = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: NOW });
  for (const u of await t.db.select().from(s.users))
    actors.set(u.email, (await loadUserActor(t.db, u.id))!);
  for (const g of await t.db.select().from(s.groups)) groupId.set(g.key, g.id);
});
afterAll(async () => {
  await t?.close();
});

const list = (email: string, f: Record<string, unknown> = {}) =>
  listInbox(t.db, actors.get(email)!, inboxFilterSchema.parse(f), NOW);

async function openTasksWhere(groupKeys: string[]) {
  return t.db
    .select()
    .from(s.tasks)
    .where(
      and(
        inArray(s.tasks.status, ['ready', 'claimed']),
        inArray(
          s.tasks.candidateGroupId,
          groupKeys.map((k) => groupId.get(k)!),
        ),
      ),
    );
}

describe('inbox queries', () => {
  it('My tasks are exactly the open tasks assigned to me', async () => {
    const me = actors.get('adjuster@example.com')!;
    const r = await list('adjuster@example.com');
    const expected = await t.db
      .select()
      .from(s.tasks)
      .where(and(eq(s.tasks.assigneeId, me.id), inArray(s.tasks.status, ['ready', 'claimed'])));
    expect(r.tasks.map((x) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
    expect(r.total).toBe(expected.length);
  });

  it('a group queue shows its unclaimed work, most urgent first', async () => {
    const r = await list('adjuster@example.com', {
      queue: `group:${groupId.get('claims-adjusters')}`,
    });
    const expected = (await openTasksWhere(['claims-adjusters'])).filter(
      (x) => x.status === 'ready',
    );
    expect(r.tasks.map((x) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
    const dues = r.tasks.map((x) => x.dueAt!.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const claimed = await list('adjuster@example.com', {
      queue: `group:${groupId.get('claims-adjusters')}`,
      status: 'claimed',
    });
    expect(claimed.tasks.every((x) => x.status === 'claimed')).toBe(true);
    expect(claimed.tasks.length).toBeGreaterThan(0);
  });

  it('isolates groups: an adjuster never sees another group’s work, in any queue', async () => {
    const own = [groupId.get('claims-adjusters')!];
    const me = actors.get('adjuster@example.com')!;
    for (const queue of ['mine', 'due_today', 'overdue', 'all']) {
      const r = await list('adjuster@example.com', { queue, limit: 100 });
      for (const x of r.tasks)
        expect(own.includes(x.groupId!) || x.assigneeId === me.id).toBe(true);
    }
    await expect(
      list('adjuster@example.com', { queue: `group:${groupId.get('special-investigations')}` }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(list('adjuster@example.com', { queue: 'escalated' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const siu = await list('siu@example.com', { queue: 'all', limit: 100 });
    expect(siu.tasks.every((x) => x.groupId === groupId.get('special-investigations'))).toBe(true);
  });

  it('a supervisor sees the groups they supervise and their Escalated queue', async () => {
    const r = await list('supervisor@example.com', { queue: 'escalated', limit: 100 });
    const expected = (
      await openTasksWhere([
        'claims-adjusters',
        'senior-adjusters',
        'claims-supervisors',
        'claims-intake',
      ])
    ).filter((x) => x.escalationLevel > 0);
    expect(r.tasks.map((x) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
    expect(r.tasks.length).toBeGreaterThanOrEqual(3);
  });

  it('filters by priority, due state and case type; searches by reference and claimant', async () => {
    const high = await list('supervisor@example.com', {
      queue: 'all',
      priority: 'high',
      limit: 100,
    });
    expect(high.tasks.length).toBeGreaterThan(0);
    expect(high.tasks.every((x) => x.priority === 'high')).toBe(true);
    const overdue = await list('supervisor@example.com', {
      queue: 'all',
      due: 'overdue',
      limit: 100,
    });
    expect(overdue.tasks.every((x) => x.dueAt! <= NOW)).toBe(true);
    const soon = await list('supervisor@example.com', {
      queue: 'all',
      due: 'due_soon',
      limit: 100,
    });
    expect(soon.tasks.length).toBeGreaterThan(0);
    expect(soon.tasks.every((x) => x.dueAt! > NOW)).toBe(true);
    const onTime = await list('supervisor@example.com', {
      queue: 'all',
      due: 'on_time',
      limit: 100,
    });
    const all = await list('supervisor@example.com', { queue: 'all', limit: 100 });
    expect(overdue.total! + soon.total! + onTime.total!).toBe(all.total);
    expect(
      (await list('supervisor@example.com', { queue: 'all', type: 'boat-claim' })).tasks,
    ).toEqual([]);
    expect((await list('supervisor@example.com', { queue: 'all', type: 'auto-claim' })).total).toBe(
      all.total,
    );

    const sample = all.tasks[3]!;
    const byRef = await list('supervisor@example.com', {
      queue: 'all',
      q: sample.reference.toLowerCase(),
    });
    expect(byRef.tasks.map((x) => x.id)).toContain(sample.id);
    const byName = await list('supervisor@example.com', {
      queue: 'all',
      q: sample.claimant.split(' ')[0],
    });
    expect(byName.tasks.length).toBeGreaterThan(0);
    expect(
      byName.tasks.every((x) =>
        x.claimant.toLowerCase().startsWith(sample.claimant.split(' ')[0]!.toLowerCase()),
      ),
    ).toBe(true);
  });

  it('sorts by priority and by age, and pages with a cursor without gaps or repeats', async () => {
    const byPriority = await list('admin@example.com', {
      queue: 'all',
      sort: 'priority',
      limit: 100,
    });
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
    const ranks = byPriority.tasks.map((x) => rank[x.priority]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const byAge = await list('admin@example.com', { queue: 'all', sort: 'age', limit: 100 });
    const ages = byAge.tasks.map((x) => x.createdAt.getTime());
    expect(ages).toEqual([...ages].sort((a, b) => a - b));

    for (const sort of ['due', 'priority', 'age']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list('admin@example.com', {
          queue: 'all',
          sort,
          limit: 7,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.tasks.map((x) => x.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const everything = await list('admin@example.com', { queue: 'all', sort, limit: 100 });
      expect(seen).toEqual(everything.tasks.map((x) => x.id));
    }
    await expect(list('admin@example.com', { cursor: 'garbage' })).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('counts every queue, and the counts agree with the lists', async () => {
    const a = actors.get('adjuster@example.com')!;
    const c = await inboxCounts(t.db, a, NOW);
    expect(c.mine).toBe((await list('adjuster@example.com')).total);
    expect(c.overdue).toBe((await list('adjuster@example.com', { queue: 'overdue' })).total);
    expect(c.dueToday).toBe((await list('adjuster@example.com', { queue: 'due_today' })).total);
    expect(c.escalated).toBeNull();
    expect(c.groups.map((g) => g.key)).toEqual(['claims-adjusters']);
    expect(c.groups[0]!.ready).toBe(
      (await list('adjuster@example.com', { queue: `group:${groupId.get('claims-adjusters')}` }))
        .total,
    );
    const sup = await inboxCounts(t.db, actors.get('supervisor@example.com')!, NOW);
    expect(sup.escalated).toBe(
      (await list('supervisor@example.com', { queue: 'escalated' })).total,
    );
    expect(sup.groups.map((g) => g.key).sort()).toEqual([
      'claims-adjusters',
      'claims-intake',
      'claims-supervisors',
      'senior-adjusters',
    ]);
  });

  it('rejects a malformed queue or filter with the field named', () => {
    const bad = inboxFilterSchema.safeParse({ queue: 'everything', priority: 'asap' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['priority', 'queue']);
  });
});
