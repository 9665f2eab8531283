/**
 * The inbox as it reads a large book (issue 15): queues spanning a person's visibility are read
 * as a union of per-group slices, counts and totals stop at a cap. Here on the demo with caps
 * lowered to a few tasks, checked against the plain definitions (an OR of assignee and groups,
 * an exact count), so the union and the caps answer what the single query answered.
 */
import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { loadUserActor } from '../../lib/data/users';
import { endOfLocalDay } from '../../lib/domain/business-calendar';
import { visibleGroupIds, type UserActor } from '../../lib/domain/permissions';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { inboxCounts } from '../../lib/use-cases/inbox-counts';
import { loadInbox } from '../../lib/use-cases/inbox-load';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { createTestDb, type TestDb } from '../helpers/test-db';

const NOW = new Date('2026-11-24T15:00:00Z');
let t: TestDb;
const actors = new Map<string, UserActor>();
const groupId = new Map<string, string>();
const OPEN = ['ready', 'claimed'] as const;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: NOW });
  for (const u of await t.db.select().from(s.users))
    actors.set(u.email, (await loadUserActor(t.db, u.id))!);
  for (const g of await t.db.select().from(s.groups)) groupId.set(g.key, g.id);
  const adjuster = actors.get('adjuster@example.com')!;
  // Work the per-group slices must not lose or count twice: an adjuster's task in a group they
  // are not a member of, and escalated open work without a group (only admins see it).
  const [senior, claimedOwn, loose] = await t.db
    .select({ id: s.tasks.id })
    .from(s.tasks)
    .where(and(inArray(s.tasks.status, [...OPEN]), isNull(s.tasks.assigneeId)))
    .limit(3);
  await t.db
    .update(s.tasks)
    .set({
      assigneeId: adjuster.id,
      status: 'claimed',
      candidateGroupId: groupId.get('senior-adjusters')!,
    })
    .where(eq(s.tasks.id, senior!.id));
  await t.db
    .update(s.tasks)
    .set({
      assigneeId: adjuster.id,
      status: 'claimed',
      candidateGroupId: groupId.get('claims-adjusters')!,
    })
    .where(eq(s.tasks.id, claimedOwn!.id));
  await t.db
    .update(s.tasks)
    .set({ candidateGroupId: null, escalationLevel: 1, dueAt: new Date(NOW.getTime() - 3600_000) })
    .where(eq(s.tasks.id, loose!.id));
});
afterAll(async () => {
  await t?.close();
});

const open = inArray(s.tasks.status, [...OPEN]);
/** The plain definition of what a person sees: their own tasks or their groups' (admins: all). */
function visible(a: UserActor): SQL | undefined {
  const ids = visibleGroupIds(a);
  if (ids === null) return undefined;
  return ids.length
    ? or(eq(s.tasks.assigneeId, a.id), inArray(s.tasks.candidateGroupId, ids))
    : eq(s.tasks.assigneeId, a.id);
}
/** The queue by its plain definition, from every row: the ids the union of slices must give. */
async function expectedIds(a: UserActor, queue: string): Promise<string[]> {
  const eod = endOfLocalDay(NOW, a.timeZone ?? 'UTC');
  const rows = await t.db
    .select({ id: s.tasks.id, dueAt: s.tasks.dueAt, level: s.tasks.escalationLevel })
    .from(s.tasks)
    .where(and(open, visible(a)));
  return rows
    .filter((r) =>
      queue === 'overdue'
        ? r.dueAt !== null && r.dueAt <= NOW
        : queue === 'due_today'
          ? r.dueAt !== null && r.dueAt > NOW && r.dueAt <= eod
          : queue === 'escalated'
            ? r.level > 0
            : true,
    )
    .map((r) => r.id)
    .sort();
}

const list = (email: string, f: Record<string, unknown>, cap?: number) =>
  listInbox(t.db, actors.get(email)!, inboxFilterSchema.parse(f), NOW, { cap });

