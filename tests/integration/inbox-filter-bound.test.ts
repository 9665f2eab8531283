/**
 * Filtered inbox reads are bounded: a search, case-type or case-field filter looks at no more
 * than a window of the queue per page and per count, and says so when it stopped there, so a
 * filter that matches nothing never reads a whole queue. Here on the demo with the bound lowered
 * to a few tasks (the production bound is FILTER_SCAN_LIMIT), checked against the same reads
 * with a bound larger than the data.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import * as inboxRoute from '../../app/api/inbox/route';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
import { inboxFilterSchema } from '../../lib/schemas/inbox';
import { listInbox } from '../../lib/use-cases/list-inbox';
import { listViews } from '../../lib/use-cases/list-views';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

const NOW = new Date();
const BOUND = 3;
/** Larger than the demo: the unbounded answer. */
const NO_BOUND = 100_000;
let t: TestDb;
const actors = new Map<string, UserActor>();
const cookie = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: NOW });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    actors.set(u.email, (await loadUserActor(t.db, u.id))!);
    cookie.set(u.email, await sessionCookie(u));
  }
});
afterAll(async () => {
  await t?.close();
});

const filters = (q: Record<string, unknown>) => inboxFilterSchema.parse(q);
const NOTHING = { 'cf.recommendedPayout.min': '999999999' };
const asFields = (cf: Record<string, string>) => ({
  fields: Object.fromEntries(
    Object.entries(cf).map(([k, v]) => {
      const op = k.slice(k.lastIndexOf('.') + 1);
      return [k.slice(3, k.lastIndexOf('.')), { [op]: v }];
    }),
  ),
});

/** A query-string value; a lone surrogate (which encodeURIComponent refuses) as its bytes. */
const encode = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

/** Every task of a filtered list, page by page (`limit` rows), following nextCursor. */
async function walk(
  actor: UserActor,
  q: Record<string, unknown>,
  limit: number,
  scanLimit: number,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const r = await listInbox(t.db, actor, filters({ ...q, limit, cursor }), NOW, { scanLimit });
    ids.push(...r.tasks.map((x) => x.id));
    if (!r.nextCursor) return { ids, pages: pages + 1 };
    cursor = r.nextCursor;
  }
  throw new Error('the walk did not end');
}

describe('bounded filtered inbox reads', () => {
  it('a filter nothing matches, on a queue larger than the bound, says it stopped and offers to look further', async () => {
    const adjuster = actors.get('adjuster@example.com')!;
    const queue = await walk(adjuster, { queue: 'all' }, 100, NO_BOUND);
    expect(queue.ids.length).toBeGreaterThan(BOUND * 2);

    const f = filters({ queue: 'all', ...asFields(NOTHING) });
    const bounded = await listInbox(t.db, adjuster, f, NOW, { scanLimit: BOUND });
    expect(bounded.tasks).toEqual([]);
    expect(bounded.scanLimited).toBe(true);
    expect(bounded.scanLimit).toBe(BOUND);
    // "0+": none among the first BOUND, more of the queue unread.
    expect(bounded.total).toBe(0);
    expect(bounded.totalCapped).toBe(true);
    expect(bounded.nextCursor).not.toBeNull();

    // Looking further reads the queue window by window, and ends.
    const further = await walk(adjuster, { queue: 'all', ...asFields(NOTHING) }, 50, BOUND);
    expect(further.ids).toEqual([]);
    expect(further.pages).toBe(Math.ceil((queue.ids.length + 1) / BOUND));

    // With a bound past the queue the answer is complete: nothing, exactly.
    const whole = await listInbox(t.db, adjuster, f, NOW, { scanLimit: NO_BOUND });
    expect(whole).toMatchObject({ tasks: [], total: 0, totalCapped: false, scanLimited: false });
    expect(whole.nextCursor).toBeNull();
  });

  it('paging a bounded filter finds exactly what the unbounded one finds, in order, each task once', async () => {
    const who = ['adjuster@example.com', 'supervisor@example.com', 'admin@example.com'];
    const searches: Record<string, string>[] = [
      { 'cf.recommendedPayout.min': '20000' },
      { q: 'a' },
      { type: 'auto-claim', 'cf.fraudScore.max': '0.3' },
      { q: 'a', 'cf.recommendedPayout.max': '30000' },
    ];
    for (const email of who)
      for (const sort of ['due', 'priority', 'age'])
        for (const sq of searches) {
          const { q, type, ...cf } = sq;
          const query = { queue: 'all', sort, q, type, ...asFields(cf) };
          const expected = await walk(actors.get(email)!, query, 100, NO_BOUND);
          const bounded = await walk(actors.get(email)!, query, 2, BOUND);
          expect(bounded.ids, `${email} ${sort} ${JSON.stringify(sq)}`).toEqual(expected.ids);
        }
  });

  it('a filtered count stops at the bound and says so ("n+"), exact below it', async () => {
    const adjuster = actors.get('adjuster@example.com')!;
    const f = filters({ queue: 'all', limit: 1, ...asFields({ 'cf.recommendedPayout.min': '0' }) });
    const exact = await listInbox(t.db, adjuster, f, NOW, { scanLimit: NO_BOUND });
    expect(exact.totalCapped).toBe(false);
    expect(exact.total!).toBeGreaterThan(BOUND);
    const bounded = await listInbox(t.db, adjuster, f, NOW, { scanLimit: BOUND });
    expect(bounded.total!).toBeLessThanOrEqual(BOUND);
    expect(bounded.total!).toBeGreaterThanOrEqual(2);
    expect(bounded).toMatchObject({ totalCapped: true, scanLimited: true });
  });

  it("a saved view's rail count is bounded too, and says so", async () => {
    const adjuster = actors.get('adjuster@example.com')!;
    await t.db.insert(s.savedViews).values([
      { ownerId: adjuster.id, name: 'Nothing', queue: 'all', filters: NOTHING },
      { ownerId: adjuster.id, name: 'Unfiltered', queue: 'mine', filters: {} },
    ]);
    const bounded = await listViews(t.db, adjuster, NOW, { scanLimit: BOUND });
    expect(bounded.find((v) => v.name === 'Nothing')).toMatchObject({
      count: 0,
      countCapped: true,
      countScanned: BOUND,
    });
    expect(bounded.find((v) => v.name === 'Unfiltered')).toMatchObject({
      countScanned: null,
    });
    const whole = await listViews(t.db, adjuster, NOW, { scanLimit: NO_BOUND });
    expect(whole.find((v) => v.name === 'Nothing')).toMatchObject({
      count: 0,
      countCapped: false,
      countScanned: null,
    });
  });

  it('hostile case-field values are a 400 naming the field, never a 500', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom("1'; select pg_sleep(10)--", '1e400', '-0', 'NaN', '9'.repeat(40), '\ud800'),
    );
    const param = fc.constantFrom(
      'cf.recommendedPayout.min',
      'cf.incidentDate.from',
      'cf.policyNumber.prefix',
      'cf.policyNumber.eq',
    );
    await fc.assert(
      fc.asyncProperty(param, text, async (p, v) => {
        const r = await call(
          inboxRoute.GET,
          request('GET', `/api/inbox?queue=all&${p}=${encode(v)}`, {
            cookie: cookie.get('adjuster@example.com'),
          }),
          {},
        );
        expect([200, 400]).toContain(r.status);
        if (r.status === 400) {
          const named = Object.keys(r.body.error.fields ?? {});
          expect(named.some((k) => k === p || k === `fields.${p.slice(3)}`)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
