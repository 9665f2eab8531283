import { count, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import * as s from '../../db/schema';
import { hashPassword } from '../../lib/auth/password';
import { loadGroupLimits } from '../../lib/data/authority';
import { loadCurrentRules } from '../../lib/data/definitions';
import type { HumanStep } from '../../lib/domain/case-definition';
import { getEnv } from '../../lib/env';
import { autoClaimDefinition } from './auto-claim';
import { DEMO_PASSWORD, demoUsers, prng, scenarios } from './demo-data';
import { seedCase } from './seed-case';
import { seedReferenceData } from './seed-reference-data';

export { DEMO_PASSWORD, DEMO_TOKEN, demoUsers } from './demo-data';

export type SeedResult = { seeded: boolean; cases: number; tasks: number };

export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(s.users);
  return (row?.n ?? 0) > 0;
}

/**
 * Seeds the demo data contract. Deterministic apart from `now`, which places deadlines so that
 * the demo always has work that is on time, due soon, overdue and escalated.
 * Does nothing when users already exist (returns seeded: false).
 */
export async function seedDemo(
  db: DbOrTx,
  options: { now?: Date; dueSoonSeconds?: number } = {},
): Promise<SeedResult> {
  const now = options.now ?? new Date();
  /** One task falls due this long after seeding (HANDOFF_DEMO_DUE_SOON_SECONDS, default 4 minutes). */
  const dueSoonSeconds = options.dueSoonSeconds ?? getEnv().HANDOFF_DEMO_DUE_SOON_SECONDS ?? 240;
  const rand = prng(20261127);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    if (await isSeeded(tx)) return { seeded: false, cases: 0, tasks: 0 };
    const refs = await seedReferenceData(tx, now, passwordHash);
    const year = now.getUTCFullYear();
    const ctx = {
      ...refs,
      tx,
      now,
      rand,
      dueSoonSeconds,
      year,
      humanStep: (key: string) =>
        autoClaimDefinition.steps.find((st) => st.key === key) as HumanStep,
      routingRules: await loadCurrentRules(tx, refs.caseTypeId),
      groupLimits: await loadGroupLimits(tx),
      nameOf: (email: string) => demoUsers.find((u) => u.email === email)!.name,
      tokenName: 'Demo intake portal',
    };
    let seq = 0;
    let taskCount = 0;
    for (const sc of scenarios) {
      seq++;
      taskCount += await seedCase(ctx, sc, seq);
    }

    await tx.insert(s.referenceCounters).values({ prefix: 'CLM', year, lastValue: seq });
    await tx.insert(s.auditEvents).values({
      ...refs.engine,
      occurredAt: now,
      action: 'demo.seeded',
      entityType: 'system',
      summary: `Demo data seeded: ${seq} cases, ${taskCount} tasks`,
    });
    return { seeded: true, cases: seq, tasks: taskCount };
  });
}

/** Removes every table and migration record, so migrations and the seed start from nothing. */
export async function dropEverything(db: DbOrTx): Promise<void> {
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await db.execute(sql`drop schema if exists public cascade`);
  await db.execute(sql`create schema public`);
}
