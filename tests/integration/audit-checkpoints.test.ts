import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { jobs } from '../../cron/jobs';
import { parseSigningKeys, type SigningKeys } from '../../lib/audit-signing';
import { recordAudit } from '../../lib/data/audit';
import { verifyTrail } from '../../lib/use-cases/verify-audit-trail';
import { writeAuditCheckpoint } from '../../lib/use-cases/write-audit-checkpoint';
import { seedDemo } from '../../scripts/seed/seed-demo';
import {
  asSuperuserWithoutTriggers,
  createTestDb,
  onPostgres,
  type TestDb,
} from '../helpers/test-db';

/**
 * Signed checkpoints of the audit chain heads (migration 0018): written by the scheduler with the
 * operator's key, they catch what the chains alone cannot — the newest events removed together
 * with their head row — and are themselves refused to anyone without the key.
 */
let t: TestDb;
let caseIds: string[];
const secretA = 'a'.repeat(40);
const secretB = 'b'.repeat(40);
const keysA: SigningKeys = parseSigningKeys(`k1 ${secretA}`, 'file');
const keysAB: SigningKeys = parseSigningKeys(`k1 ${secretA}\nk2 ${secretB}`, 'file');
const engine = { kind: 'system' as const, name: 'engine' as const };
const now = () => new Date();

beforeAll(async () => {
  t = await createTestDb({ max: 10 });
  await seedDemo(t.db, { now: new Date() });
  caseIds = (
    await queryRows<{ id: string }>(t.db, sql`select id from cases order by reference`)
  ).map((r) => r.id);
});
afterAll(async () => {
  await t?.close();
});

const note = (caseId: string | null, summary: string) =>
  recordAudit(t.db, engine, {
    action: 'test.note',
    entityType: caseId ? 'case' : 'test',
    caseId,
    summary,
  });

