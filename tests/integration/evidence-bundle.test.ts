import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import * as s from '../../db/schema';
import * as evidence from '../../app/api/v1/cases/[id]/evidence/route';
import { parseSigningKeys } from '../../lib/audit-signing';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { verifyBundle, type EvidenceBundle } from '../../lib/evidence/bundle-format';
import { createApiToken } from '../../lib/use-cases/create-api-token';
import { updateSlaPolicy } from '../../lib/use-cases/update-sla-policy';
import { writeAuditCheckpoint } from '../../lib/use-cases/write-audit-checkpoint';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { request, sessionCookie } from '../helpers/http';
import {
  asSuperuserWithoutTriggers,
  createTestDb,
  onPostgres,
  type TestDb,
} from '../helpers/test-db';

/**
 * The evidence bundle (issue 16, point 4): exported from a seeded demo case through the route, it
 * verifies offline; only supervisors and admins get it; the export is audited; and the offline
 * script's exit codes say intact, broken or unreadable.
 */
let t: TestDb;
const cookies = new Map<string, string>();
let caseId: string;
let reference: string;
let auditToken: string;
let adminActor: NonNullable<Awaited<ReturnType<typeof loadUserActor>>>;
const keys = parseSigningKeys(`k1 ${'k'.repeat(40)}`, 'file');
const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-evidence-'));

