import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema';
import { findDemoCredentials } from '../../lib/use-cases/find-demo-credentials';
import { DEMO_TOKEN, demoUsers, seedDemo } from '../../scripts/seed/seed-demo';
import { hashApiToken } from '../../lib/auth/api-token';
import { createTestDb, onPostgres, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('the start guard (HOST beyond loopback while the demo credentials work)', () => {
  it('finds the demo credentials while they work, and none once they are retired', async () => {
    const now = new Date();
    const seeded = await findDemoCredentials(t.db, now);
    expect(seeded.usersWithDemoPassword).toEqual(demoUsers.map((u) => u.email).sort());
    expect(seeded.demoTokenActive).toBe(true);

    await t.db
      .update(s.users)
      .set({ active: false })
      .where(
        inArray(
          s.users.email,
          demoUsers.map((u) => u.email).filter((e) => e !== 'admin@example.com'),
        ),
      );
    await t.db
      .update(s.users)
      .set({ passwordHash: 'x' })
      .where(inArray(s.users.email, ['admin@example.com']));
    await t.db
      .update(s.apiTokens)
      .set({ revokedAt: now })
      .where(inArray(s.apiTokens.tokenHash, [hashApiToken(DEMO_TOKEN)]));
    expect(await findDemoCredentials(t.db, now)).toEqual({
      usersWithDemoPassword: [],
      demoTokenActive: false,
    });
  });

  it('the real server refuses HOST=0.0.0.0 on a freshly seeded demo, naming the way out', async () => {
    // A database of its own, empty: the server migrates and seeds it (`always`) before deciding.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-guard-'));
    const fresh = onPostgres() ? await createTestDb() : null;
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
        env: {
          ...process.env,
          HOST: '0.0.0.0',
          PORT: '39999',
          HANDOFF_DATA_DIR: dir,
          HANDOFF_SEED_ON_START: 'always',
          HANDOFF_ALLOW_DEMO_ON_NETWORK: 'no',
          DATABASE_URL: fresh?.url ?? '',
        },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0: the demo credentials still work/);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('admin@example.com (password "handoff-demo")');
      expect(r.stderr).toContain('API token "demo-intake-token"');
      expect(r.stderr).toContain('HANDOFF_ALLOW_DEMO_ON_NETWORK=yes');
      expect(r.stderr).toContain('npm run admin:create');
    } finally {
      await fresh?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
