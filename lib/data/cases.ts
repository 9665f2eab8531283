import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { cases, idempotencyKeys } from '../../db/schema';

/** Case references (CLM-2026-000123) by case id, for notification texts. */
export async function getCaseReferences(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(inArray(cases.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** The case, row-locked until the transaction ends (its engine steps run one at a time); null when missing. */
export async function getCaseForUpdate(tx: DbOrTx, caseId: string) {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  return c ?? null;
}

/**
 * The next reference of `prefix` in the year of `now` (UTC), like CLM-2026-000123, from the
 * sequence of that prefix and year (handoff_case_reference, migrations 0012 and 0016): unique
 * and increasing, never a row every intake waits on. A transaction that rolls back loses its
 * number, so references can have gaps.
 */
function referenceSql(prefix: string, now: Date) {
  return sql`handoff_case_reference(${prefix}::text, ${now.getUTCFullYear()}::integer)`;
}

export async function drawReference(tx: DbOrTx, prefix: string, now: Date): Promise<string> {
  const [row] = await queryRows<{ reference: string }>(
    tx,
    sql`select ${referenceSql(prefix, now)} as reference`,
  );
  return row!.reference;
}

/**
 * Claims an API token's Idempotency-Key for a new case and, only when the claim succeeded, draws
 * the case's reference — one statement. Null when the key was already claimed (then nothing was
 * written and no number was drawn). A concurrent claim of the same key waits for the first
 * claimer's transaction to end. The key's case_id is checked at commit (deferred foreign key), by
 * when the case is stored.
 */
export async function claimKeyAndReference(
  tx: DbOrTx,
  claim: {
    tokenId: string;
    key: string;
    requestHash: string;
    caseId: string;
    prefix: string;
    now: Date;
  },
): Promise<string | null> {
  const [row] = await queryRows<{ reference: string }>(
    tx,
    sql`insert into ${idempotencyKeys} (${sql.identifier(idempotencyKeys.tokenId.name)}, ${sql.identifier(idempotencyKeys.key.name)}, ${sql.identifier(idempotencyKeys.requestHash.name)}, ${sql.identifier(idempotencyKeys.caseId.name)}, ${sql.identifier(idempotencyKeys.responseStatus.name)}, ${sql.identifier(idempotencyKeys.createdAt.name)})
        values (${claim.tokenId}, ${claim.key}, ${claim.requestHash}, ${claim.caseId}, 201, ${claim.now.toISOString()}::timestamptz)
        on conflict do nothing
        returning ${referenceSql(claim.prefix, claim.now)} as reference`,
  );
  return row?.reference ?? null;
}

/**
 * Makes the reference sequence of `prefix` and `year` unless it exists (migration 0016); true
 * when it made it. Needs CREATE on the schema: run by migrations and the scheduler, so intake
 * itself never has to.
 */
export async function ensureReferenceSequence(
  db: DbOrTx,
  prefix: string,
  year: number,
): Promise<boolean> {
  const [row] = await queryRows<{ created: boolean }>(
    db,
    sql`select handoff_ensure_case_reference_sequence(${prefix}::text, ${year}::integer) as created`,
  );
  return row!.created;
}
