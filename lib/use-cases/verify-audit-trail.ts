import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { checkChains, type ChainProblem } from '../data/audit-chain';
import type { Actor } from '../domain/permissions';
import { isUuid } from '../validation';
import { requireReadableCase } from './require-readable-case';

export type TrailVerdict = {
  /** True when every link of the checked chains holds and no newest event is missing. */
  verified: boolean;
  events: number;
  chains: number;
  /** The first broken link, by chain then place; null when verified. */
  firstBreak: ChainProblem | null;
  /** Every problem found, at most 100. */
  problems: ChainProblem[];
  checkedAt: Date;
};

/**
 * Verifies the audit hash chains: one case's or all of them. No authorization: for operators on
 * the server (`npm run audit:verify`) and for callers that checked it (verifyCaseTrail).
 */
export async function verifyTrail(
  db: DbOrTx,
  scope: { caseId: string } | 'all',
  now: Date,
): Promise<TrailVerdict> {
  const report = await checkChains(db, scope);
  return {
    verified: report.problems.length === 0,
    events: report.events,
    chains: report.chains,
    firstBreak: report.problems[0] ?? null,
    problems: report.problems,
    checkedAt: now,
  };
}

/** Verifies one case's audit chain, for those allowed to read the case (else not found). */
export async function verifyCaseTrail(db: DbOrTx, actor: Actor, caseId: string, now: Date) {
  const c = await requireReadableCase(db, actor, caseId);
  return verifyTrail(db, { caseId: c.id }, now);
}

/** A case by its id or its reference (CLM-2026-000123), for the command line. */
export async function findCaseByIdOrReference(db: DbOrTx, key: string) {
  const [c] = await queryRows<{ id: string; reference: string }>(
    db,
    isUuid(key)
      ? sql`select id, reference from cases where id = ${key}`
      : sql`select id, reference from cases where reference = ${key}`,
  );
  return c ?? null;
}
