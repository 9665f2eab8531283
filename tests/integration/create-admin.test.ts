import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type DbHandle } from '../../db/client';
import * as s from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { createAdminAccount } from '../../lib/use-cases/create-admin-account';
import { signInWithPassword } from '../../lib/use-cases/sign-in-with-password';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

const PASSWORD = 'river-copper-lantern-87';

describe('createAdminAccount', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedDemo(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (e instanceof DomainError ? { code: e.code, fields: e.fields } : e),
    );

  it('refuses a weak password and an e-mail in use, creating nothing', async () => {
    const before = (await t.db.select().from(s.users)).length;
    expect(
      await refusal(
        createAdminAccount(t.db, {
          email: 'ops@example.com',
          name: 'Ops',
          password: 'handoff-demo',
        }),
      ),
    ).toMatchObject({ code: 'validation', fields: { password: expect.any(String) } });
    expect(
      await refusal(
        createAdminAccount(t.db, { email: 'ADMIN@example.com', name: 'Ops', password: PASSWORD }),
      ),
    ).toMatchObject({ code: 'conflict', fields: { email: expect.any(String) } });
    expect(
      await refusal(
        createAdminAccount(t.db, { email: 'not-an-email', name: 'Ops', password: PASSWORD }),
      ),
    ).toMatchObject({ code: 'validation', fields: { email: expect.any(String) } });
    expect(await t.db.select().from(s.users)).toHaveLength(before);
  });
});

describe('npm run admin:create (the real command, on a database of the kind under test)', () => {
  let dataDir: string;
  let t: TestDb | null = null;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-admin-'));
    if (onPostgres()) {
      t = await createTestDb();
      env = { ...process.env, DATABASE_URL: t.url };
    } else env = { ...process.env, DATABASE_URL: '', HANDOFF_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[], stdin: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-admin.ts', ...args], {
      input: stdin,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  async function withDatabase<T>(fn: (db: DbHandle['db']) => Promise<T>): Promise<T> {
    if (t) return fn(t.db);
    const handle = await openPglite(path.join(dataDir, 'pglite'));
    try {
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  }

  it('creates an admin who can sign in, and refuses argv passwords, weak passwords and duplicates', async () => {
    const onArgv = run(['--email', 'ops@example.com', '--password', PASSWORD], '');
    expect(onArgv.code).toBe(1);
    expect(onArgv.out).toMatch(/Do not pass the password on the command line/);

    const weak = run(['--email', 'ops@example.com'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.out).toMatch(/password: must be at least 12 characters/);

    const created = run(['--email', 'ops@example.com', '--name', 'Olga Ops'], `${PASSWORD}\n`);
    expect(created.out).toMatch(/Admin ops@example\.com created/);
    expect(created.code).toBe(0);

    const again = run(['--email', 'OPS@example.com'], `${PASSWORD}\n`);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already exists/);

    await withDatabase(async (db) => {
      const all = await db.select().from(s.users);
      expect(all.map((u) => [u.email, u.name, u.role])).toEqual([
        ['ops@example.com', 'Olga Ops', 'admin'],
      ]);
      expect(all[0]!.passwordHash).not.toContain(PASSWORD);
      const signIn = await signInWithPassword(
        db,
        { email: 'ops@example.com', password: PASSWORD, ip: '127.0.0.1' },
        new Date(),
      );
      expect(signIn).toMatchObject({ ok: true, user: { role: 'admin' } });
      const [event] = await db
        .select()
        .from(s.auditEvents)
        .where(eq(s.auditEvents.action, 'user.created'));
      expect(event).toMatchObject({ actorType: 'system', actorLabel: 'system:cli admin:create' });
      expect(JSON.stringify(event)).not.toContain(PASSWORD);
      // No demo was seeded by the command.
      const [demo] = await db.select({ n: sql<number>`count(*)::int` }).from(s.cases);
      expect(demo!.n).toBe(0);
    });
    // Four runs of the real command, each starting Node and opening the database: over a minute
    // on a busy 2-core machine.
  }, 240_000);
});
