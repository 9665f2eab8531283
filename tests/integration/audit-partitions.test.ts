/**
 * audit_events partitioned by UTC month (migration 0013), on PGlite and PostgreSQL: events land in
 * their month's partition (the default catches the rest and gives its rows up when their month is
 * created), maintenance is idempotent and safe when several schedulers run it at once, every
 * partition refuses UPDATE, DELETE and TRUNCATE, the admin audit log reads the same events in the
 * same order across partitions, and an old month can be detached for archiving.
 *
 * Each test works in its own far-future months, so tests do not depend on the wall clock or on
 * one another.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, queryRows, type Db } from '../../db/client';
import * as s from '../../db/schema';
import { jobs } from '../../cron/jobs';
import { startScheduler } from '../../cron/scheduler';
import { listAuditPartitions } from '../../lib/data/audit-partitions';
import { auditEventPage, distinctAuditActions } from '../../lib/data/audit-log';
import { DomainError } from '../../lib/errors';
import {
  detachAuditMonth,
  maintainAuditPartitions,
  utcMonth,
} from '../../lib/use-cases/maintain-audit-partitions';
import { createTestDb, errorText, onPostgres, type TestDb } from '../helpers/test-db';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

/** Appends one event at `at` (ISO) and returns its id. */
async function append(db: Db, at: string, action = 'test.partitioned'): Promise<number> {
  const [row] = await db
    .insert(s.auditEvents)
    .values({
      occurredAt: new Date(at),
      actorType: 'system',
      actorLabel: 'system:test',
      action,
      entityType: 'test',
      summary: at,
    })
    .returning({ id: s.auditEvents.id });
  return row!.id;
}

/** The partition (schema-qualified table) holding the event with this id. */
async function partitionOf(db: Db, id: number): Promise<string> {
  const [row] = await queryRows<{ part: string }>(
    db,
    sql`select tableoid::regclass::text as part from audit_events where id = ${id}`,
  );
  return row!.part;
}

async function partitionNames(db: Db): Promise<string[]> {
  return (await listAuditPartitions(db)).map((p) => p.table);
}

describe('utcMonth', () => {
  it('names the UTC month, whatever the offset the instant was written with', () => {
    expect(utcMonth(new Date('2026-12-31T23:30:00-05:00'))).toBe('2027-01-01');
    expect(utcMonth(new Date('2027-01-01T00:30:00+02:00'))).toBe('2026-12-01');
    expect(utcMonth(new Date('2026-11-15T12:00:00Z'), 3)).toBe('2027-02-01');
    expect(utcMonth(new Date('2026-03-31T12:00:00Z'), -13)).toBe('2025-02-01');
  });
});

