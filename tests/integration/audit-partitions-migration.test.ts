/**
 * Migration 0013 on a database that already holds audit events (PGlite, or a PostgreSQL database of
 * its own): migrated up to 0012, given events over many months (and some far ahead), then
 * migrated to the end. Every row survives unchanged, each in its month's partition, and the ids
 * go on from the same sequence.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, queryRows, type DbHandle } from '../../db/client';
import { migrationsFolder, runMigrations } from '../../db/migrate';
import * as s from '../../db/schema';
import { checkChains } from '../../lib/data/audit-chain';
import { onPostgres } from '../helpers/test-db';

const PARTITIONING = 13;

let handle: DbHandle;
let dropDatabase: (() => Promise<void>) | undefined;
// The columns before the hash chain (0017 adds chain, chain_seq, prev_hash, hash).
const {
  chain: _c,
  chainSeq: _s,
  prevHash: _p,
  hash: _h,
  ...eventColumns
} = getTableColumns(s.auditEvents);
let before: (Record<string, unknown> & { id: number })[];
const partialFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-migrations-'));

/** db/migrations as it was before partitioning: the journal cut off before 0013. */
function migrationsBeforePartitioning(): string {
  fs.cpSync(migrationsFolder, partialFolder, { recursive: true });
  const journalFile = path.join(partialFolder, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx < PARTITIONING);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return partialFolder;
}

beforeAll(async () => {
  const folder = migrationsBeforePartitioning();
  const url = process.env.DATABASE_URL;
  if (url) {
    // An empty database (not the migrated template), named so the run's teardown finds leftovers.
    const name = `handoff_t_${inject('pgTemplate').replace('handoff_tmpl_', '')}_m${randomBytes(4).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    handle = openPostgres(u.toString(), { max: 2 });
    const client = postgres(u.toString(), { max: 1, onnotice: () => {} });
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: folder });
    await client.end();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    handle = await openPglite(null);
    await migratePglite(handle.db as unknown as PgliteDatabase<Record<string, never>>, {
      migrationsFolder: folder,
    });
  }
  // Events every 9 days and 7 hours from January 2025 to March 2027, several far ahead, and two
  // in one instant; written in an order unrelated to their dates.
  await handle.db.execute(sql`
    insert into audit_events (occurred_at, actor_type, actor_id, actor_label, action, entity_type,
                              entity_id, summary, before, after, metadata)
    select at, 'user', 'u-' || n, 'user' || n || '@example.com', 'test.migrated', 'test', n::text,
           'event ' || n, jsonb_build_object('n', n), null, jsonb_build_object('k', n % 3)
      from (select t as at, row_number() over (order by md5(t::text)) as n
              from generate_series(timestamptz '2025-01-01 03:00:00+00',
                                   timestamptz '2027-03-31 00:00:00+00',
                                   interval '9 days 7 hours') t) g`);
  await handle.db.execute(sql`
    insert into audit_events (occurred_at, actor_type, actor_label, action, entity_type)
    values ('2041-01-01T00:00:00Z', 'system', 'system:test', 'test.far', 'test'),
           ('2030-06-30T23:59:59Z', 'system', 'system:test', 'test.far', 'test'),
           ('2026-02-01T00:00:00Z', 'system', 'system:test', 'test.same', 'test'),
           ('2026-02-01T00:00:00Z', 'system', 'system:test', 'test.same', 'test')`);
  before = await handle.db.select(eventColumns).from(s.auditEvents).orderBy(s.auditEvents.id);
  await runMigrations(handle);
});

afterAll(async () => {
  await handle?.close();
  await dropDatabase?.();
  fs.rmSync(partialFolder, { recursive: true, force: true });
});

describe(`migration 0013 over existing events on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('keeps every row unchanged', async () => {
    expect(before.length).toBeGreaterThan(80);
    const after = await handle.db
      .select(eventColumns)
      .from(s.auditEvents)
      .orderBy(s.auditEvents.id);
    expect(after).toEqual(before);
  });

  it('puts each row in the partition of its UTC month, or the default when that month has none', async () => {
    const rows = await queryRows<{ part: string; month: string; n: number | string }>(
      handle.db,
      sql`select tableoid::regclass::text as part,
                 to_char(occurred_at at time zone 'UTC', 'YYYY_MM') as month, count(*) as n
            from audit_events group by 1, 2 order by 2`,
    );
    const defaultMonths = rows.filter((r) => r.part === 'audit_partitions.audit_events_default');
    // Partitions run from the oldest event's month to three months ahead of today.
    const horizon = new Date();
    horizon.setUTCMonth(horizon.getUTCMonth() + 3, 1);
    const lastPartitioned = horizon.toISOString().slice(0, 7).replace('-', '_');
    for (const r of rows) {
      if (r.month <= lastPartitioned)
        expect(r.part).toBe(`audit_partitions.audit_events_${r.month}`);
      else expect(r.part).toBe('audit_partitions.audit_events_default');
    }
    expect(defaultMonths.map((r) => r.month)).toEqual(
      expect.arrayContaining(['2030_06', '2041_01']),
    );
    expect(rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(before.length);
  });

  it('chains the events that were there before (migration 0017), each chain whole', async () => {
    const report = await checkChains(handle.db, 'all');
    expect(report.events).toBe(before.length);
    expect(report.problems).toEqual([]);
  });

  it('continues the id sequence', async () => {
    const [row] = await handle.db
      .insert(s.auditEvents)
      .values({
        actorType: 'system',
        actorLabel: 'system:test',
        action: 'test.next',
        entityType: 'test',
      })
      .returning({ id: s.auditEvents.id });
    expect(row!.id).toBe(Math.max(...before.map((e) => e.id)) + 1);
  });

  it('leaves audit_events partitioned with its indexes and the append-only triggers', async () => {
    const [table] = await queryRows<{ kind: string }>(
      handle.db,
      sql`select relkind as kind from pg_class where oid = 'audit_events'::regclass`,
    );
    expect(table!.kind).toBe('p');
    const indexes = await queryRows<{ name: string }>(
      handle.db,
      sql`select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
           where i.indrelid = 'audit_events'::regclass order by 1`,
    );
    expect(indexes.map((i) => i.name)).toEqual([
      'audit_events_action_idx',
      'audit_events_case_idx',
      'audit_events_chain_idx',
      'audit_events_entity_idx',
      'audit_events_occurred_idx',
      'audit_events_pkey',
    ]);
    const left = await queryRows<{ n: number | string }>(
      handle.db,
      sql`select count(*) as n from pg_class where relname = 'audit_events_unpartitioned'`,
    );
    expect(Number(left[0]!.n)).toBe(0);
    const refused = await handle.db
      .execute(sql`delete from audit_events where action = 'test.migrated'`)
      .catch((e: unknown) => e);
    expect(String((refused as { cause?: unknown }).cause ?? refused)).toMatch(/append-only/);
  });
});
