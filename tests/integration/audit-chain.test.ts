import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { checkChains, GENESIS_HASH } from '../../lib/data/audit-chain';
import { recordAudit } from '../../lib/data/audit';
import { seedDemo } from '../../scripts/seed/seed-demo';
import {
  asSuperuserWithoutTriggers,
  createTestDb,
  onPostgres,
  type TestDb,
} from '../helpers/test-db';
import { call, request } from '../helpers/http';
import { useDatabaseForTests } from '../../lib/data/database';
import * as verifyRoute from '../../app/api/v1/cases/[id]/evidence/verify/route';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The audit hash chain (migration 0017): every event is linked into its case's chain (or the
 * global one) by the insert trigger, concurrent writers keep every chain whole, and a superuser's
 * edit, deletion, insertion or reordering is found and the first broken link named.
 */
let t: TestDb;
let caseIds: string[];
const system = { kind: 'system' as const, name: 'engine' as const };

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  useDatabaseForTests(t);
  await seedDemo(t.db, { now: new Date() });
  caseIds = (
    await queryRows<{ id: string }>(
      t.db,
      sql`select c.id from cases c
           where (select count(*) from audit_events e where e.case_id = c.id) >= 4
           order by c.reference`,
    )
  ).map((r) => r.id);
});
afterAll(async () => {
  await t?.close();
});

const eventsOf = (caseId: string) =>
  queryRows<{ id: number | string; seq: number | string; occurred_at: Date | string }>(
    t.db,
    sql`select id, chain_seq as seq, occurred_at from audit_events
         where case_id = ${caseId} order by chain_seq`,
  );

