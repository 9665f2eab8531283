import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as caseVerify from '../../app/api/cases/[id]/verify/route';
import * as trailVerify from '../../app/api/audit/verify/route';
import { call, request, sessionCookie } from '../helpers/http';
import {
  asSuperuserWithoutTriggers,
  createTestDb,
  onPostgres,
  type TestDb,
} from '../helpers/test-db';

/**
 * The badges' routes: GET /api/cases/:id/verify (anyone who may read the case) and
 * GET /api/audit/verify (admins), before and after a superuser edits one event.
 */
let t: TestDb;
const cookies = new Map<string, string>();
let adjuster: { id: string };
let visible: string;
let hidden: string;

beforeAll(async () => {
  t = await createTestDb();
  useDatabaseForTests(t);
  await seedDemo(t.db, { now: new Date() });
  for (const u of await t.db.select().from(s.users)) cookies.set(u.role, await sessionCookie(u));
  const [a] = await queryRows<{ id: string }>(
    t.db,
    sql`select id from users where role = 'adjuster' order by email limit 1`,
  );
  adjuster = a!;
  for (const u of await t.db.select().from(s.users))
    if (u.id === adjuster.id) cookies.set('adjuster', await sessionCookie(u));
  // A case the adjuster works (a task in one of their groups) and one they cannot see.
  const seen = sql`exists (select 1 from tasks k join group_memberships m
                            on m.group_id = k.candidate_group_id and m.user_id = ${adjuster.id}
                           where k.case_id = c.id)
                   or exists (select 1 from tasks k where k.case_id = c.id and k.assignee_id = ${adjuster.id})`;
  const [v] = await queryRows<{ id: string }>(
    t.db,
    sql`select c.id from cases c where ${seen} order by c.reference limit 1`,
  );
  const [h] = await queryRows<{ id: string }>(
    t.db,
    sql`select c.id from cases c where not (${seen}) order by c.reference limit 1`,
  );
  visible = v!.id;
  hidden = h!.id;
});
afterAll(async () => {
  await t?.close();
});

const verifyCase = (id: string, role: string) =>
  call(caseVerify.GET, request('GET', `/api/cases/${id}/verify`, { cookie: cookies.get(role) }), {
    id,
  });
const verifyAll = (role?: string) =>
  call(
    trailVerify.GET,
    request('GET', '/api/audit/verify', { cookie: role ? cookies.get(role) : undefined }),
    {},
  );

describe(`the audit trail badges' routes on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('verify a readable case for its reader, and hide the others', async () => {
    const ok = await verifyCase(visible, 'adjuster');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, firstBreak: null });
    expect(ok.body.events).toBeGreaterThan(1);
    expect((await verifyCase(hidden, 'adjuster')).status).toBe(404);
    expect((await verifyCase(hidden, 'admin')).status).toBe(200);
    const nul = await verifyCase('x\u0000y', 'admin');
    expect(nul.status).toBe(400);
    expect(Object.keys(nul.body.error.fields)).toEqual(['id']);
    expect((await verifyCase('not-a-case', 'admin')).status).toBe(404);
    expect((await verifyCase(visible, 'nobody')).status).toBe(401);
  });

  it('verify the whole trail for admins only', async () => {
    expect((await verifyAll()).status).toBe(401);
    expect((await verifyAll('adjuster')).status).toBe(403);
    expect((await verifyAll('supervisor')).status).toBe(403);
    const ok = await verifyAll('admin');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, problems: [] });
  });

  it('name the first broken event once a superuser edits one', async () => {
    const [third] = await queryRows<{ id: number | string }>(
      t.db,
      sql`select id from audit_events where case_id = ${visible} and chain_seq = 2`,
    );
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(sql`update audit_events set summary = summary || '.' where id = ${third!.id}`),
    );
    const broken = await verifyCase(visible, 'adjuster');
    expect(broken.body).toMatchObject({
      verified: false,
      firstBreak: { chain: `case:${visible}`, seq: 2, problem: 'content changed' },
    });
    const all = await verifyAll('admin');
    expect(all.body).toMatchObject({
      verified: false,
      firstBreak: { chain: `case:${visible}`, seq: 2, eventId: Number(third!.id) },
    });
    expect((await verifyCase(hidden, 'admin')).body.verified).toBe(true);
  });
});