describe('inbox at scale: slices and caps', () => {
  it('the union of per-group slices is exactly what the person may see, each task once', async () => {
    for (const email of ['adjuster@example.com', 'supervisor@example.com', 'admin@example.com']) {
      const a = actors.get(email)!;
      for (const queue of ['all', 'overdue', 'due_today', 'escalated']) {
        if (queue === 'escalated' && a.role === 'adjuster') continue;
        const r = await list(email, { queue, limit: 100 });
        const ids = r.tasks.map((x) => x.id);
        expect(new Set(ids).size, `${email} ${queue}: no task twice`).toBe(ids.length);
        expect([...ids].sort(), `${email} ${queue}`).toEqual(await expectedIds(a, queue));
        expect(r.total).toBe(ids.length);
        expect(r.totalCapped).toBe(false);
        // The union keeps the due order of the single query.
        const keys = r.tasks.map((x) => (x.dueAt ? x.dueAt.getTime() : Infinity));
        expect(keys).toEqual([...keys].sort((x, y) => x - y));
      }
    }
    // The adjuster's task outside their groups is theirs to see, the groupless one is not.
    const all = await list('adjuster@example.com', { queue: 'all', limit: 100 });
    expect(all.tasks.some((x) => x.groupId === groupId.get('senior-adjusters'))).toBe(true);
    expect(all.tasks.some((x) => x.groupId === null)).toBe(false);
    const esc = await list('admin@example.com', { queue: 'escalated', limit: 100 });
    expect(esc.tasks.some((x) => x.groupId === null)).toBe(true);
  });

  it('pages through a union queue in order without losing or repeating a task', async () => {
    const everything = await list('supervisor@example.com', { queue: 'all', limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list('supervisor@example.com', {
        queue: 'all',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.tasks.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(everything.tasks.map((x) => x.id));
  });

  it('counts stop at the cap and say so; below it they are exact', async () => {
    for (const email of ['adjuster@example.com', 'supervisor@example.com', 'admin@example.com']) {
      const a = actors.get(email)!;
      const exact = await inboxCounts(t.db, a, NOW);
      expect(Object.values(exact.capped).every((c) => c === false)).toBe(true);
      expect(exact.dueToday).toBe((await expectedIds(a, 'due_today')).length);
      expect(exact.overdue).toBe((await expectedIds(a, 'overdue')).length);
      if (a.role !== 'adjuster')
        expect(exact.escalated).toBe((await expectedIds(a, 'escalated')).length);
      for (const cap of [0, 1, 2, 3]) {
        const c = await inboxCounts(t.db, a, NOW, { cap });
        const check = (n: number, capped: boolean, truth: number, what: string) => {
          expect(n, `${email} ${what} cap ${cap}`).toBe(Math.min(truth, cap));
          expect(capped, `${email} ${what} cap ${cap}`).toBe(truth > cap);
        };
        check(c.mine, c.capped.mine, exact.mine, 'mine');
        check(c.dueToday, c.capped.dueToday, exact.dueToday, 'due today');
        check(c.overdue, c.capped.overdue, exact.overdue, 'overdue');
        if (exact.escalated !== null)
          check(c.escalated!, c.capped.escalated, exact.escalated, 'escalated');
        exact.groups.forEach((g, i) =>
          check(c.groups[i]!.ready, c.groups[i]!.readyCapped, g.ready, g.key),
        );
      }
    }
  });

  it('a total past the cap is the cap with totalCapped, for queues and searches alike', async () => {
    const exact = await list('supervisor@example.com', { queue: 'all', limit: 100 });
    expect(exact.total!).toBeGreaterThan(3);
    // A full first page is counted; a page that is not full is its own total.
    const capped = await list('supervisor@example.com', { queue: 'all', limit: 2 }, 3);
    expect(capped).toMatchObject({ total: 3, totalCapped: true });
    const roomy = await list('supervisor@example.com', { queue: 'all', limit: 2 }, 1000);
    expect(roomy).toMatchObject({ total: exact.total, totalCapped: false });
    // Every demo reference starts "CLM": the search matches all the visible cases.
    const found = await list('supervisor@example.com', { queue: 'all', q: 'clm', limit: 100 });
    expect(found.total).toBe(found.tasks.length);
    expect(found.total!).toBeGreaterThan(2);
    const search = await list('supervisor@example.com', { queue: 'all', q: 'clm', limit: 1 }, 2);
    expect(search).toMatchObject({ total: 2, totalCapped: true });
    expect(search.tasks).toHaveLength(1);
    const none = await list('supervisor@example.com', { queue: 'all', q: 'zzzqqq', limit: 1 }, 2);
    expect(none).toMatchObject({ total: 0, totalCapped: false, tasks: [] });
  });

  it('GET /api/inbox takes the total of a rail queue from the rail and agrees with the list', async () => {
    const a = actors.get('supervisor@example.com')!;
    const queues = [
      'mine',
      'due_today',
      'overdue',
      'escalated',
      `group:${groupId.get('claims-adjusters')}`,
    ];
    for (const queue of queues) {
      const f = inboxFilterSchema.parse({ queue });
      const r = await loadInbox(t.db, a, f, NOW);
      const alone = await listInbox(t.db, a, f, NOW);
      expect(r.total, queue).toBe(alone.total);
      expect(r.totalCapped, queue).toBe(false);
      expect(r.tasks.map((x) => x.id)).toEqual(alone.tasks.map((x) => x.id));
    }
    // With a filter the list counts for itself.
    const urgent = inboxFilterSchema.parse({ queue: 'all', priority: 'high' });
    const r = await loadInbox(t.db, a, urgent, NOW);
    expect(r.total).toBe(r.tasks.length);
    expect(r.tasks.every((x) => x.priority === 'high')).toBe(true);
  });
});
