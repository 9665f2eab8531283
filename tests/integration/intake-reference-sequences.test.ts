import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import * as s from '../../db/schema';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { autoClaim } from '../../scripts/bench/intake-load';
import { maintainReferenceSequences } from '../../lib/use-cases/maintain-reference-sequences';
import { openCase } from '../../lib/use-cases/open-case';
import { jobs } from '../../cron/jobs';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

/**
 * Case reference sequences made ahead of time (migration 0016): intake draws from a sequence
 * that maintenance made, continuing the numbers already handed out, and only creates one itself
 * for a prefix or year nobody prepared.
 */
let t: TestDb;
const year = new Date().getUTCFullYear();

const sequenceExists = async (name: string) =>
  (await queryRows<{ r: string | null }>(t.db, sql`select to_regclass(${name})::text as r`))[0]!
    .r !== null;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
});
afterAll(async () => {
  await t?.close();
});

describe(`reference sequences on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('makes this year’s and next year’s sequence of every prefix, once', async () => {
    expect(await sequenceExists(`case_ref_clm_${year + 1}`)).toBe(false);
    const made = await maintainReferenceSequences(t.db, new Date());
    expect(made).toEqual(expect.arrayContaining([`CLM ${year + 1}`]));
    expect(await sequenceExists(`case_ref_clm_${year}`)).toBe(true);
    expect(await sequenceExists(`case_ref_clm_${year + 1}`)).toBe(true);
    expect(await maintainReferenceSequences(t.db, new Date())).toEqual([]);
  });

  it('continues the seeded numbers from a sequence made ahead, and starts next year at 1', async () => {
    const [last] = await queryRows<{ reference: string }>(
      t.db,
      sql`select reference from cases where reference like ${`CLM-${year}-%`} order by reference desc limit 1`,
    );
    const [tok] = await t.db.select().from(s.apiTokens).limit(1);
    const actor = { kind: 'token' as const, id: tok!.id, name: tok!.name, scopes: tok!.scopes };
    const now = await openCase(t.db, actor, { caseType: 'auto-claim', data: autoClaim(1) }, 'a');
    expect(now.case.reference).toBe(
      `CLM-${year}-${String(Number(last!.reference.split('-')[2]) + 1).padStart(6, '0')}`,
    );
    const jan = new Date(Date.UTC(year + 1, 0, 1, 0, 5));
    const next = await openCase(
      t.db,
      actor,
      { caseType: 'auto-claim', data: autoClaim(2, { incidentDate: `${year + 1}-01-01` }) },
      'b',
      jan,
    );
    expect(next.case.reference).toBe(`CLM-${year + 1}-000001`);
  });

  it('still creates a sequence nobody prepared (the fallback)', async () => {
    expect(await sequenceExists(`case_ref_clm_${year + 5}`)).toBe(false);
    const [tok] = await t.db.select().from(s.apiTokens).limit(1);
    const actor = { kind: 'token' as const, id: tok!.id, name: tok!.name, scopes: tok!.scopes };
    const later = new Date(Date.UTC(year + 5, 5, 1, 9));
    const opened = await openCase(
      t.db,
      actor,
      { caseType: 'auto-claim', data: autoClaim(3, { incidentDate: `${year + 5}-06-01` }) },
      'c',
      later,
    );
    expect(opened.case.reference).toBe(`CLM-${year + 5}-000001`);
    expect(await sequenceExists(`case_ref_clm_${year + 5}`)).toBe(true);
  });

  it('is a daily scheduler job that makes the next year’s sequence as the year turns', async () => {
    const job = jobs.find((j) => j.name === 'reference-sequences');
    expect(job?.minIntervalMs).toBe(24 * 60 * 60 * 1000);
    expect(job!.enabled()).toBe(true);
    expect(await sequenceExists(`case_ref_clm_${year + 2}`)).toBe(false);
    const newYear = new Date(Date.UTC(year + 1, 0, 1, 0, 1));
    expect(await job!.run(t.db, newYear)).toEqual({ processed: 1 });
    expect(await sequenceExists(`case_ref_clm_${year + 2}`)).toBe(true);
    expect(await job!.run(t.db, newYear)).toEqual({ processed: 0 });
  });
});
