import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, queryRows, type DbHandle } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { parseSigningKeys } from '../../lib/audit-signing';
import { checkChains } from '../../lib/data/audit-chain';
import { escalateDueTasks } from '../../lib/use-cases/escalate-due-tasks';
import { maintainAuditPartitions, utcMonth } from '../../lib/use-cases/maintain-audit-partitions';
import { maintainReferenceSequences } from '../../lib/use-cases/maintain-reference-sequences';
import { verifyTrail } from '../../lib/use-cases/verify-audit-trail';
import { writeAuditCheckpoint } from '../../lib/use-cases/write-audit-checkpoint';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { createTestDb, errorText, onPostgres, type TestDb } from '../helpers/test-db';

/**
 * Least privilege (issue 16): the web servers and schedulers connect as a role that does not own
 * the tables. Migrating as the owner with that role's connection (MIGRATION_DATABASE_URL) grants
 * it what the product needs — and no more: it cannot change or remove audit events, checkpoints
 * or chain heads, truncate them, disable their triggers or reach the partitions directly.
 */
const keys = parseSigningKeys(`k1 ${'s'.repeat(40)}`, 'file');
const role = `handoff_rt_${randomBytes(4).toString('hex')}`;
let owner: TestDb;
let runtime: DbHandle;
let ownerSql: postgres.Sql;

const refused = /permission denied|must be owner/;

async function runAsRuntime(statement: string): Promise<string> {
  try {
    await runtime.db.execute(sql.raw(statement));
    return 'allowed';
  } catch (e) {
    return errorText(e);
  }
}

describe.skipIf(!onPostgres())('the runtime role on PostgreSQL', () => {
  beforeAll(async () => {
    owner = await createTestDb();
    ownerSql = postgres(owner.url!, { max: 1, onnotice: () => {} });
    await ownerSql.unsafe(`create role ${role} login`);
    const u = new URL(owner.url!);
    u.username = role;
    runtime = openPostgres(u.toString(), { max: 4 });
    // What a web server does on start with both URLs set.
    await runMigrations(runtime, owner.url);
  });

  afterAll(async () => {
    await runtime?.close();
    await ownerSql?.unsafe(`drop owned by ${role}`);
    await ownerSql?.end();
    await owner?.close();
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop role if exists ${role}`);
    await admin.end();
  });

  it('connects as a role that owns nothing', async () => {
    const [me] = await queryRows<{ role: string; owns: number | string }>(
      runtime.db,
      sql`select current_user as role,
                 (select count(*) from pg_class where relowner = current_user::regrole) as owns`,
    );
    expect(me).toEqual({ role, owns: expect.anything() });
    expect(Number(me!.owns)).toBe(0);
  });

  it('starts with only its own URL once the owner has migrated', async () => {
    await expect(runMigrations(runtime)).resolves.toBeUndefined();
  });

  it('runs the product: intake, sweeps, partitions, references, checkpoints, verification', async () => {
    const now = new Date();
    const seeded = await seedDemo(runtime.db, { now });
    expect(seeded.cases).toBeGreaterThan(10);
    expect(
      await escalateDueTasks(runtime.db, new Date(now.getTime() + 30 * 86_400_000)),
    ).toBeGreaterThan(0);
    // Next year's partitions through the owner's function.
    const created = await maintainAuditPartitions(runtime.db, new Date(Date.UTC(2031, 0, 15)), 1);
    expect(created).toEqual([utcMonth(new Date(Date.UTC(2031, 0, 15))), '2031-02-01']);
    // A year nobody made a reference sequence for: made on the fly, then usable.
    const [ref] = await queryRows<{ ref: string }>(
      runtime.db,
      sql`select handoff_case_reference('RTT', 2044) as ref`,
    );
    expect(ref!.ref).toBe('RTT-2044-000001');
    expect(await maintainReferenceSequences(runtime.db, new Date(Date.UTC(2045, 5)))).toEqual(
      expect.arrayContaining(['CLM 2045', 'CLM 2046']),
    );
    expect(await writeAuditCheckpoint(runtime.db, now, keys)).toBeGreaterThan(10);
    const verdict = await verifyTrail(runtime.db, 'all', now, keys);
    expect(verdict.problems).toEqual([]);
    expect(verdict.checkpoints.problems).toEqual([]);
    expect(verdict.verified).toBe(true);
  });

  it('cannot change, remove or hide audit events, checkpoints or chain heads', async () => {
    const [part] = await queryRows<{ name: string }>(
      owner.db,
      sql`select n.nspname || '.' || c.relname as name from pg_inherits i
            join pg_class c on c.oid = i.inhrelid join pg_namespace n on n.oid = c.relnamespace
           where i.inhparent = 'audit_events'::regclass limit 1`,
    );
    const attempts = [
      `update audit_events set summary = 'edited' where id = (select min(id) from audit_events)`,
      `delete from audit_events where id = (select max(id) from audit_events)`,
      `truncate audit_events`,
      `alter table audit_events disable trigger all`,
      `alter table audit_events disable trigger audit_events_no_update_delete`,
      `alter table audit_events disable trigger audit_events_chain`,
      `drop trigger audit_events_no_update_delete on audit_events`,
      `drop table audit_events`,
      `update ${part!.name} set summary = 'edited'`,
      `delete from ${part!.name}`,
      `alter table ${part!.name} disable trigger all`,
      `update audit_checkpoints set signature = 'x'`,
      `delete from audit_checkpoint_heads`,
      `truncate audit_checkpoints`,
      `update audit_chain_heads set hash = repeat('0', 64), seq = 1`,
      `delete from audit_chain_heads`,
      `insert into audit_chain_heads (chain, seq, prev_hash, hash, event_id)
         values ('case:00000000-0000-4000-8000-000000000000', 1, 'x', 'x', 1)`,
      `set session_replication_role = replica`,
      `select handoff_detach_audit_partition('2031-01-01')`,
      `create table public.sneaky (x int)`,
      `create or replace function handoff_audit_chain() returns trigger language plpgsql as $$ begin return new; end $$`,
    ];
    for (const attempt of attempts)
      expect([attempt, await runAsRuntime(attempt)]).toEqual([
        attempt,
        expect.stringMatching(refused),
      ]);
    // Reading and appending still work, and nothing above changed the trail.
    expect(
      await runAsRuntime(`insert into audit_events (actor_type, actor_label, action, entity_type)
                          values ('system', 'test', 'test.appended', 'test')`),
    ).toBe('allowed');
    expect((await checkChains(owner.db, 'all')).problems).toEqual([]);
  });
});
