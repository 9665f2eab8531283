import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as s from '../../db/schema';
import { seedDemo, DEMO_TOKEN } from '../../scripts/seed/seed-demo';
import { autoClaim } from '../../scripts/bench/intake-load';
import { useDatabaseForTests } from '../../lib/data/database';
import { currentConfig, loadConfigSnapshot, readConfigVersion } from '../../lib/data/config-cache';
import { loadCurrentRules, loadSlaPolicy } from '../../lib/data/definitions';
import * as casesRoute from '../../app/api/v1/cases/route';
import { call, request } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

/**
 * The intake config cache (lib/data/config-cache.ts): one consistent read of the config, the
 * same rules and policies the engine's own loaders give, and no stale config when the version
 * row it relies on is gone.
 */
let t: TestDb;
let seq = 0;

beforeAll(async () => {
  t = await createTestDb({ max: 8 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
});
afterAll(async () => {
  await t?.close();
});

function open(data: unknown) {
  return call(
    casesRoute.POST,
    request('POST', '/api/v1/cases', {
      bearer: DEMO_TOKEN,
      headers: { 'idempotency-key': `config-cache-${++seq}` },
      body: { caseType: 'auto-claim', data },
    }),
    {},
  );
}

describe(`config cache on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('loads the config in one repeatable-read, read-only transaction, with its version', async () => {
    const spy = vi.spyOn(t.db, 'transaction');
    try {
      const snapshot = await loadConfigSnapshot(t.db);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![1]).toEqual({
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      });
      expect(snapshot.version).toBe(await readConfigVersion(t.db));
    } finally {
      spy.mockRestore();
    }
  });

  it('holds what the engine’s own loaders read: rules in order, SLA policies with calendars', async () => {
    const snapshot = await loadConfigSnapshot(t.db);
    const { caseType } = snapshot.caseTypeByKey.get('auto-claim')!;
    const rules = snapshot.rulesByCaseType.get(caseType.id)!;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules).toEqual(await loadCurrentRules(t.db, caseType.id));
    for (const [key, loaded] of snapshot.slaByKey) {
      const single = (await loadSlaPolicy(t.db, key))!;
      expect(loaded).toEqual(single);
    }
  });

  it('never serves a stale config when the version row is deleted', async () => {
    const fraudy = () => autoClaim(++seq, { fraudScore: 0.95 });
    expect((await open(fraudy())).body.case.tasks[0].name).toBe('Fraud review');
    const [version] = await t.db.select().from(s.configVersions);
    await t.db.delete(s.configVersions).where(eq(s.configVersions.id, 1));
    try {
      const rule = (await open(fraudy())).body.case.tasks[0].routing.ruleId as string;
      await t.db.execute(sql`update routing_rules set active = false where id = ${rule}`);
      expect((await open(fraudy())).body.case.tasks[0].name).toBe('Adjuster review');
      await t.db.execute(sql`update routing_rules set active = true where id = ${rule}`);
      expect((await open(fraudy())).body.case.tasks[0].name).toBe('Fraud review');
      expect((await currentConfig(t.db)).version).toBeNull();
    } finally {
      await t.db.insert(s.configVersions).values(version!);
    }
    // With the row back, the cache is used again and still follows edits.
    const rule = (await open(fraudy())).body.case.tasks[0].routing.ruleId as string;
    await t.db.update(s.routingRules).set({ active: false }).where(eq(s.routingRules.id, rule));
    expect((await open(fraudy())).body.case.tasks[0].name).toBe('Adjuster review');
    await t.db.update(s.routingRules).set({ active: true }).where(eq(s.routingRules.id, rule));
  });
});