describe(`signed audit checkpoints on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('writes nothing without a signing key, and the job is registered', async () => {
    expect(await writeAuditCheckpoint(t.db, now(), parseSigningKeys('', 'list'))).toBe(0);
    expect(jobs.map((j) => j.name)).toContain('audit-checkpoints');
    const [n] = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from audit_checkpoints`,
    );
    expect(Number(n!.n)).toBe(0);
  });

  it('covers every chain that moved, once, and then only what moved since', async () => {
    const [heads] = await queryRows<{ n: number | string }>(
      t.db,
      sql`select count(*) as n from audit_chain_heads`,
    );
    expect(await writeAuditCheckpoint(t.db, now(), keysA)).toBe(Number(heads!.n));
    expect(await writeAuditCheckpoint(t.db, now(), keysA)).toBe(0);
    await note(caseIds[0]!, 'one more');
    await note(caseIds[0]!, 'and another');
    await note(null, 'a global one');
    expect(await writeAuditCheckpoint(t.db, now(), keysA)).toBe(2);
    const verdict = await verifyTrail(t.db, 'all', now(), keysA);
    expect(verdict.checkpoints).toEqual({ count: 2, keyConfigured: true, problems: [] });
    expect(verdict.verified).toBe(true);
  });

  it('two writers at once never cover a head twice and keep the checkpoints linked', async () => {
    for (const c of caseIds.slice(0, 6)) await note(c, 'before the race');
    const covered = await Promise.all(
      Array.from({ length: 4 }, () => writeAuditCheckpoint(t.db, now(), keysA)),
    );
    expect(covered.reduce((a, b) => a + b, 0)).toBe(6);
    const verdict = await verifyTrail(t.db, 'all', now(), keysA);
    expect(verdict.checkpoints.problems).toEqual([]);
  });

  it('rotates keys by id: new checkpoints sign with the newest, old ones still verify', async () => {
    await note(caseIds[1]!, 'after rotation');
    expect(await writeAuditCheckpoint(t.db, now(), keysAB)).toBe(1);
    const [last] = await queryRows<{ key_id: string }>(
      t.db,
      sql`select key_id from audit_checkpoints order by id desc limit 1`,
    );
    expect(last!.key_id).toBe('k2');
    expect((await verifyTrail(t.db, 'all', now(), keysAB)).verified).toBe(true);
    // Without k2 the newest cannot be checked; without any key none are (and that is said).
    expect((await verifyTrail(t.db, 'all', now(), keysA)).checkpoints.problems).toEqual([
      { checkpointId: expect.any(Number), problem: 'unknown key' },
    ]);
    const none = await verifyTrail(t.db, 'all', now(), parseSigningKeys('', 'list'));
    expect(none.checkpoints).toMatchObject({ keyConfigured: false, problems: [] });
  });

  it('catches the newest events removed together with their head row', async () => {
    const c = caseIds[2]!;
    await note(c, 'the newest, checkpointed');
    await writeAuditCheckpoint(t.db, now(), keysAB);
    const [newest] = await queryRows<{ id: number | string; seq: number | string }>(
      t.db,
      sql`select id, chain_seq as seq from audit_events where case_id = ${c}
           order by chain_seq desc limit 1`,
    );
    await asSuperuserWithoutTriggers(t.db, async (tx) => {
      await tx.execute(sql`delete from audit_events where id = ${newest!.id}`);
      await tx.execute(sql`
        update audit_chain_heads h set seq = e.chain_seq, hash = e.hash, prev_hash = e.prev_hash
          from audit_events e
         where h.chain = ${`case:${c}`} and e.chain = h.chain and e.chain_seq = ${Number(newest!.seq) - 1}`);
    });
    const verdict = await verifyTrail(t.db, { caseId: c }, now(), keysAB);
    expect(verdict.verified).toBe(false);
    expect(verdict.firstBreak).toEqual({
      chain: `case:${c}`,
      seq: Number(newest!.seq),
      eventId: null,
      problem: 'newest events missing',
    });
  });

  it('refuses a checkpoint edited, forged or removed without the key', async () => {
    const c = caseIds[3]!;
    await note(c, 'covered by the checkpoint under attack');
    await writeAuditCheckpoint(t.db, now(), keysAB);
    await note(caseIds[4]!, 'covered by the one after it');
    await writeAuditCheckpoint(t.db, now(), keysAB);
    const [attacked, after] = await queryRows<{ id: number | string }>(
      t.db,
      sql`select id from audit_checkpoints order by id desc limit 2`,
    ).then((r) => [r[1]!, r[0]!]);
    // A head of it changed: its digest no longer matches.
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(
        sql`update audit_checkpoint_heads set seq = seq + 1 where checkpoint_id = ${attacked!.id}`,
      ),
    );
    let verdict = await verifyTrail(t.db, { caseId: c }, now(), keysAB);
    expect(verdict.checkpoints.problems).toEqual(
      expect.arrayContaining([{ checkpointId: Number(attacked!.id), problem: 'heads changed' }]),
    );
    // Its digest recomputed to match: the signature no longer does.
    await asSuperuserWithoutTriggers(t.db, (tx) =>
      tx.execute(
        sql`update audit_checkpoints set heads_digest = ${'f'.repeat(64)} where id = ${attacked!.id}`,
      ),
    );
    verdict = await verifyTrail(t.db, 'all', now(), keysAB);
    expect(verdict.checkpoints.problems).toEqual(
      expect.arrayContaining([
        { checkpointId: Number(attacked!.id), problem: 'signature invalid' },
      ]),
    );
    // Removed altogether: the next one's link to it is broken.
    await asSuperuserWithoutTriggers(t.db, async (tx) => {
      await tx.execute(
        sql`delete from audit_checkpoint_heads where checkpoint_id = ${attacked!.id}`,
      );
      await tx.execute(sql`delete from audit_checkpoints where id = ${attacked!.id}`);
    });
    verdict = await verifyTrail(t.db, 'all', now(), keysAB);
    expect(verdict.verified).toBe(false);
    expect(verdict.checkpoints.problems).toEqual(
      expect.arrayContaining([
        { checkpointId: Number(after!.id), problem: 'chain of checkpoints broken' },
      ]),
    );
  });

  it('keeps checkpoints append-only for the application', async () => {
    const refused = await t.db.execute(sql`delete from audit_checkpoints`).catch((e: unknown) => e);
    expect(String((refused as { cause?: unknown }).cause ?? refused)).toMatch(/append-only/);
  });
});
