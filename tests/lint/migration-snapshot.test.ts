import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Several migrations are written by hand (partitions, triggers, functions), so drizzle-kit's
 * snapshot is kept current by hand too. If db/schema changes without a migration snapshot to
 * match, the next `npm run db:generate` would emit the drift as a surprise migration: caught
 * here instead. drizzle-kit runs on a copy, so nothing in the checkout is written.
 */
describe('drizzle-kit snapshot', () => {
  it('matches db/schema: `drizzle-kit generate` finds nothing to migrate', async () => {
    const root = process.cwd();
    const dir = await mkdtemp(path.join(tmpdir(), 'handoff-drizzle-'));
    try {
      await cp(path.join(root, 'db'), path.join(dir, 'db'), { recursive: true });
      for (const f of ['drizzle.config.ts', 'package.json', 'tsconfig.json'])
        await cp(path.join(root, f), path.join(dir, f));
      await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate'],
        { cwd: dir, timeout: 120_000 },
      );
      expect(stdout).toContain('No schema changes');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
