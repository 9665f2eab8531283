/**
 * The admin audit log as people read it (issue 14): sign-ins left out until asked for, task
 * events naming their case, keyset pages that cover the log without gaps or repeats, and the
 * "What" filter's choices each once — through the real route handler and use-cases, on PGlite
 * and PostgreSQL.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import * as auditRoute from '../../app/api/audit/route';
import { recordAudit, recordAuditMany } from '../../lib/data/audit';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import type { UserActor } from '../../lib/domain/permissions';
import { claimTask } from '../../lib/use-cases/claim-task';
import { signInWithPassword } from '../../lib/use-cases/sign-in-with-password';
import { listAuditActions, listAuditEvents } from '../../lib/use-cases/list-audit-events';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let admin: UserActor;
let adjuster: UserActor;
let adminCookie: string;
/** A ready Claims adjusters task and its case. */
let task: { id: string; caseId: string; version: number };
let reference: string;

type Event = {
  id: number;
  action: string;
  caseRef: { id: string; reference: string } | null;
  taskName: string | null;
};

type Page = { status: number; body: { events: Event[]; nextBefore: number | null } };

async function get(query: string): Promise<Page> {
  return call(auditRoute.GET, request('GET', `/api/audit${query}`, { cookie: adminCookie }), {});
}

/** Every event the API lists for `query`, following `nextBefore` to the end. */
async function everyPage(query: string, limit: number) {
  const ids: number[] = [];
  const events: Event[] = [];
  let before: number | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '';
    const res = await get(`?${query}${sep}limit=${limit}${before ? `&before=${before}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.body.events.length).toBeLessThanOrEqual(limit);
    ids.push(...res.body.events.map((e) => e.id));
    events.push(...res.body.events);
    before = res.body.nextBefore;
    pages++;
  } while (before && pages < 500);
  return { ids, events, pages };
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const users = await t.db.select().from(s.users);
  const byEmail = (e: string) => users.find((u) => u.email === e)!;
  admin = (await loadUserActor(t.db, byEmail('admin@example.com').id))!;
  adjuster = (await loadUserActor(t.db, byEmail('adjuster@example.com').id))!;
  adminCookie = await sessionCookie(byEmail('admin@example.com'));
  // A morning of sign-ins: real ones through the use-case, and a burst recorded directly.
  for (let i = 0; i < 3; i++)
    expect(
      (
        await signInWithPassword(
          t.db,
          { email: 'adjuster@example.com', password: 'handoff-demo', ip: '10.0.0.7' },
          new Date(),
        )
      ).ok,
    ).toBe(true);
  await recordAuditMany(
    t.db,
    adjuster,
    Array.from({ length: 40 }, () => ({
      action: 'auth.signed_in',
      entityType: 'user',
      entityId: adjuster.id,
      summary: 'Signed in',
    })),
  );
  const [g] = await t.db.select().from(s.groups).where(eq(s.groups.key, 'claims-adjusters'));
  const [ready] = await t.db
    .select()
    .from(s.tasks)
    .where(and(eq(s.tasks.candidateGroupId, g!.id), eq(s.tasks.status, 'ready')))
    .limit(1);
  task = { id: ready!.id, caseId: ready!.caseId, version: ready!.version };
  const [c] = await t.db.select().from(s.cases).where(eq(s.cases.id, task.caseId));
  reference = c!.reference;
  await claimTask(t.db, adjuster, { taskId: task.id, expectedVersion: task.version });
});
afterAll(async () => {
  await t?.close();
});

describe('the audit log', () => {
  it('leaves sign-ins out unless asked for, or named by the action filter', async () => {
    const signIns = await t.db.$count(s.auditEvents, eq(s.auditEvents.action, 'auth.signed_in'));
    expect(signIns).toBeGreaterThanOrEqual(43);

    const hidden = await everyPage('', 200);
    expect(hidden.events.filter((e) => e.action.startsWith('auth.signed_'))).toEqual([]);
    expect(hidden.events.length).toBeGreaterThan(0);

    const shown = await everyPage('signIns=1', 200);
    expect(shown.events.filter((e) => e.action === 'auth.signed_in')).toHaveLength(signIns);
    expect(shown.ids.length).toBe(hidden.ids.length + signIns);

    const named = await everyPage('action=auth.signed_in', 200);
    expect(named.ids).toHaveLength(signIns);
    // Refusals and failures are not sign-ins: they stay in the default view.
    await recordAudit(
      t.db,
      { kind: 'anonymous', label: 'ip:10.0.0.9' },
      {
        action: 'auth.sign_in_failed',
        entityType: 'user',
        summary: 'Failed sign-in',
      },
    );
    expect((await get('?limit=5')).body.events[0]!.action).toBe('auth.sign_in_failed');

    const bad = await get('?signIns=maybe');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('signIns');
  });

  it('names the case of every task event, also one recorded with only its task', async () => {
    const claimed = (await get('?action=task.claimed&limit=200')).body.events;
    const mine = claimed.find((e) => e.caseRef?.id === task.caseId);
    expect(mine?.caseRef).toEqual({ id: task.caseId, reference });
    expect(mine?.taskName).toBeTruthy();
    const taskEvents = (await everyPage('action=task.', 200)).events;
    expect(taskEvents.length).toBeGreaterThan(10);
    expect(taskEvents.filter((e) => !e.caseRef)).toEqual([]);

    await recordAudit(t.db, admin, {
      action: 'task.probe',
      entityType: 'task',
      entityId: task.id,
      taskId: task.id,
      summary: 'probe with its task only',
    });
    const [probe] = (await get('?action=task.probe')).body.events;
    expect(probe!.caseRef).toEqual({ id: task.caseId, reference });
  });

  it('pages by keyset: newest first, every event once, no gaps', async () => {
    const all = await t.db
      .select({ id: s.auditEvents.id })
      .from(s.auditEvents)
      .orderBy(sql`${s.auditEvents.occurredAt} desc, ${s.auditEvents.id} desc`);
    const paged = await everyPage('signIns=1', 7);
    expect(paged.ids).toEqual(all.map((r) => r.id));
    expect(paged.pages).toBe(Math.ceil(all.length / 7));
    // A page's cursor is its last (oldest) event; the next page starts right below it.
    const first = await listAuditEvents(t.db, admin, { limit: 5, signIns: true });
    expect(first.nextBefore).toBe(first.events.at(-1)!.id);
    const second = await listAuditEvents(t.db, admin, {
      limit: 5,
      signIns: true,
      before: first.nextBefore!,
    });
    expect(second.events[0]!.id).not.toBe(first.nextBefore);
    expect(Date.parse(String(second.events[0]!.occurredAt))).toBeLessThanOrEqual(
      Date.parse(String(first.events.at(-1)!.occurredAt)),
    );
  });

  it('offers every action once, sorted, as the What filter', async () => {
    const actions = await listAuditActions(t.db, admin);
    const distinct = await t.db
      .selectDistinct({ action: s.auditEvents.action })
      .from(s.auditEvents)
      .orderBy(s.auditEvents.action);
    expect(actions).toEqual(distinct.map((r) => r.action));
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).toContain('auth.signed_in');
    expect(actions).toContain('task.claimed');
  });

  it('is for admins only', async () => {
    await expect(listAuditActions(t.db, adjuster)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listAuditEvents(t.db, adjuster, {})).rejects.toMatchObject({ code: 'forbidden' });
  });
});
