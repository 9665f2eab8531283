import fs from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { useDatabaseForTests } from '../../lib/data/database';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { API_CLIENT_FILE, generateApiClient } from '../../scripts/generate-api-client';
import type { paths } from '../generated/handoff-api';
import { makeToken, routeFetch } from '../helpers/api-v1';
import { createTestDb, type TestDb } from '../helpers/test-db';

/**
 * The generated client keeps the API's promises: its types (tests/generated/handoff-api.ts) are
 * what scripts/generate-api-client.ts makes from the served document today, and a client typed
 * with them (openapi-fetch) searches, claims and completes through the real route handlers.
 */
let t: TestDb;
let api: ReturnType<typeof createClient<paths>>;
beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  const token = await makeToken(t.db, 'Claims CRM', ['tasks:read', 'tasks:write', 'audit:read']);
  api = createClient<paths>({
    baseUrl: 'http://localhost:3000/api/v1',
    fetch: routeFetch,
    headers: { authorization: `Bearer ${token.plaintext}` },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('the generated API types', () => {
  it('are exactly what a fresh generation writes (npm run api:client)', async () => {
    expect(fs.readFileSync(API_CLIENT_FILE, 'utf8')).toBe(await generateApiClient());
  });
});

async function openCase(data: Record<string, unknown>) {
  const intake = createClient<paths>({
    baseUrl: 'http://localhost:3000/api/v1',
    fetch: routeFetch,
    headers: { authorization: 'Bearer demo-intake-token' },
  });
  const { data: opened, error } = await intake.POST('/cases', {
    params: { header: { 'Idempotency-Key': `client-${Math.random()}` } },
    body: {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-777777',
        claimant: { name: `Client Claimant ${Math.random()}`, email: 'c@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: 28200,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
        ...data,
      },
    },
  });
  expect(error).toBeUndefined();
  return opened!.case as { id: string; reference: string };
}

async function openTask(caseId: string) {
  const [row] = await t.db
    .select()
    .from(s.tasks)
    .where(and(eq(s.tasks.caseId, caseId), inArray(s.tasks.status, ['ready', 'claimed'])));
  return row!;
}

describe('a typed client (openapi-fetch) on behalf of the demo adjuster', () => {
  it('searches, claims and completes; the audit says “token … for adjuster@example.com”', async () => {
    const c = await openCase({});
    const found = await api.GET('/tasks', {
      params: { query: { q: c.reference, onBehalfOf: 'adjuster@example.com', queue: 'all' } },
    });
    expect(found.error).toBeUndefined();
    const task = found.data!.tasks[0]!;
    expect(task.case.reference).toBe(c.reference);
    expect(task.status).toBe('ready');

    const claimed = await api.POST('/tasks/{id}/claim', {
      params: { path: { id: task.id } },
      body: { onBehalfOf: 'adjuster@example.com', version: task.version },
    });
    expect(claimed.error).toBeUndefined();
    expect(claimed.data!.task.status).toBe('claimed');

    const detail = await api.GET('/tasks/{id}', { params: { path: { id: task.id } } });
    expect(detail.data!.task.outcomes.map((o) => o.key)).toContain('approve');

    const done = await api.POST('/tasks/{id}/complete', {
      params: { path: { id: task.id } },
      body: {
        onBehalfOf: 'adjuster@example.com',
        outcome: 'approve',
        data: { payoutAmount: 27_700 },
        version: claimed.data!.task.version,
      },
    });
    expect(done.error).toBeUndefined();
    expect(done.data!.task.status).toBe('completed');
    const [row] = await t.db.select().from(s.tasks).where(eq(s.tasks.id, task.id));
    expect(row!.status).toBe('completed');

    const audit = await api.GET('/audit-events', {
      params: { query: { caseId: c.id, action: 'task.' } },
    });
    expect(audit.error).toBeUndefined();
    const labels = audit.data!.events.map((e) => `${e.action} ${e.actorLabel}`);
    expect(labels).toContain('task.claimed token:Claims CRM for adjuster@example.com');
    expect(labels).toContain('task.completed token:Claims CRM for adjuster@example.com');
  });

  it('four eyes and group lines come back as typed errors', async () => {
    const c = await openCase({ damageEstimate: 70_500, coverageLimit: 150_000 });
    const review = await openTask(c.id);
    const who = { onBehalfOf: 'supervisor@example.com' };
    const claimed = await api.POST('/tasks/{id}/claim', {
      params: { path: { id: review.id } },
      body: who,
    });
    const decided = await api.POST('/tasks/{id}/complete', {
      params: { path: { id: review.id } },
      body: { ...who, outcome: 'approve', data: { payoutAmount: 70_000 } },
    });
    expect([claimed.response.status, decided.response.status]).toEqual([200, 200]);
    const approval = await openTask(c.id);
    const refused = await api.POST('/tasks/{id}/claim', {
      params: { path: { id: approval.id } },
      body: who,
    });
    expect(refused.data).toBeUndefined();
    expect(refused.response.status).toBe(403);
    // Typed: `error` is the document's Error schema.
    const code: string | undefined = refused.error?.error.code;
    expect(code).toBe('forbidden');
    expect(refused.error?.error.message).toMatch(/Four eyes/);

    const outsider = await api.POST('/tasks/{id}/claim', {
      params: { path: { id: approval.id } },
      body: { onBehalfOf: 'adjuster@example.com' },
    });
    expect([403, 404]).toContain(outsider.response.status);
    expect(outsider.error?.error.code).toMatch(/forbidden|not_found/);

    const nobody = await api.POST('/tasks/{id}/claim', {
      params: { path: { id: approval.id } },
      body: { onBehalfOf: 'nobody@example.com' },
    });
    expect(nobody.response.status).toBe(400);
    expect(nobody.error?.error.fields?.onBehalfOf).toBeDefined();
  });
});
