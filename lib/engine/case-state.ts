import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cases } from '../../db/schema';
import type { ConfigSnapshot } from '../data/config-cache';
import { findStep, type CaseDefinition, type StepDefinition } from '../domain/case-definition';
import { valueAtPath } from '../domain/routing-rules';
import type { CaseWrites } from './case-writes';

export type CaseRow = typeof cases.$inferSelect;
export type EngineCtx = {
  tx: DbOrTx;
  now: Date;
  random: () => number;
  /**
   * Rules, SLA policies, groups and limits of the current config version (intake): read from
   * it instead of the database. Without it the engine reads them in its transaction.
   */
  config?: ConfigSnapshot;
  /** The writes of a case this transaction inserted, collected and written at the end (intake). */
  writes?: CaseWrites;
};

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

/**
 * The next reference of `prefix` in the year of `now`, like CLM-2026-000123: an SQL expression
 * for the case's INSERT, so the number is drawn by the statement that stores it. It comes from a
 * sequence per prefix and year (migration 0012, handoff_case_reference): unique and increasing,
 * and never a row every intake waits on. A transaction that rolls back loses its number, so
 * references can have gaps.
 */
export function nextReferenceSql(prefix: string, now: Date): SQL<string> {
  return sql<string>`handoff_case_reference(${prefix}::text, ${now.getUTCFullYear()}::integer)`;
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
  const set = {
    ...patch,
    amountCents: amountCentsOf(def, data),
    version: c.version + 1,
    updatedAt: ctx.now,
  };
  if (ctx.writes?.inserted.id === c.id) return ctx.writes.updateCase(c, set);
  const [next] = await ctx.tx
    .update(cases)
    .set(set)
    .where(and(eq(cases.id, c.id), eq(cases.version, c.version)))
    .returning();
  if (!next) throw new Error(`Case ${c.reference} changed concurrently`);
  return next;
}
