/**
 * Outbound events (webhooks) end to end against a real receiver (node:http on 127.0.0.1):
 * the outbox written with the change, signed delivery, per-case order, retries with backoff,
 * timeouts, the dead-letter list and replay, two senders at once, a sender killed mid-delivery,
 * rollback, and the admin routes' authorization and hostile input.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, gt, inArray, max } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { recordAudit } from '../../lib/data/audit';
import { claimDueDeliveries, finishDelivery } from '../../lib/data/webhooks';
import { useDatabaseForTests } from '../../lib/data/database';
import { loadUserActor } from '../../lib/data/users';
import { invalidateWebhookSubscriptions } from '../../lib/webhooks/outbox';
import type { TokenActor, UserActor } from '../../lib/domain/permissions';
import { resetEnvCache } from '../../lib/env';
import { claimTask } from '../../lib/use-cases/claim-task';
import { completeTask } from '../../lib/use-cases/complete-task';
import { deliverWebhooks } from '../../lib/use-cases/deliver-webhooks';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { openCase } from '../../lib/use-cases/open-case';
import { verifyWebhookSignature } from '../../lib/webhooks/signature';
import { seedDemo } from '../../scripts/seed/seed-demo';
import * as listRoute from '../../app/api/admin/webhooks/route';
import * as oneRoute from '../../app/api/admin/webhooks/[id]/route';
import * as rotateRoute from '../../app/api/admin/webhooks/[id]/rotate-secret/route';
import * as deadRoute from '../../app/api/admin/webhooks/dead-letters/route';
import * as replayRoute from '../../app/api/admin/webhooks/dead-letters/replay/route';
import { call, request, sessionCookie } from '../helpers/http';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE = 'yes';
process.env.HANDOFF_WEBHOOK_TIMEOUT_SECONDS = '1';
process.env.HANDOFF_WEBHOOK_BACKOFF_BASE_SECONDS = '2';
process.env.HANDOFF_WEBHOOK_BACKOFF_MAX_SECONDS = '4';
process.env.HANDOFF_WEBHOOK_MAX_ATTEMPTS = '4';
resetEnvCache();

type Received = {
  eventId: string;
  type: string;
  attempt: number;
  verified: boolean;
  header: string;
  body: Record<string, unknown>;
  raw: string;
};
/** What the receiver answers next, per event id; default 200. 'hang' never answers. */
const script = new Map<string, (number | 'hang')[]>();
const received: Received[] = [];
let secrets: string[] = [];
let onRequest: (() => void) | null = null;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const eventId = String(req.headers['handoff-event-id']);
    received.push({
      eventId,
      type: String(req.headers['handoff-event-type']),
      attempt: Number(req.headers['handoff-delivery-attempt']),
      header: String(req.headers['handoff-signature']),
      verified: secrets.some(
        (secret) =>
          verifyWebhookSignature({
            header: req.headers['handoff-signature'] as string,
            body: raw,
            secret,
          }).ok,
      ),
      body: JSON.parse(raw),
      raw,
    });
    onRequest?.();
    const next = script.get(eventId)?.shift() ?? 200;
    if (next === 'hang') return;
    res.writeHead(next, { 'content-type': 'text/plain' }).end(next === 200 ? 'ok' : 'boom');
  });
});

let t: TestDb;
let token: TokenActor;
let receiverUrl = '';
const cookie = new Map<string, string>();
const actors = new Map<string, UserActor>();
let seq = 0;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  useDatabaseForTests(t);
  for (const u of await t.db.select().from(s.users)) {
    cookie.set(u.email, await sessionCookie(u));
    actors.set(u.email, (await loadUserActor(t.db, u.id))!);
  }
  const [tok] = await t.db.select().from(s.apiTokens);
  token = { kind: 'token', id: tok!.id, name: tok!.name, scopes: tok!.scopes };
}, 120_000);
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await t?.close();
});
beforeEach(async () => {
  // Each test starts with no subscriptions and nothing in the outbox.
  // eslint-disable-next-line drizzle/enforce-delete-with-where -- every subscription, on purpose
  await t.db.delete(s.webhookSubscriptions);
  invalidateWebhookSubscriptions(t.db);
  received.length = 0;
  script.clear();
  secrets = [];
});