describe(`audit_events partitions on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('exist for the current month and the months ahead after migrating', async () => {
    const names = await partitionNames(t.db);
    const now = new Date();
    for (let i = 0; i <= 3; i++)
      expect(names).toContain(
        `audit_partitions.audit_events_${utcMonth(now, i).slice(0, 7).replace('-', '_')}`,
      );
    expect(names.at(-1)).toBe('audit_partitions.audit_events_default');
    // The partitions stay out of the application's schema.
    const inPublic = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from information_schema.tables
           where table_schema = 'public' and table_name like 'audit_events%'`,
    );
    expect(Number(inPublic[0]!.n)).toBe(1);
  });

  it('route inserts across month boundaries by UTC month, whatever the session time zone', async () => {
    expect(await maintainAuditPartitions(t.db, new Date('2031-01-15T00:00:00Z'))).toEqual([
      '2031-01-01',
      '2031-02-01',
      '2031-03-01',
      '2031-04-01',
    ]);
    const placed = await t.db.transaction(async (tx) => {
      // Partition bounds are UTC instants: a session in another zone sees the same boundaries.
      await tx.execute(sql`set local time zone 'Pacific/Auckland'`);
      return {
        lastOfJanuary: await append(tx, '2031-01-31T23:59:59.999Z'),
        firstOfFebruary: await append(tx, '2031-02-01T00:00:00.000Z'),
        aucklandFebruary: await append(tx, '2031-02-01T10:00:00+13:00'), // 2031-01-31T21:00Z
        endOfApril: await append(tx, '2031-04-30T23:59:59.999Z'),
        beyond: await append(tx, '2031-05-01T00:00:00.000Z'),
      };
    });
    expect(await partitionOf(t.db, placed.lastOfJanuary)).toBe(
      'audit_partitions.audit_events_2031_01',
    );
    expect(await partitionOf(t.db, placed.firstOfFebruary)).toBe(
      'audit_partitions.audit_events_2031_02',
    );
    expect(await partitionOf(t.db, placed.aucklandFebruary)).toBe(
      'audit_partitions.audit_events_2031_01',
    );
    expect(await partitionOf(t.db, placed.endOfApril)).toBe(
      'audit_partitions.audit_events_2031_04',
    );
    // No partition for May yet: the event is kept, in the default partition, not refused.
    expect(await partitionOf(t.db, placed.beyond)).toBe('audit_partitions.audit_events_default');

    // Creating May's partition moves the stray event into it, keeping its id and contents.
    const [before] = await t.db
      .select()
      .from(s.auditEvents)
      .where(sql`id = ${placed.beyond}`);
    expect(await maintainAuditPartitions(t.db, new Date('2031-05-01T00:00:00Z'), 0)).toEqual([
      '2031-05-01',
    ]);
    expect(await partitionOf(t.db, placed.beyond)).toBe('audit_partitions.audit_events_2031_05');
    const [after] = await t.db
      .select()
      .from(s.auditEvents)
      .where(sql`id = ${placed.beyond}`);
    expect(after).toEqual(before);
    const stray = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from audit_partitions.audit_events_default
           where occurred_at >= '2031-05-01T00:00:00Z' and occurred_at < '2031-06-01T00:00:00Z'`,
    );
    expect(Number(stray[0]!.n)).toBe(0);
  });

  it('maintenance is idempotent and safe when several schedulers run it at once', async () => {
    const now = new Date('2032-06-10T08:00:00Z');
    // Three schedulers at the same moment: on PostgreSQL each with a connection pool of its own.
    const pools = onPostgres() ? [0, 1, 2].map(() => openPostgres(t.url!, { max: 1 })) : [];
    try {
      const dbs = onPostgres() ? pools.map((p) => p.db) : [t.db, t.db, t.db];
      const results = await Promise.all(dbs.map((db) => maintainAuditPartitions(db, now)));
      expect(results.flat().sort()).toEqual([
        '2032-06-01',
        '2032-07-01',
        '2032-08-01',
        '2032-09-01',
      ]);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    expect(await maintainAuditPartitions(t.db, now)).toEqual([]);
    const names = await partitionNames(t.db);
    for (const m of ['2032_06', '2032_07', '2032_08', '2032_09'])
      expect(names.filter((n) => n === `audit_partitions.audit_events_${m}`)).toHaveLength(1);
  });

  it('refuse UPDATE, DELETE and TRUNCATE on every partition, the default and the parent', async () => {
    await maintainAuditPartitions(t.db, new Date('2033-01-20T00:00:00Z'), 0);
    const inMonth = await append(t.db, '2033-01-20T09:00:00Z');
    const inDefault = await append(t.db, '2039-12-31T09:00:00Z');
    expect(await partitionOf(t.db, inDefault)).toBe('audit_partitions.audit_events_default');
    const targets = [
      ['audit_partitions.audit_events_2033_01', inMonth],
      ['audit_partitions.audit_events_default', inDefault],
      ['audit_events', inMonth],
    ] as const;
    const refusals = targets.flatMap(([table, id]): [string, RegExp][] => [
      [
        `update ${table} set summary = 'rewritten' where id = ${id}`,
        /append-only \(UPDATE refused\)/,
      ],
      [`delete from ${table} where id = ${id}`, /append-only \(DELETE refused\)/],
      [`truncate ${table}`, /append-only \(TRUNCATE refused\)/],
    ]);
    for (const [statement, refused] of refusals) {
      const e: unknown = await t.db.execute(sql.raw(statement)).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e, statement).not.toBeNull();
      expect(errorText(e), statement).toMatch(refused);
    }
    const rows = await t.db
      .select()
      .from(s.auditEvents)
      .where(sql`id in (${inMonth}, ${inDefault})`);
    expect(rows.map((r) => r.summary).sort()).toEqual([
      '2033-01-20T09:00:00Z',
      '2039-12-31T09:00:00Z',
    ]);
  });

  it('the admin audit log pages through partitions in the same order, and looks its cursor up by id', async () => {
    await maintainAuditPartitions(t.db, new Date('2034-02-01T00:00:00Z'), 2);
    const action = 'test.paged';
    const times = [
      '2034-02-03T10:00:00Z',
      '2034-02-28T23:59:59.999Z',
      '2034-03-01T00:00:00Z',
      '2034-03-01T00:00:00Z', // the same moment: the id breaks the tie
      '2034-03-15T12:00:00Z',
      '2034-04-30T23:00:00Z',
      '2038-07-04T00:00:00Z', // in the default partition
      '2034-03-15T12:00:00Z', // written later, dated earlier than some
    ];
    const written: { id: number; at: number }[] = [];
    for (const at of times)
      written.push({ id: await append(t.db, at, action), at: Date.parse(at) });
    const expected = [...written].sort((a, b) => b.at - a.at || b.id - a.id).map((e) => e.id);

    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await auditEventPage(t.db, {
        actionPrefix: action,
        includeSignIns: true,
        limit: 3,
        ...(before ? { before } : {}),
      });
      seen.push(...page.events.map((e) => e.id));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(expected);
    expect(await distinctAuditActions(t.db)).toContain(action);

    // The cursor's lookup by id is an index probe on every partition (the primary key leads with
    // id), never a scan of the table. Sequential scans are switched off so the plan shows which
    // index PostgreSQL can use, whatever the size of these small test partitions.
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const rows = await queryRows<Record<string, string>>(
        tx,
        sql`explain select occurred_at from audit_events where id = ${written[0]!.id}`,
      );
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).not.toMatch(/Seq Scan/);
    expect(plan).toMatch(
      /Index (Only )?Scan using audit_events_\w+_pkey|Bitmap Index Scan on audit_events_\w+_pkey/,
    );
  });

  it('detaches an old month for archiving, only outside the retention, keeping it append-only', async () => {
    await maintainAuditPartitions(t.db, new Date('2035-01-10T00:00:00Z'), 1);
    const old = await append(t.db, '2035-01-10T12:00:00Z', 'test.archived');
    const kept = await append(t.db, '2035-02-10T12:00:00Z', 'test.archived');
    const now = new Date('2035-08-15T00:00:00Z');

    const inside = await detachAuditMonth(t.db, {
      month: '2035-02',
      now,
      retentionMonths: 6,
    }).catch((e: unknown) => e);
    expect(inside).toBeInstanceOf(DomainError);
    expect((inside as DomainError).code).toBe('conflict');
    const malformed = await detachAuditMonth(t.db, {
      month: '2035-1',
      now,
      retentionMonths: 6,
    }).catch((e: unknown) => e);
    expect((malformed as DomainError).code).toBe('validation');

    expect(await detachAuditMonth(t.db, { month: '2035-01', now, retentionMonths: 6 })).toBe(
      'audit_partitions.audit_events_2035_01',
    );
    const left = await t.db
      .select()
      .from(s.auditEvents)
      .where(sql`action = 'test.archived'`);
    expect(left.map((e) => e.id)).toEqual([kept]);
    const archived = await queryRows<{ id: number | string }>(
      t.db,
      sql`select id from audit_partitions.audit_events_2035_01`,
    );
    expect(archived.map((r) => Number(r.id))).toEqual([old]);
    const rewrite = await t.db
      .execute(sql`update audit_partitions.audit_events_2035_01 set summary = 'x'`)
      .catch((e: unknown) => e);
    expect(errorText(rewrite)).toMatch(/append-only \(UPDATE refused\)/);
    expect(await partitionNames(t.db)).not.toContain('audit_partitions.audit_events_2035_01');
    // Already detached: nothing to do. Maintenance does not bring the month back.
    expect(await detachAuditMonth(t.db, { month: '2035-01', now, retentionMonths: 6 })).toBeNull();
    expect(await maintainAuditPartitions(t.db, new Date('2035-01-10T00:00:00Z'), 0)).toEqual([]);
  });

  it('the scheduler maintains partitions at start and then once a day', async () => {
    const job = jobs.find((j) => j.name === 'audit-partitions')!;
    expect(job).toBeDefined();
    let clock = new Date('2036-03-10T08:00:00Z');
    const runs: string[][] = [];
    const counted = {
      ...job,
      run: async (db: Db, now: Date) => {
        const created = await maintainAuditPartitions(db, now);
        runs.push(created);
        return { processed: created.length };
      },
    };
    const scheduler = startScheduler({
      getDb: () => Promise.resolve(t.db),
      expression: '0 0 1 1 *',
      jobs: [counted],
      now: () => clock,
    });
    try {
      await scheduler.tick(); // the tick at start (already running) or this one
      expect(runs).toEqual([['2036-03-01', '2036-04-01', '2036-05-01', '2036-06-01']]);
      clock = new Date('2036-03-10T20:00:00Z');
      await scheduler.tick();
      expect(runs).toHaveLength(1);
      clock = new Date('2036-04-10T08:00:00Z');
      await scheduler.tick();
      expect(runs).toEqual([
        ['2036-03-01', '2036-04-01', '2036-05-01', '2036-06-01'],
        ['2036-07-01'],
      ]);
    } finally {
      await scheduler.stop();
    }
  });
});
