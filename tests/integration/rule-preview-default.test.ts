/**
 * The rule preview names where a case goes when no rule matches (issue 14): "no rule matched —
 * default queue: Claims adjusters", not "no rule (default)". Through the route handler, on
 * PGlite and PostgreSQL.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import * as previewRoute from '../../app/api/admin/rules/preview/route';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { listRules } from '../../lib/use-cases/list-rules';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let adminCookie: string;
let rules: Awaited<ReturnType<typeof listRules>>['rules'];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, 'admin@example.com'));
  adminCookie = await sessionCookie(u!);
  rules = (await listRules(t.db, (await loadUserActor(t.db, u!.id))!)).rules;
});
afterAll(async () => {
  await t?.close();
});

describe('the rule preview', () => {
  it('names the default queue of cases no rule would catch any more', async () => {
    const r = rules.find((x) => x.name === 'Payout 5,001–50,000')!;
    const res = await call(
      previewRoute.POST,
      request('POST', '/api/admin/rules/preview', {
        cookie: adminCookie,
        body: {
          draft: {
            caseType: 'auto-claim',
            ruleId: r.id,
            name: r.name,
            condition: r.condition,
            actions: r.actions,
            active: false,
          },
        },
      }),
      {},
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const changed = res.body.changed as { before: string; after: string }[];
    expect(changed.length).toBeGreaterThan(0);
    for (const c of changed) {
      expect(c.before).toBe('Adjuster review · Claims adjusters (rule "Payout 5,001–50,000" v1)');
      expect(c.after).toBe('Adjuster review (no rule matched — default queue: Claims adjusters)');
    }
    expect(JSON.stringify(res.body)).not.toContain('no rule (default)');
  });
});