type Handler = Parameters<typeof call>[0];
const send = (
  handler: unknown,
  method: string,
  path: string,
  body?: unknown,
  who: string | null = 'admin@example.com',
  params: Record<string, string> = {},
) =>
  call(
    handler as Handler,
    request(method, path, { cookie: who ? cookie.get(who) : undefined, body }),
    params,
  );

async function subscribe(eventTypes: string[], extra: Record<string, unknown> = {}) {
  const r = await send(listRoute.POST, 'POST', '/api/admin/webhooks', {
    name: `Receiver ${++seq}`,
    url: receiverUrl,
    eventTypes,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  secrets.push(r.body.secret);
  return r.body as { subscription: { id: string }; secret: string };
}

async function openOne() {
  const res = await openCase(
    t.db,
    token,
    {
      caseType: 'auto-claim',
      data: {
        policyNumber: 'POL-123456',
        claimant: { name: `Webhook Person ${++seq}`, email: 'private@example.com' },
        incidentDate: new Date().toISOString().slice(0, 10),
        damageEstimate: 12000,
        deductible: 500,
        coverageLimit: 100000,
        fraudScore: 0.1,
      },
    },
    `wh-${seq}-${Math.random()}`,
  );
  return { caseId: res.case.id, taskId: res.case.tasks[0]!.id };
}

async function complete(taskId: string) {
  const a1 = actors.get('adjuster@example.com')!;
  const claimed = await claimTask(t.db, a1, { taskId });
  await completeTask(t.db, a1, {
    taskId,
    outcome: 'deny',
    data: { reason: 'Duplicate claim' },
    expectedVersion: claimed.version,
  });
}

const deliveries = (subscriptionId: string) =>
  t.db
    .select()
    .from(s.webhookDeliveries)
    .where(eq(s.webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(s.webhookDeliveries.seq);

/** Runs the sender at `offsetMs` after real now (backoff times are simulated that way). */
const deliverAt = (offsetMs = 0, options: Parameters<typeof deliverWebhooks>[2] = {}) => {
  const at = () => new Date(Date.now() + offsetMs);
  return deliverWebhooks(t.db, at(), { clock: at, random: () => 1, ...options });
};

describe('delivery', () => {
  it('a task completion delivers a signed task.completed with the documented envelope and no case data', async () => {
    const sub = await subscribe(['task.completed']);
    const { caseId, taskId } = await openOne();
    expect(await deliveries(sub.subscription.id)).toHaveLength(0);
    await complete(taskId);
    const [row] = await deliveries(sub.subscription.id);
    expect(row).toMatchObject({ status: 'pending', eventType: 'task.completed', caseId });
    await deliverAt();
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got).toMatchObject({ type: 'task.completed', attempt: 1, verified: true });
    expect(got.eventId).toBe(row!.eventId);
    expect(got.body).toMatchObject({
      id: row!.eventId,
      type: 'task.completed',
      caseType: 'auto-claim',
      case: { id: caseId },
      task: { id: taskId, status: 'completed' },
      data: { after: { outcome: 'deny' } },
    });
    expect(typeof (got.body.case as { reference: string }).reference).toBe('string');
    expect(new Date(got.body.occurredAt as string).getTime()).not.toBeNaN();
    // Nothing a cases:read token could not read: no claimant, no form data, no people.
    expect(got.raw).not.toMatch(/Webhook Person|private@example.com|Duplicate claim|adjuster@/);
    const [after] = await deliveries(sub.subscription.id);
    expect(after).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
  });

  it('holds one case’s events in order while an earlier one is retried; other cases go on', async () => {
    const sub = await subscribe(['case.opened', 'task.created', 'task.claimed', 'task.completed']);
    const a = await openOne();
    await complete(a.taskId);
    const b = await openOne();
    const rowsA = (await deliveries(sub.subscription.id)).filter((r) => r.caseId === a.caseId);
    expect(rowsA.map((r) => r.eventType).slice(0, 4)).toEqual([
      'case.opened',
      'task.created',
      'task.claimed',
      'task.completed',
    ]);
    script.set(rowsA[0]!.eventId, [500, 500]);
    await deliverAt(0);
    // Case A's first event failed; its later ones waited. Case B was delivered.
    expect(
      received.filter((r) => r.body.case && (r.body.case as { id: string }).id === a.caseId),
    ).toHaveLength(1);
    expect(received.some((r) => (r.body.case as { id: string }).id === b.caseId)).toBe(true);
    for (let i = 1; i <= 4; i++) await deliverAt(i * 5_000);
    const okA = received.filter((r, i) => {
      const next = received.slice(i + 1).find((x) => x.eventId === r.eventId);
      return (r.body.case as { id: string }).id === a.caseId && !next;
    });
    expect(okA.map((r) => r.eventId)).toEqual(rowsA.map((r) => r.eventId));
    expect(received.filter((r) => r.eventId === rowsA[0]!.eventId).map((r) => r.attempt)).toEqual([
      1, 2, 3,
    ]);
    expect(received.every((r) => r.verified)).toBe(true);
  });

  it('a receiver answering 500 three times then 200 is retried with growing backoff, then delivered', async () => {
    const sub = await subscribe(['task.created']);
    await openOne();
    const [row] = await deliveries(sub.subscription.id);
    script.set(row!.eventId, [500, 500, 500]);
    const nextTimes: number[] = [];
    let offset = 0;
    for (let i = 0; i < 3; i++) {
      await deliverAt(offset);
      const [r] = await deliveries(sub.subscription.id);
      expect(r).toMatchObject({ status: 'pending', attempts: i + 1, lastStatusCode: 500 });
      expect(r!.lastError).toContain('HTTP 500');
      nextTimes.push(r!.nextAttemptAt.getTime() - (Date.now() + offset));
      // Not due yet: a run right away sends nothing.
      const before = received.length;
      await deliverAt(offset);
      expect(received.length).toBe(before);
      offset += 10_000;
    }
    // random = 1: the full ceiling, 2 s, 4 s, then capped at 4 s.
    expect(nextTimes[0]!).toBeGreaterThan(1_000);
    expect(nextTimes[1]!).toBeGreaterThan(nextTimes[0]!);
    await deliverAt(offset);
    const [done] = await deliveries(sub.subscription.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 4, lastStatusCode: 200 });
    expect(received.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
  });

  it('a receiver that does not answer within the timeout is retried', async () => {
    const sub = await subscribe(['task.created']);
    await openOne();
    const [row] = await deliveries(sub.subscription.id);
    script.set(row!.eventId, ['hang']);
    const started = Date.now();
    await deliverAt(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    const [r] = await deliveries(sub.subscription.id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(r!.lastError).toMatch(/timed out/);
    await deliverAt(10_000);
    expect((await deliveries(sub.subscription.id))[0]).toMatchObject({ status: 'delivered' });
    // The next test's first POST may reuse one of these closed sockets: the sender sends again on
    // a new connection (lib/webhooks/send.test.ts).
    server.closeAllConnections();
  });

  it('after the last attempt a delivery is dead; the dead-letter list shows it; replay delivers it', async () => {
    const sub = await subscribe(['task.created']);
    await openOne();
    const [row] = await deliveries(sub.subscription.id);
    script.set(row!.eventId, [503, 503, 503, 503]);
    for (let i = 0; i < 4; i++) await deliverAt(i * 10_000);
    const [dead] = await deliveries(sub.subscription.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, lastStatusCode: 503 });
    const list = await send(deadRoute.GET, 'GET', '/api/admin/webhooks/dead-letters');
    expect(list.status).toBe(200);
    expect(list.body.deliveries.map((d: { id: string }) => d.id)).toContain(row!.id);
    expect(list.body.deliveries[0].lastError).toContain('503');
    // Dead rows are not sent again.
    await deliverAt(100_000);
    expect(received).toHaveLength(4);
    const replay = await send(replayRoute.POST, 'POST', '/api/admin/webhooks/dead-letters/replay', {
      ids: [row!.id],
    });
    expect(replay.status).toBe(200);
    expect(replay.body.replayed).toEqual([row!.id]);
    expect((await deliveries(sub.subscription.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    const [audit] = await t.db
      .select()
      .from(s.auditEvents)
      .where(
        and(
          eq(s.auditEvents.action, 'webhook.delivery_replayed'),
          eq(s.auditEvents.entityId, row!.id),
        ),
      );
    expect(audit).toBeDefined();
    await deliverAt(0);
    expect((await deliveries(sub.subscription.id))[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
    });
    expect(received.at(-1)).toMatchObject({ eventId: row!.eventId, attempt: 1, verified: true });
  });

  it('two senders in parallel deliver every event exactly once', async () => {
    const sub = await subscribe(['case.opened', 'task.created']);
    for (let i = 0; i < 15; i++) await openOne();
    const rows = await deliveries(sub.subscription.id);
    expect(rows).toHaveLength(30);
    await Promise.all([deliverAt(0, { batchSize: 4 }), deliverAt(0, { batchSize: 4 })]);
    const ids = received.map((r) => r.eventId).sort();
    expect(ids).toEqual(rows.map((r) => r.eventId).sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect((await deliveries(sub.subscription.id)).every((r) => r.status === 'delivered')).toBe(
      true,
    );
  });

  it('a disabled subscription gets no new events and its pending ones wait; a rotated secret signs', async () => {
    const sub = await subscribe(['task.created']);
    await openOne();
    const off = await send(
      oneRoute.PATCH,
      'PATCH',
      `/api/admin/webhooks/${sub.subscription.id}`,
      { active: false },
      'admin@example.com',
      { id: sub.subscription.id },
    );
    expect(off.status).toBe(200);
    await openOne();
    expect(await deliveries(sub.subscription.id)).toHaveLength(1);
    await deliverAt(0);
    expect(received).toHaveLength(0);
    await send(
      oneRoute.PATCH,
      'PATCH',
      `/api/admin/webhooks/${sub.subscription.id}`,
      { active: true },
      'admin@example.com',
      { id: sub.subscription.id },
    );
    const rotated = await send(
      rotateRoute.POST,
      'POST',
      `/api/admin/webhooks/${sub.subscription.id}/rotate-secret`,
      {},
      'admin@example.com',
      { id: sub.subscription.id },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    secrets = [rotated.body.secret];
    await deliverAt(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.verified).toBe(true);
  });

  it('a rotation with an overlap signs with both secrets until it ends; 0 stops the old one at once; no secret is ever shown again', async () => {
    const sub = await subscribe(['task.created']);
    const id = sub.subscription.id;
    const old = sub.secret;
    const rotate = (body: unknown) =>
      send(rotateRoute.POST, 'POST', `/api/admin/webhooks/${id}/rotate-secret`, body, undefined, {
        id,
      });
    /** Which of the secrets verify the nth delivery received (at its own signing time). */
    const verifiedBy = (n: number, ...keys: string[]) => {
      const r = received[n]!;
      const t = Number(/t=(\d+)/.exec(r.header)![1]);
      return keys.map(
        (secret) =>
          verifyWebhookSignature({ header: r.header, body: r.raw, secret, nowSeconds: t }).ok,
      );
    };
    const v1s = (n: number) => received[n]!.header.split(',').filter((p) => p.startsWith('v1='));

    const r1 = await rotate({ previousSecretValidHours: 2 });
    expect(r1.status).toBe(200);
    const fresh = r1.body.secret as string;
    expect(fresh).not.toBe(old);
    const until = new Date(r1.body.subscription.previousSecretExpiresAt).getTime();
    expect(Math.abs(until - (Date.now() + 2 * 3_600_000))).toBeLessThan(60_000);
    await openOne();
    await deliverAt(0);
    expect(v1s(0)).toHaveLength(2);
    expect(verifiedBy(0, old, fresh)).toEqual([true, true]);
    // The admin API shows neither secret, only the new one's first letters.
    const listed = await send(listRoute.GET, 'GET', '/api/admin/webhooks');
    const one = await send(oneRoute.GET, 'GET', `/api/admin/webhooks/${id}`, undefined, undefined, {
      id,
    });
    for (const text of [JSON.stringify(listed.body), JSON.stringify(one.body)]) {
      expect(text).not.toContain(old);
      expect(text).not.toContain(fresh);
    }
    expect(one.body.subscription.previousSecretExpiresAt).toBe(
      r1.body.subscription.previousSecretExpiresAt,
    );

    // Three hours later the overlap has ended: only the new secret signs.
    await openOne();
    await deliverAt(3 * 3_600_000);
    expect(v1s(1)).toHaveLength(1);
    expect(verifiedBy(1, old, fresh)).toEqual([false, true]);

    // A leaked secret: 0 stops it at once.
    const r2 = await rotate({ previousSecretValidHours: 0 });
    expect(r2.status).toBe(200);
    expect(r2.body.subscription.previousSecretExpiresAt).toBeNull();
    const newest = r2.body.secret as string;
    await openOne();
    await deliverAt(0);
    expect(v1s(2)).toHaveLength(1);
    expect(verifiedBy(2, fresh, newest)).toEqual([false, true]);
    const audits = await t.db
      .select({ summary: s.auditEvents.summary })
      .from(s.auditEvents)
      .where(
        and(eq(s.auditEvents.entityId, id), eq(s.auditEvents.action, 'webhook.secret_rotated')),
      )
      .orderBy(s.auditEvents.id);
    expect(audits.map((a) => a.summary)).toEqual([
      expect.stringContaining('the old secret also signs for 2 hours'),
      expect.stringContaining('the old secret stopped signing at once'),
    ]);

    // Bad overlaps: 400 naming the field, and nothing rotated.
    for (const bad of [-1, 169, 1.5, '24', 1e308, null, true]) {
      const r = await rotate({ previousSecretValidHours: bad });
      expect(r.status, String(bad)).toBe(400);
      expect(JSON.stringify(r.body)).toContain('previousSecretValidHours');
    }
    expect((await rotate({ keep: 1 })).status).toBe(400);
    const [row] = await t.db
      .select()
      .from(s.webhookSubscriptions)
      .where(eq(s.webhookSubscriptions.id, id));
    expect(row!.secret).toBe(newest);
  });

  it('an event of a failed transaction is never written (the outbox rolls back with it)', async () => {
    const sub = await subscribe(['task.completed']);
    const { caseId, taskId } = await openOne();
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(
          tx,
          { kind: 'system', name: 'engine' },
          {
            action: 'task.completed',
            entityType: 'task',
            entityId: taskId,
            caseId,
            taskId,
            summary: 'about to fail',
          },
        );
        expect(
          await tx
            .select()
            .from(s.webhookDeliveries)
            .where(eq(s.webhookDeliveries.subscriptionId, sub.subscription.id)),
        ).toHaveLength(1);
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    // A completion refused by the domain (unknown outcome) leaves nothing either.
    const a1 = actors.get('adjuster@example.com')!;
    const claimed = await claimTask(t.db, a1, { taskId });
    await expect(
      completeTask(t.db, a1, {
        taskId,
        outcome: 'no-such-outcome',
        data: {},
        expectedVersion: claimed.version,
      }),
    ).rejects.toThrow();
    expect(await deliveries(sub.subscription.id)).toHaveLength(0);
  });

  it('the escalation sweep writes task.escalated events in its own transactions', async () => {
    const sub = await subscribe(['task.escalated']);
    const { taskId } = await openOne();
    const [top] = await t.db.select({ id: max(s.auditEvents.id) }).from(s.auditEvents);
    const before = top!.id!;
    await escalateDueTasks(t.db, new Date(Date.now() + 30 * 24 * 3600_000), { maxBatches: 100 });
    const rows = await deliveries(sub.subscription.id);
    const mine = rows.filter((r) => (r.payload as { task?: { id: string } }).task?.id === taskId);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine[0]!.payload).toMatchObject({ type: 'task.escalated', task: { id: taskId } });
    // Every escalation audit event of the sweep has exactly one delivery.
    const audits = await t.db
      .select({ id: s.auditEvents.id })
      .from(s.auditEvents)
      .where(and(eq(s.auditEvents.action, 'task.escalated'), gt(s.auditEvents.id, before)));
    expect(rows.length).toBe(audits.length);
  });

  it('subscriptions for one case type get only that type’s events', async () => {
    const [other] = await t.db
      .select()
      .from(s.caseTypes)
      .where(inArray(s.caseTypes.key, ['auto-claim']));
    const mine = await subscribe(['task.created'], { caseTypeId: other!.id });
    const [ct] = await t.db
      .insert(s.caseTypes)
      .values({ key: `other-${seq}`, name: 'Other' })
      .returning();
    const notMine = await subscribe(['task.created'], { caseTypeId: ct!.id });
    await openOne();
    expect(await deliveries(mine.subscription.id)).toHaveLength(1);
    expect(await deliveries(notMine.subscription.id)).toHaveLength(0);
  });

  it.runIf(onPostgres())(
    'a sender killed (SIGKILL) mid-delivery: the delivery is made by another after the lease',
    async () => {
      const sub = await subscribe(['task.created']);
      await openOne();
      const [row] = await deliveries(sub.subscription.id);
      script.set(row!.eventId, ['hang']);
      const gotIt = new Promise<void>((r) => (onRequest = r));
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'tests/fixtures/run-webhook-sender.ts', t.url!, '3000'],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
          // A timeout shorter than the 3 s lease (a sender gives back what it cannot send within
          // its lease); the child is killed long before it runs out.
          env: { ...process.env, HANDOFF_WEBHOOK_TIMEOUT_SECONDS: '2' },
        },
      );
      await gotIt;
      onRequest = null;
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      server.closeAllConnections();
      const [leased] = await deliveries(sub.subscription.id);
      expect(leased).toMatchObject({ status: 'pending', attempts: 1 });
      expect(leased!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
      // Within the lease nobody else sends it.
      await deliverAt(0);
      expect(received).toHaveLength(1);
      // After the lease another sender does: at-least-once, same event id.
      await deliverAt(5_000);
      expect((await deliveries(sub.subscription.id))[0]).toMatchObject({
        status: 'delivered',
        attempts: 2,
      });
      expect(received.map((r) => [r.eventId, r.attempt])).toEqual([
        [row!.eventId, 1],
        [row!.eventId, 2],
      ]);
    },
    60_000,
  );
});

describe('review fixes', () => {
  it('a subscription deleted or disabled behind the cache’s back: writes still succeed, it gets nothing', async () => {
    const sub = await subscribe(['case.opened', 'task.created', 'task.claimed', 'task.completed']);
    const { taskId } = await openOne();
    expect((await deliveries(sub.subscription.id)).length).toBeGreaterThan(0);
    // Another process deletes it: this process's cache still lists it (no invalidation).
    await t.db
      .delete(s.webhookSubscriptions)
      .where(eq(s.webhookSubscriptions.id, sub.subscription.id));
    await complete(taskId);
    await openOne();
    expect(await t.db.select().from(s.webhookDeliveries)).toHaveLength(0);

    // Disabled in another process: nothing new either (intake and a task change).
    const other = await subscribe(['case.opened', 'task.created', 'task.claimed']);
    const second = await openOne();
    const before = (await deliveries(other.subscription.id)).length;
    expect(before).toBeGreaterThan(0);
    await t.db
      .update(s.webhookSubscriptions)
      .set({ active: false })
      .where(eq(s.webhookSubscriptions.id, other.subscription.id));
    await openOne();
    await claimTask(t.db, actors.get('adjuster@example.com')!, { taskId: second.taskId });
    expect(await deliveries(other.subscription.id)).toHaveLength(before);
  });

  it('a claim takes only what is sent at once, and a delivery whose lease is too short is given back unsent', async () => {
    const sub = await subscribe(['case.opened', 'task.created']);
    for (let i = 0; i < 3; i++) await openOne();
    const leasedAtFirstSend: number[] = [];
    onRequest = () => {
      void t.db
        .select()
        .from(s.webhookDeliveries)
        .where(gt(s.webhookDeliveries.lockedUntil, new Date()))
        .then((rows) => leasedAtFirstSend.push(rows.length));
      onRequest = null;
    };
    await deliverAt(0, { concurrency: 2, batchSize: 50 });
    await new Promise((r) => setTimeout(r, 100));
    // Only the two sent at once were leased when the first went out (not the whole batch).
    expect(leasedAtFirstSend[0]).toBeLessThanOrEqual(2);
    expect(received).toHaveLength(6);

    // A lease shorter than the timeout (1 s): nothing is sent, the claim is undone.
    await openOne();
    const pending = (await deliveries(sub.subscription.id)).filter((r) => r.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    const sent = received.length;
    expect(await deliverAt(0, { leaseMs: 500 })).toBe(0);
    expect(received).toHaveLength(sent);
    for (const r of (await deliveries(sub.subscription.id)).filter((x) => x.status === 'pending'))
      expect(r).toMatchObject({ attempts: 0, lockedUntil: null });
    await deliverAt(0);
    expect((await deliveries(sub.subscription.id)).every((r) => r.status === 'delivered')).toBe(
      true,
    );
  });

  it('a sender from before a replay cannot record over the replayed attempt (lease fence)', async () => {
    const sub = await subscribe(['task.created']);
    await openOne();
    const now = new Date();
    const [stale] = await claimDueDeliveries(t.db, now, 60_000, 10);
    expect(stale).toMatchObject({ attempts: 1 });
    // It went dead meanwhile (say, another attempt after the lease), and an admin replayed it.
    await t.db
      .update(s.webhookDeliveries)
      .set({ status: 'dead', deadAt: now })
      .where(eq(s.webhookDeliveries.id, stale!.id));
    const replay = await send(replayRoute.POST, 'POST', '/api/admin/webhooks/dead-letters/replay', {
      ids: [stale!.id],
    });
    expect(replay.status).toBe(200);
    const [fresh] = await claimDueDeliveries(t.db, new Date(now.getTime() + 1_000), 60_000, 10);
    expect(fresh).toMatchObject({ id: stale!.id, attempts: 1 });
    // The stale sender's result (same attempt number) is refused; the new one's is recorded.
    expect(
      await finishDelivery(t.db, stale!, { kind: 'delivered', statusCode: 200, at: new Date() }),
    ).toBe(false);
    expect((await deliveries(sub.subscription.id))[0]).toMatchObject({ status: 'pending' });
    expect(
      await finishDelivery(t.db, fresh!, { kind: 'delivered', statusCode: 200, at: new Date() }),
    ).toBe(true);
    expect((await deliveries(sub.subscription.id))[0]).toMatchObject({ status: 'delivered' });
  });

  it('a task returned to the queue (assignee deactivated) is announced as task.released', async () => {
    const sub = await subscribe(['task.released']);
    const { caseId, taskId } = await openOne();
    await recordAudit(
      t.db,
      { kind: 'system', name: 'engine' },
      {
        action: 'task.returned_to_queue',
        entityType: 'task',
        entityId: taskId,
        caseId,
        taskId,
        summary: 'Returned to the queue',
        before: { status: 'claimed' },
        after: { status: 'ready' },
      },
    );
    const [row] = await deliveries(sub.subscription.id);
    expect(row).toMatchObject({ eventType: 'task.released', caseId });
    expect(row!.payload).toMatchObject({
      type: 'task.released',
      task: { id: taskId },
      data: { before: { status: 'claimed' }, after: { status: 'ready' } },
    });
  });

  it('a retried delivery puts its case’s later deliveries off until its own next attempt', async () => {
    const sub = await subscribe(['case.opened', 'task.created']);
    const { caseId } = await openOne();
    const rows = await deliveries(sub.subscription.id);
    expect(rows.map((r) => r.caseId)).toEqual([caseId, caseId]);
    script.set(rows[0]!.eventId, [500]);
    await deliverAt(0);
    const [first, later] = await deliveries(sub.subscription.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(later).toMatchObject({ status: 'pending', attempts: 0 });
    expect(later!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(first!.nextAttemptAt.getTime());
    await deliverAt(10_000);
    expect((await deliveries(sub.subscription.id)).map((r) => r.status)).toEqual([
      'delivered',
      'delivered',
    ]);
  });
});

describe('admin routes', () => {
  const routes = (id: string) =>
    [
      [listRoute.GET, 'GET', '/api/admin/webhooks', undefined, {}],
      [
        listRoute.POST,
        'POST',
        '/api/admin/webhooks',
        { name: 'x', url: receiverUrl, eventTypes: ['case.opened'] },
        {},
      ],
      [oneRoute.GET, 'GET', `/api/admin/webhooks/${id}`, undefined, { id }],
      [oneRoute.PATCH, 'PATCH', `/api/admin/webhooks/${id}`, { active: false }, { id }],
      [rotateRoute.POST, 'POST', `/api/admin/webhooks/${id}/rotate-secret`, {}, { id }],
      [deadRoute.GET, 'GET', '/api/admin/webhooks/dead-letters', undefined, {}],
      [replayRoute.POST, 'POST', '/api/admin/webhooks/dead-letters/replay', { all: true }, {}],
      [oneRoute.DELETE, 'DELETE', `/api/admin/webhooks/${id}`, {}, { id }],
    ] as const;

  it('only admins: supervisors and adjusters 403, nobody signed in 401; admins succeed', async () => {
    const sub = await subscribe(['case.opened']);
    const id = sub.subscription.id;
    for (const who of ['supervisor@example.com', 'adjuster@example.com', null]) {
      for (const [h, method, path, body, params] of routes(id)) {
        const r = await send(h, method, path, body, who, params);
        expect(r.status, `${who} ${method} ${path}`).toBe(who ? 403 : 401);
      }
    }
    for (const [h, method, path, body, params] of routes(id)) {
      const r = await send(h, method, path, body, 'admin@example.com', params);
      expect(r.status, `admin ${method} ${path}`).toBeLessThan(300);
    }
    // The secret is never listed.
    const list = await send(listRoute.GET, 'GET', '/api/admin/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(sub.secret);
  });

  it('bad input is a 400 naming the field', async () => {
    const bad = async (body: unknown, field: string) => {
      const r = await send(listRoute.POST, 'POST', '/api/admin/webhooks', body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {}).join(','), JSON.stringify(r.body)).toContain(
        field,
      );
    };
    await bad({ name: 'x', url: 'ftp://example.com', eventTypes: ['case.opened'] }, 'url');
    await bad({ name: 'x', url: 'https://u:p@example.com', eventTypes: ['case.opened'] }, 'url');
    await bad({ name: 'x', url: receiverUrl, eventTypes: ['task.commented'] }, 'eventTypes');
    await bad({ name: 'x', url: receiverUrl, eventTypes: [] }, 'eventTypes');
    await bad({ name: '', url: receiverUrl, eventTypes: ['case.opened'] }, 'name');
    await bad(
      {
        name: 'x',
        url: receiverUrl,
        eventTypes: ['case.opened'],
        caseTypeId: '00000000-0000-4000-8000-000000000000',
      },
      'caseTypeId',
    );
    process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE = 'no';
    resetEnvCache();
    try {
      await bad(
        { name: 'x', url: 'http://169.254.169.254/latest', eventTypes: ['case.opened'] },
        'url',
      );
    } finally {
      process.env.HANDOFF_WEBHOOK_ALLOW_PRIVATE = 'yes';
      resetEnvCache();
    }
    const missing = await send(
      oneRoute.PATCH,
      'PATCH',
      '/api/admin/webhooks/nope',
      { active: false },
      'admin@example.com',
      { id: 'nope' },
    );
    expect(missing.status).toBe(404);
  });

  it('hostile bodies never cause a 500', async () => {
    const sub = await subscribe(['case.opened']);
    const id = sub.subscription.id;
    const hostile = fc.oneof(
      fc.anything({ maxDepth: 4 }),
      fc.record(
        {
          name: fc.oneof(fc.string(), fc.constant('a\u0000b'), fc.constant('\ud800'), fc.integer()),
          url: fc.oneof(
            fc.webUrl(),
            fc.string(),
            fc.constant('http://[::1'),
            fc.constant('x'.repeat(5000)),
          ),
          eventTypes: fc.oneof(
            fc.array(fc.constantFrom('case.opened', 'x', '__proto__')),
            fc.string(),
          ),
          caseTypeId: fc.oneof(fc.uuid(), fc.constant(null), fc.string(), fc.double()),
          active: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        { ids: fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 600 }), all: fc.anything() },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        for (const [h, method, path, params] of [
          [listRoute.POST, 'POST', '/api/admin/webhooks', {}],
          [oneRoute.PATCH, 'PATCH', `/api/admin/webhooks/${id}`, { id }],
          [replayRoute.POST, 'POST', '/api/admin/webhooks/dead-letters/replay', {}],
        ] as const) {
          const r = await send(
            h,
            method,
            path,
            body === undefined ? null : body,
            'admin@example.com',
            params,
          );
          expect(r.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 200)}`).toBeLessThan(
            500,
          );
        }
      }),
      { numRuns: 60 },
    );
    const wrongType = await call(
      listRoute.POST as Handler,
      request('POST', '/api/admin/webhooks', {
        cookie: cookie.get('admin@example.com'),
        body: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      {},
    );
    expect(wrongType.status).toBe(415);
  });
});
