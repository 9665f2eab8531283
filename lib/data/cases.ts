import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases } from '../../db/schema';

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