beforeAll(async () => {
  t = await createTestDb();
  useDatabaseForTests(t);
  await seedDemo(t.db, { now: new Date() });
  for (const u of await t.db.select().from(s.users)) cookies.set(u.email, await sessionCookie(u));
  // A closed case of the claims adjusters (their supervisor sees it; the investigator does not).
  const [c] = await queryRows<{ id: string; reference: string }>(
    t.db,
    sql`select c.id, c.reference from cases c
         where c.status = 'closed'
           and exists (select 1 from tasks k join groups g on g.id = k.candidate_group_id
                        where k.case_id = c.id and g.key = 'claims-adjusters')
           and not exists (select 1 from tasks k join groups g on g.id = k.candidate_group_id
                            where k.case_id = c.id and g.key = 'special-investigations')
           and not exists (select 1 from tasks k join users u on u.id = k.assignee_id
                            where k.case_id = c.id and u.email = 'siu@example.com')
         order by c.reference limit 1`,
  );
  caseId = c!.id;
  reference = c!.reference;
  expect(await writeAuditCheckpoint(t.db, new Date(), keys)).toBeGreaterThan(0);
  const [admin] = await t.db
    .select()
    .from(s.users)
    .where(sql`email = 'admin@example.com'`);
  adminActor = (await loadUserActor(t.db, admin!.id))!;
  auditToken = (
    await createApiToken(t.db, adminActor, {
      name: 'auditor',
      scopes: ['cases:read', 'audit:read'],
    })
  ).plaintext;
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function exportAs(opts: { email?: string; bearer?: string; id?: string }) {
  const id = opts.id ?? caseId;
  const res = await evidence.GET(
    request('GET', `/api/v1/cases/${encodeURIComponent(id)}/evidence`, {
      cookie: opts.email ? cookies.get(opts.email) : undefined,
      bearer: opts.bearer,
    }),
    { params: Promise.resolve({ id }) },
  );
  const text = await res.text();
  return { res, text, body: text ? JSON.parse(text) : null };
}

const chainEvents = async (id: string) =>
  Number(
    (
      await queryRows<{ n: number | string }>(
        t.db,
        sql`select count(*) as n from audit_events where chain = ${`case:${id}`}`,
      )
    )[0]!.n,
  );

function verifyScript(file: string) {
  const r = spawnSync(
    path.join(root, 'node_modules/.bin/tsx'),
    ['scripts/verify-bundle.ts', file],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe(`the evidence bundle on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('gives a supervisor an attachment that verifies offline, and audits the export', async () => {
    const before = await chainEvents(caseId);
    const { res, text, body } = await exportAs({ email: 'supervisor@example.com' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence-${reference}.json"`,
    );
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const bundle = body as EvidenceBundle;
    expect(verifyBundle(JSON.parse(text))).toMatchObject({
      intact: true,
      events: before,
      signatures: 'not checked offline',
    });
    expect(bundle.case).toMatchObject({ id: caseId, reference, status: 'closed' });
    expect(bundle.case.closedAt).not.toBeNull();
    expect(bundle.tasks.length).toBeGreaterThan(0);
    expect(bundle.tasks.some((k) => k.outcome && k.completedBy && k.sla)).toBe(true);
    expect(bundle.slaPolicyVersions.length).toBeGreaterThan(0);
    expect(bundle.routing.decisions.length).toBeGreaterThan(0);
    const ruled = bundle.routing.decisions.filter((d) => d.ruleId);
    for (const d of ruled)
      expect(bundle.routing.ruleVersions).toContainEqual(
        expect.objectContaining({ ruleId: d.ruleId, version: d.ruleVersion }),
      );
    expect(bundle.checkpoints.length).toBeGreaterThan(0);
    expect(bundle.checkpoints[0]!.heads).not.toBeNull();
    // The export's own event follows the bundled ones in the case's chain.
    expect(await chainEvents(caseId)).toBe(before + 1);
    const [last] = await queryRows<{ action: string; actor_label: string; metadata: unknown }>(
      t.db,
      sql`select action, actor_label, metadata from audit_events
           where chain = ${`case:${caseId}`} order by chain_seq desc limit 1`,
    );
    expect(last).toMatchObject({
      action: 'case.evidence_exported',
      actor_label: 'supervisor@example.com',
      metadata: { digest: bundle.digest.value, events: before },
    });
  });

  it('lets admins and tokens with audit:read export; refuses adjusters (403) and strangers (404)', async () => {
    const admin = await exportAs({ email: 'admin@example.com' });
    expect(admin.res.status).toBe(200);
    expect(verifyBundle(admin.body).intact).toBe(true);
    expect((await exportAs({ bearer: auditToken })).res.status).toBe(200);
    expect((await exportAs({ bearer: 'demo-intake-token' })).res.status).toBe(403);
    const adjuster = await exportAs({ email: 'adjuster@example.com' });
    expect(adjuster.res.status).toBe(403);
    expect(adjuster.body.error.code).toBe('forbidden');
    expect((await exportAs({ email: 'siu@example.com' })).res.status).toBe(404);
    expect((await exportAs({})).res.status).toBe(401);
    expect((await exportAs({ email: 'admin@example.com', id: 'not-a-case' })).res.status).toBe(404);
    const nul = await exportAs({ email: 'admin@example.com', id: 'x\u0000y' });
    expect(nul.res.status).toBe(400);
    expect(Object.keys(nul.body.error.fields)).toEqual(['id']);
    const [refused] = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from audit_events
           where action = 'auth.refused' and case_id = ${caseId}
             and metadata ->> 'attemptedAction' = 'case.export_evidence'`,
    );
    expect(Number(refused!.n)).toBe(1);
  });

  it('the offline script: 0 intact, 1 with one byte changed, 2 for what is not a bundle', async () => {
    const { text } = await exportAs({ email: 'admin@example.com' });
    const good = path.join(tmp, 'good.json');
    fs.writeFileSync(good, text);
    const ok = verifyScript(good);
    expect(ok.out).toMatch(/Intact/);
    expect(ok.code).toBe(0);
    // One byte of the case's reference: outside the chain, caught by the digest.
    const at = text.indexOf(reference) + reference.length - 1;
    const flipped = `${text.slice(0, at)}${text[at] === '9' ? '8' : '9'}${text.slice(at + 1)}`;
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, flipped);
    const broken = verifyScript(bad);
    expect(broken.out).toMatch(/Broken/);
    expect(broken.code).toBe(1);
    const junk = path.join(tmp, 'junk.json');
    fs.writeFileSync(junk, '{"format":"something else"}');
    expect(verifyScript(junk).code).toBe(2);
    fs.writeFileSync(junk, 'not json');
    expect(verifyScript(junk).code).toBe(2);
  });

  it('names the SLA policy version a task was created under, after the policy changed', async () => {
    const first = (await exportAs({ email: 'admin@example.com' })).body as EvidenceBundle;
    const task = first.tasks.find((k) => k.sla)!;
    const [p] = await t.db
      .select()
      .from(s.slaPolicies)
      .where(sql`id = ${task.sla!.policyId}`);
    await updateSlaPolicy(t.db, adminActor, p!.id, {
      due: { amount: 9, unit: 'business_days' },
      reminder: null,
      escalations: [],
      version: p!.version,
    });
    const later = (await exportAs({ email: 'admin@example.com' })).body as EvidenceBundle;
    expect(verifyBundle(later).intact).toBe(true);
    const same = later.tasks.find((k) => k.id === task.id)!;
    expect(same.sla).toEqual(task.sla);
    expect(later.slaPolicyVersions).toContainEqual(
      expect.objectContaining({
        policyId: p!.id,
        version: p!.version,
        due: p!.due,
        source: 'audit',
      }),
    );
  });

  it('a superuser edit in the database shows in the exported bundle', async () => {
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(
        sql`update audit_events set summary = summary || '.'
             where chain = ${`case:${caseId}`} and chain_seq = 2`,
      ),
    );
    const { body } = await exportAs({ email: 'admin@example.com' });
    const v = verifyBundle(body);
    expect(v.intact).toBe(false);
    expect(v.firstBreak).toMatchObject({ seq: 2, problem: 'content changed' });
  });
});
