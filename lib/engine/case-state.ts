import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases, referenceCounters } from '../../db/schema';
import { findStep, type CaseDefinition, type StepDefinition } from '../domain/case-definition';
import { valueAtPath } from '../domain/routing-rules';

export type CaseRow = typeof cases.$inferSelect;
export type EngineCtx = { tx: DbOrTx; now: Date; random: () => number };

export const ENGINE = { kind: 'system', name: 'engine' } as const;
export function nextInOrder(def: CaseDefinition, key: string): string | null {
  const i = def.steps.findIndex((s) => s.key === key);
  return def.steps[i + 1]?.key ?? null;
}

export function stepOrThrow(def: CaseDefinition, key: string): StepDefinition {
  const s = findStep(def, key);
  if (!s) throw new Error(`Case definition has no step "${key}"`);
  return s;
}

/** Reference like CLM-2026-000123 from a per-prefix, per-year counter (row-locked, so gap-free and unique). */
export async function nextReference(tx: DbOrTx, prefix: string, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [row] = await tx
    .insert(referenceCounters)
    .values({ prefix, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [referenceCounters.prefix, referenceCounters.year],
      set: { lastValue: sql`${referenceCounters.lastValue} + 1` },
    })
    .returning({ n: referenceCounters.lastValue });
  return `${prefix}-${year}-${String(row!.n).padStart(6, '0')}`;
}

function amountCentsOf(def: CaseDefinition, data: Record<string, unknown>): number | null {
  const v =
    data.approvedPayout ??
    (def.display.amountPath ? valueAtPath(data, def.display.amountPath) : undefined);
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : null;
}

export async function updateCase(
  ctx: EngineCtx,
  c: CaseRow,
  def: CaseDefinition,
  patch: Partial<typeof cases.$inferInsert>,
): Promise<CaseRow> {
  const data = patch.data ?? c.data;
  const [next] = await ctx.tx
    .update(cases)
    .set({
      ...patch,
      amountCents: amountCentsOf(def, data),
      version: c.version + 1,
      updatedAt: ctx.now,
    })
    .where(and(eq(cases.id, c.id), eq(cases.version, c.version)))
    .returning();
  if (!next) throw new Error(`Case ${c.reference} changed concurrently`);
  return next;
}