describe(`audit hash chain on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('links every seeded event: each chain starts at 1 from the genesis hash and holds', async () => {
    const report = await checkChains(t.db, 'all');
    expect(report.problems).toEqual([]);
    expect(report.events).toBeGreaterThan(50);
    expect(report.chains).toBeGreaterThan(caseIds.length);
    const firsts = await queryRows<{ prev_hash: string; n: number | string }>(
      t.db,
      sql`select prev_hash, count(*) as n from audit_events where chain_seq = 1 group by 1`,
    );
    expect(firsts).toEqual([{ prev_hash: GENESIS_HASH, n: expect.anything() }]);
    // Heads agree with the newest event of each chain.
    const stray = await queryRows(
      t.db,
      sql`select h.chain from audit_chain_heads h
           where h.seq <> (select max(chain_seq) from audit_events e where e.chain = h.chain)`,
    );
    expect(stray).toEqual([]);
  });

  it('keeps chains whole under concurrent writers on one case and on many', async () => {
    const one = caseIds[0]!;
    const before = (await eventsOf(one)).length;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await recordAudit(tx, system, {
            action: 'test.concurrent',
            entityType: 'case',
            entityId: one,
            caseId: one,
            summary: `writer ${i}`,
          });
          await recordAudit(tx, system, {
            action: 'test.concurrent',
            entityType: 'case',
            entityId: caseIds[1 + (i % 3)]!,
            caseId: caseIds[1 + (i % 3)]!,
            summary: `writer ${i}`,
          });
          await recordAudit(tx, system, {
            action: 'test.global',
            entityType: 'test',
            summary: `writer ${i}`,
          });
        }),
      ),
    );
    const seqs = (await eventsOf(one)).map((e) => Number(e.seq));
    expect(seqs).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
    expect((await checkChains(t.db, 'all')).problems).toEqual([]);
  });

  it('a rolled-back event leaves no gap: the head moves only with a commit', async () => {
    const c = caseIds[4]!;
    const before = await eventsOf(c);
    await t.db
      .transaction(async (tx) => {
        await recordAudit(tx, system, {
          action: 'test.rolled_back',
          entityType: 'case',
          caseId: c,
          summary: 'gone',
        });
        throw new Error('roll back');
      })
      .catch(() => {});
    await recordAudit(t.db, system, {
      action: 'test.after',
      entityType: 'case',
      caseId: c,
      summary: 'kept',
    });
    expect((await eventsOf(c)).length).toBe(before.length + 1);
    expect((await checkChains(t.db, { caseId: c })).problems).toEqual([]);
  });

  it('names the edited event when one byte of it is changed', async () => {
    const c = caseIds[5]!;
    const ev = (await eventsOf(c))[2]!;
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(sql`update audit_events set summary = summary || '.' where id = ${ev.id}`),
    );
    const report = await checkChains(t.db, { caseId: c });
    expect(report.problems[0]).toEqual({
      chain: `case:${c}`,
      seq: 3,
      eventId: Number(ev.id),
      problem: 'content changed',
    });
    // Other cases are untouched.
    expect((await checkChains(t.db, { caseId: caseIds[6]! })).problems).toEqual([]);
  });

  it('finds a deleted event at the place after it', async () => {
    const c = caseIds[6]!;
    const evs = await eventsOf(c);
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(sql`delete from audit_events where id = ${evs[1]!.id}`),
    );
    const report = await checkChains(t.db, { caseId: c });
    expect(report.problems[0]).toMatchObject({
      seq: 3,
      eventId: Number(evs[2]!.id),
      problem: 'event missing before',
    });
  });

  it('finds two events swapped in place', async () => {
    const c = caseIds[7]!;
    const [a, b] = (await eventsOf(c)).slice(1, 3);
    await asSuperuserWithoutTriggers(t.db, async (tx) => {
      await tx.execute(sql`update audit_events set chain_seq = -1 where id = ${a!.id}`);
      await tx.execute(sql`update audit_events set chain_seq = ${a!.seq} where id = ${b!.id}`);
      await tx.execute(sql`update audit_events set chain_seq = ${b!.seq} where id = ${a!.id}`);
    });
    const report = await checkChains(t.db, { caseId: c });
    expect(report.problems[0]).toMatchObject({ seq: 2, problem: 'content changed' });
  });

  it('finds an event inserted into the middle of a chain', async () => {
    const c = caseIds[8]!;
    const evs = await eventsOf(c);
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(
        sql`insert into audit_events (occurred_at, actor_type, actor_label, action, entity_type,
                                      case_id, summary, chain, chain_seq, prev_hash, hash)
            select occurred_at, actor_type, actor_label, 'case.note', entity_type, case_id,
                   'inserted later', chain, chain_seq, prev_hash, hash
              from audit_events where id = ${evs[1]!.id}`,
      ),
    );
    const report = await checkChains(t.db, { caseId: c });
    expect(report.problems[0]).toMatchObject({ seq: 2 });
    expect(report.problems.map((p) => p.problem)).toEqual(
      expect.arrayContaining(['content changed']),
    );
  });

  it('finds the newest event removed (the chain head still names it)', async () => {
    const c = caseIds[9]!;
    const evs = await eventsOf(c);
    const last = evs.at(-1)!;
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(sql`delete from audit_events where id = ${last.id}`),
    );
    const report = await checkChains(t.db, { caseId: c });
    expect(report.problems).toEqual([
      {
        chain: `case:${c}`,
        seq: Number(last.seq),
        eventId: null,
        problem: 'newest events missing',
      },
    ]);
  });

  it('whole-trail check lists the broken chains in order, and only them', async () => {
    const report = await checkChains(t.db, 'all');
    const broken = new Set(report.problems.map((p) => p.chain));
    expect([...broken].sort()).toEqual([5, 6, 7, 8, 9].map((i) => `case:${caseIds[i]!}`).sort());
  });

  it('keeps the chain columns write-once like the rest of the event', async () => {
    const refused = await t.db
      .execute(sql`update audit_events set hash = ${GENESIS_HASH} where case_id = ${caseIds[10]!}`)
      .catch((e: unknown) => e);
    expect(String((refused as { cause?: unknown }).cause ?? refused)).toMatch(/append-only/);
  });

  it('GET /api/v1/cases/:id/evidence/verify says verified, or names the first broken link', async () => {
    const verify = (id: string, bearer = 'demo-intake-token') =>
      call(verifyRoute.GET, request('GET', `/api/v1/cases/${id}/evidence/verify`, { bearer }), {
        id,
      });
    const ok = await verify(caseIds[0]!);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, firstBreak: null, problems: [] });
    expect((ok.body as { events: number }).events).toBeGreaterThan(20);
    const broken = await verify(caseIds[5]!);
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({
      verified: false,
      firstBreak: { chain: `case:${caseIds[5]!}`, seq: 3, problem: 'content changed' },
    });
    expect((await verify('not-a-case')).status).toBe(404);
    expect((await verify('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await verify(caseIds[0]!, 'wrong-token')).status).toBe(401);
  });

  it.skipIf(!onPostgres())(
    'npm run audit:verify exits 0 on a whole chain and 1 naming the break (PostgreSQL: PGlite is single-process)',
    async () => {
      const run = (args: string[]) =>
        promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'scripts/audit-verify.ts', ...args],
          {
            env: { ...process.env, DATABASE_URL: t.url! },
            timeout: 60_000,
          },
        ).then(
          (r) => ({ code: 0, out: r.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
        );
      const [ref] = await queryRows<{ reference: string }>(
        t.db,
        sql`select reference from cases where id = ${caseIds[0]!}`,
      );
      const one = await run(['--case', ref!.reference]);
      expect(one.code).toBe(0);
      expect(one.out).toMatch(/^Verified ✓ case CLM-/);
      const all = await run([]);
      expect(all.code).toBe(1);
      expect(all.out).toContain(`case:${caseIds[5]!}: broken at event 3`);
      expect(all.out).toContain('content changed');
      expect((await run(['--case', 'CLM-1999-000001'])).code).toBe(2);
    },
  );
});
