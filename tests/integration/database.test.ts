import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, queryRows, type DbHandle } from '../../db/client';
import { DatabaseLockedError, acquireLockFile } from '../../db/lock';
import { getMigrationStatus, runMigrations } from '../../db/migrate';
import * as s from '../../db/schema';
import { checkHealth } from '../../lib/use-cases/check-health';
import { createTestDb, errorText, onPostgres, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe(`migrations on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('are all applied and a second run is a no-op', async () => {
    const before = await getMigrationStatus(t.db);
    expect(before.current).toBe(true);
    expect(before.applied).toBe(before.expected);
    await runMigrations(t);
    expect(await getMigrationStatus(t.db)).toEqual(before);
  });

  it('create the whole data model', async () => {
    const rows = await queryRows<{ table_name: string }>(
      t.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      [
        'absences',
        'api_tokens',
        'audit_chain_heads',
        'audit_checkpoint_heads',
        'audit_checkpoints',
        'audit_events',
        'authority_limit_versions',
        'authority_limits',
        'billing_simulator_payments',
        'business_calendars',
        'calendar_holiday_rules',
        'calendar_holidays',
        'case_type_versions',
        'case_types',
        'cases',
        'comments',
        'config_versions',
        'document_chunks',
        'documents',
        'email_outbox',
        'escalation_digests',
        'group_memberships',
        'groups',
        'idempotency_keys',
        'notifications',
        'reference_counters',
        'routing_rule_versions',
        'routing_rules',
        'saved_views',
        'sign_in_attempts',
        'sign_in_throttle_windows',
        'sla_policies',
        'step_duration_stats',
        'step_runs',
        'task_predictions',
        'tasks',
        'threshold_settings',
        'users',
        'webhook_deliveries',
        'webhook_subscriptions',
      ].sort(),
    );
  });

  it('refuse to rewrite or erase audit events', async () => {
    const [ev] = await t.db
      .insert(s.auditEvents)
      .values({
        actorType: 'system',
        actorLabel: 'system:test',
        action: 'test.event',
        entityType: 'test',
      })
      .returning();
    const update = await t.db
      .update(s.auditEvents)
      .set({ summary: 'rewritten' })
      .where(eq(s.auditEvents.id, ev!.id))
      .catch((e) => e);
    expect(errorText(update)).toMatch(/append-only \(UPDATE refused\)/);
    const del = await t.db
      .delete(s.auditEvents)
      .where(eq(s.auditEvents.id, ev!.id))
      .catch((e) => e);
    expect(errorText(del)).toMatch(/append-only \(DELETE refused\)/);
    const [still] = await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.id, ev!.id));
    expect(still?.summary).toBe('');
  });

  it('enforce one notification per de-duplication key', async () => {
    const [u] = await t.db
      .insert(s.users)
      .values({ email: 'dedupe@example.com', name: 'D' })
      .returning();
    const row = {
      userId: u!.id,
      kind: 'reminder' as const,
      title: 'Reminder',
      dedupeKey: 'reminder:x:1',
    };
    await t.db.insert(s.notifications).values(row);
    await expect(t.db.insert(s.notifications).values(row)).rejects.toThrow();
    const inserted = await t.db
      .insert(s.notifications)
      .values(row)
      .onConflictDoNothing({ target: s.notifications.dedupeKey })
      .returning();
    expect(inserted).toHaveLength(0);
  });

  it('treat e-mail addresses case-insensitively as unique', async () => {
    await t.db.insert(s.users).values({ email: 'Case@Example.com', name: 'A' });
    await expect(
      t.db.insert(s.users).values({ email: 'case@example.com', name: 'B' }),
    ).rejects.toThrow();
  });

  it('reject statuses outside the enums', async () => {
    await expect(
      t.db.execute(
        sql`insert into users (email, name, role) values ('r@example.com', 'R', 'superuser')`,
      ),
    ).rejects.toThrow();
  });

  it('serve the inbox and scheduler scans from partial indexes', async () => {
    const rows = await queryRows<{ indexname: string }>(
      t.db,
      sql`select indexname from pg_indexes where tablename = 'tasks'`,
    );
    const names = rows.map((r) => r.indexname);
    for (const idx of [
      'tasks_assignee_open_due_idx',
      'tasks_group_open_due_idx',
      'tasks_remind_due_idx',
      'tasks_escalation_due_idx',
    ]) {
      expect(names).toContain(idx);
    }
  });
});

describe('health', () => {
  it('is ok with a reachable, migrated database', async () => {
    const report = await checkHealth(() => Promise.resolve(t));
    expect(report.status).toBe('ok');
    expect(report.database.reachable).toBe(true);
    expect(report.migrations?.current).toBe(true);
  });

  it('is unavailable when migrations are missing', async () => {
    const bare = await openPglite(null);
    try {
      const report = await checkHealth(() => Promise.resolve(bare));
      expect(report.status).toBe('unavailable');
      expect(report.migrations).toMatchObject({ applied: 0, current: false });
    } finally {
      await bare.close();
    }
  });

  it('is unavailable, with the reason, when the database cannot be opened', async () => {
    const report = await checkHealth(() =>
      Promise.reject(
        new Error('connect ECONNREFUSED 127.0.0.1:5999 postgres://user:secret@host/db'),
      ),
    );
    expect(report.status).toBe('unavailable');
    expect(report.database.reachable).toBe(false);
    expect(report.database.error).toContain('ECONNREFUSED');
    expect(report.database.error).not.toContain('secret');
  });
});

describe('embedded database lock', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-lock-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('refuses a second process with a clear error naming the owner, and works again once it exits', async () => {
    const dir = path.join(tmp, 'pglite');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fixtures/hold-pglite.ts', dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => b.toString().includes('HOLDING') && resolve());
        child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      const err = await openPglite(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseLockedError);
      expect((err as DatabaseLockedError).ownerPid).toBe(child.pid);
      expect((err as Error).message).toMatch(/in use by another process .*single-process/);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // The holder was killed without cleaning up: its stale lock is taken over, and the data is intact.
    const reopened: DbHandle = await openPglite(dir);
    try {
      const rows = await queryRows<{ ok: number }>(reopened.db, sql`select 1 as ok`);
      expect(rows[0]?.ok).toBe(1);
    } finally {
      await reopened.close();
    }
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('refuses to open the same folder twice in one process', () => {
    const lock = path.join(tmp, 'twice.lock');
    const release = acquireLockFile(lock);
    try {
      expect(() => acquireLockFile(lock)).toThrow(DatabaseLockedError);
    } finally {
      release();
    }
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe.runIf(onPostgres())('concurrent migrators on PostgreSQL', () => {
  it('serialise on an advisory lock: three at once all succeed and apply each migration once', async () => {
    const postgres = (await import('postgres')).default;
    const { openPostgres } = await import('../../db/client');
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `handoff_t_mig_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    const handles = [0, 1, 2].map(() => openPostgres(u.toString(), { max: 1 }));
    try {
      await Promise.all(handles.map((h) => runMigrations(h)));
      const status = await getMigrationStatus(handles[0]!.db);
      expect(status.current).toBe(true);
      expect(status.applied).toBe(status.expected);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
