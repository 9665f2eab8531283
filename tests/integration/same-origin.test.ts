import { and, desc, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { resetEnvCache } from '../../lib/env';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as claimRoute from '../../app/api/tasks/[id]/claim/route';
import { call, sessionCookie } from '../helpers/http';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let cookie: string;
let groupId: string;
let caseId: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const [u] = await t.db.select().from(s.users).where(eq(s.users.email, 'adjuster@example.com'));
  cookie = await sessionCookie(u!);
  const [g] = await t.db.select().from(s.groups).where(eq(s.groups.key, 'claims-adjusters'));
  groupId = g!.id;
  caseId = (await t.db.select({ id: s.cases.id }).from(s.cases).limit(1))[0]!.id;
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  delete process.env.HANDOFF_TRUSTED_PROXIES;
  delete process.env.HANDOFF_PUBLIC_URL;
  resetEnvCache();
});

async function readyTask() {
  const [task] = await t.db
    .insert(s.tasks)
    .values({
      caseId,
      stepKey: 'adjuster-review',
      name: 'Same-origin task',
      status: 'ready',
      candidateGroupId: groupId,
      outcomes: [],
    })
    .returning();
  return task!;
}

/**
 * A claim as `next start` hands it to the route: the URL is always built from the server's own
 * name (http://localhost:3000, whatever the person typed), and Next.js fills X-Forwarded-Host and
 * -Proto from Host and the connection when the client sent none (base-server.js), exactly as here.
 */
async function claimVia(headers: Record<string, string>) {
  const task = await readyTask();
  const h: Record<string, string> = {
    cookie,
    'content-type': 'application/json',
    ...headers,
  };
  h['x-forwarded-host'] ??= h.host!;
  h['x-forwarded-proto'] ??= 'http';
  const req = new NextRequest(`http://localhost:3000/api/tasks/${task.id}/claim`, {
    method: 'POST',
    headers: h,
    body: '{}',
  });
  const res = await call(claimRoute.POST, req, { id: task.id });
  const [after] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task.id));
  return { ...res, taskStatus: after!.status };
}

async function lastRefusal() {
  const [e] = await t.db
    .select()
    .from(s.auditEvents)
    .where(and(eq(s.auditEvents.action, 'auth.refused')))
    .orderBy(desc(s.auditEvents.id))
    .limit(1);
  return e;
}

describe('same-origin state changes at whatever address the person used', () => {
  it('accepts localhost', async () => {
    const r = await claimVia({ host: 'localhost:3000', origin: 'http://localhost:3000' });
    expect(r.status).toBe(200);
    expect(r.taskStatus).toBe('claimed');
  });

  it('accepts 127.0.0.1 (the URL Next.js builds still says localhost)', async () => {
    const r = await claimVia({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' });
    expect(r.status).toBe(200);
    expect(r.taskStatus).toBe('claimed');
  });

  it('accepts a LAN address such as the "Network:" URL next start prints', async () => {
    const r = await claimVia({ host: '192.168.1.20:3000', origin: 'http://192.168.1.20:3000' });
    expect(r.status).toBe(200);
    expect(r.taskStatus).toBe('claimed');
  });

  it('accepts a browser that says Sec-Fetch-Site: same-origin behind an undeclared TLS proxy', async () => {
    const r = await claimVia({
      host: 'handoff.example.com',
      origin: 'https://handoff.example.com',
      'sec-fetch-site': 'same-origin',
    });
    expect(r.status).toBe(200);
  });

  it('accepts the host a trusted proxy forwarded, with its scheme', async () => {
    process.env.HANDOFF_TRUSTED_PROXIES = '1';
    resetEnvCache();
    const r = await claimVia({
      host: 'handoff-internal:3000',
      'x-forwarded-host': 'handoff.example.com',
      'x-forwarded-proto': 'https',
      origin: 'https://handoff.example.com',
    });
    expect(r.status).toBe(200);
    expect(r.taskStatus).toBe('claimed');
  });

  it('with a trusted proxy, reads the entry it appended, not one the client sent before it', async () => {
    process.env.HANDOFF_TRUSTED_PROXIES = '1';
    resetEnvCache();
    const r = await claimVia({
      host: 'handoff-internal:3000',
      'x-forwarded-host': 'evil.example, handoff.example.com',
      'x-forwarded-proto': 'https, https',
      origin: 'https://evil.example',
    });
    expect(r.status).toBe(403);
    expect(r.taskStatus).toBe('ready');
  });

  it('ignores a client-sent X-Forwarded-Host without trusted proxies', async () => {
    const r = await claimVia({
      host: 'localhost:3000',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      origin: 'https://evil.example',
    });
    expect(r.status).toBe(403);
    expect(r.taskStatus).toBe('ready');
  });

  it('refuses a real cross-site request and audits it', async () => {
    const r = await claimVia({ host: '127.0.0.1:3000', origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({
      code: 'forbidden',
      message: 'Cross-origin requests are not allowed.',
    });
    expect(r.taskStatus).toBe('ready');
    expect((await lastRefusal())?.summary ?? '').toContain('https://evil.example');
  });

  it('refuses when the browser says cross-site or same-site, even with a matching Origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const r = await claimVia({
        host: 'localhost:3000',
        origin: 'http://localhost:3000',
        'sec-fetch-site': site,
      });
      expect(r.status).toBe(403);
      expect(r.taskStatus).toBe('ready');
    }
  });

  it('refuses Origin: null, another port and another scheme of the same host', async () => {
    for (const origin of ['null', 'http://localhost:4000', 'https://localhost:3000']) {
      const r = await claimVia({ host: 'localhost:3000', origin });
      expect(r.status, origin).toBe(403);
    }
  });

  it('accepts the configured public URL (a link the operator published)', async () => {
    process.env.HANDOFF_PUBLIC_URL = 'https://claims.example.org/';
    resetEnvCache();
    const r = await claimVia({ host: 'localhost:3000', origin: 'https://claims.example.org' });
    expect(r.status).toBe(200);
  });

  it('a bad Host header is no origin at all', async () => {
    const r = await claimVia({ host: 'evil.example/x', origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });
});
