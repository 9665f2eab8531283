import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type DbHandle, type DbOrTx } from '../../db/client';

export type TestDb = DbHandle & { url?: string };

/** A fresh, migrated, empty database for one test file: PostgreSQL when DATABASE_URL is set, else PGlite. */
export async function createTestDb(options: { max?: number } = {}): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `handoff_t_${inject('pgTemplate').replace('handoff_tmpl_', '')}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${inject('pgTemplate')}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const handle = openPostgres(u.toString(), { max: options.max ?? 10 });
    return {
      ...handle,
      url: u.toString(),
      close: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
  return openPglite(null, new Blob([snapshot]));
}

export const onPostgres = () => Boolean(process.env.DATABASE_URL);

/** Drizzle wraps driver errors ("Failed query: …"); the database's own message is in `cause`. */
export function errorText(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; cur && i < 5; i++) {
    // Non-Error causes (driver error objects) as JSON rather than "[object Object]".
    parts.push(
      cur instanceof Error ? cur.message : typeof cur === 'string' ? cur : JSON.stringify(cur),
    );
    cur = (cur as { cause?: unknown }).cause;
  }
  return parts.join(' | ');
}

/**
 * Runs `fn` in a transaction as the superuser with every ordinary trigger off (the append-only
 * and hash-chain triggers included): what someone with the database's own keys can do, for the
 * tamper tests.
 */
export async function asSuperuserWithoutTriggers(
  db: DbHandle['db'],
  fn: (tx: DbOrTx) => Promise<unknown>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await fn(tx);
  });
}
