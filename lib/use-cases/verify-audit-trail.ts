import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import {
  configuredSigningKeys,
  NO_SIGNATURE,
  verifyCheckpoints,
  type CheckpointProblem,
  type SigningKeys,
} from '../audit-signing';
import { checkChains, type ChainProblem } from '../data/audit-chain';
import {
  checkpointsOfChain,
  headsOfCheckpoints,
  listCheckpoints,
  signatureBefore,
} from '../data/audit-checkpoints';
import type { Actor } from '../domain/permissions';
import { isUuid } from '../validation';
import { guard } from './guard';
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
  /**
   * The signed checkpoints that cover the checked chains: how many, and those whose signature,
   * heads or link to the checkpoint before do not hold. `keyConfigured: false`: no signing key
   * here, so signatures were not checked (their heads still were, against the events).
   */
  checkpoints: { count: number; keyConfigured: boolean; problems: CheckpointProblem[] };
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
  keys: SigningKeys = configuredSigningKeys(),
): Promise<TrailVerdict> {
  const report = await checkChains(db, scope);
  const checkpoints = await checkCheckpoints(db, scope, keys);
  return {
    verified: report.problems.length === 0 && checkpoints.problems.length === 0,
    events: report.events,
    chains: report.chains,
    firstBreak: report.problems[0] ?? null,
    problems: report.problems,
    checkpoints,
    checkedAt: now,
  };
}

/** Checkpoints whose heads are read and checked at a time by the whole-trail check. */
const CHECKPOINTS_PER_PAGE = 200;

async function checkCheckpoints(
  db: DbOrTx,
  scope: { caseId: string } | 'all',
  keys: SigningKeys,
): Promise<TrailVerdict['checkpoints']> {
  const keyConfigured = keys.byId.size > 0;
  const list =
    scope === 'all'
      ? await listCheckpoints(db)
      : await checkpointsOfChain(db, `case:${scope.caseId}`);
  let problems: CheckpointProblem[] = [];
  if (scope === 'all') {
    // In pages, so that neither the bound ids nor the heads in memory grow with the trail's age.
    let before: string = NO_SIGNATURE;
    for (let i = 0; i < list.length; i += CHECKPOINTS_PER_PAGE) {
      const page = list.slice(i, i + CHECKPOINTS_PER_PAGE);
      const heads = await headsOfCheckpoints(
        db,
        page.map((c) => c.id),
      );
      problems.push(...verifyCheckpoints(page, heads, keys, before));
      before = page.at(-1)!.signature;
    }
  } else {
    const heads = await headsOfCheckpoints(
      db,
      list.map((c) => c.id),
    );
    // Not contiguous: each is linked to the checkpoint just before it, whichever chain that covers.
    for (const c of list)
      problems.push(
        ...verifyCheckpoints([c], heads, keys, (await signatureBefore(db, c.id)) ?? NO_SIGNATURE),
      );
  }
  if (!keyConfigured) problems = problems.filter((p) => p.problem !== 'unknown key');
  return { count: list.length, keyConfigured, problems };
}

/** Verifies one case's audit chain, for those allowed to read the case (else not found). */
export async function verifyCaseTrail(db: DbOrTx, actor: Actor, caseId: string, now: Date) {
  const c = await requireReadableCase(db, actor, caseId);
  return verifyTrail(db, { caseId: c.id }, now);
}

/**
 * Verifies the whole trail (every chain and checkpoint), for those who may read the audit log.
 * Reads every event once: seconds on millions of events, so pages ask for it on demand.
 */
export async function verifyWholeTrail(db: DbOrTx, actor: Actor, now: Date) {
  await guard(db, actor, 'audit.read', undefined, { type: 'audit_log' });
  return verifyTrail(db, 'all', now);
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
