import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import {
  auditCheckpointHeads,
  caseTypes,
  caseTypeVersions,
  routingRuleVersions,
  slaPolicies,
  users,
} from '../../db/schema';
import type { PolicyEdit, PolicySnapshot } from '../evidence/sla-policy-versions';

/**
 * Reads for the evidence bundle of one case (lib/use-cases/export-evidence-bundle.ts). Each read
 * is one statement; the use-case runs them in one transaction, heads before events, so nothing a
 * head names can be missed by the events read after it.
 */

export type ChainEventRow = {
  id: number;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  taskId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
  chain: string;
  seq: number;
  prevHash: string;
  hash: string;
  content: string;
};

/**
 * The events of a case's chain in chain order, each with the text its hash covers, rendered by the
 * same function the insert trigger uses (so it is the hashed text byte for byte). An event whose
 * chain column was edited away is still read by its case, as checkChains does, and shows as being
 * in the wrong chain.
 */
export async function listChainEventsWithContent(
  db: DbOrTx,
  caseId: string,
): Promise<ChainEventRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select e.id, e.actor_type::text as actor_type, e.actor_id, e.actor_label, e.action,
               e.entity_type, e.entity_id, e.case_id, e.task_id, e.summary, e.before, e.after,
               e.metadata, e.chain, e.chain_seq, e.prev_hash, e.hash, c.content,
               c.content::jsonb ->> 'occurredAt' as occurred_at
          from audit_events e
          cross join lateral (
            select handoff_audit_content(
              e.id, e.chain, e.chain_seq, e.occurred_at, e.actor_type::text, e.actor_id,
              e.actor_label, e.action, e.entity_type, e.entity_id, e.case_id, e.task_id,
              e.summary, e.before, e.after, e.metadata) as content) c
         where e.chain = ${`case:${caseId}`} or e.case_id = ${caseId}
         order by e.chain_seq, e.id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: String(r.occurred_at),
    actorType: String(r.actor_type),
    actorId: (r.actor_id as string | null) ?? null,
    actorLabel: String(r.actor_label),
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: (r.entity_id as string | null) ?? null,
    caseId: (r.case_id as string | null) ?? null,
    taskId: (r.task_id as string | null) ?? null,
    summary: String(r.summary),
    before: r.before ?? null,
    after: r.after ?? null,
    metadata: r.metadata ?? null,
    chain: String(r.chain),
    seq: Number(r.chain_seq),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
    content: String(r.content),
  }));
}

/** The chain's head row (its newest event), or null for a chain with no event. */
export async function getChainHead(db: DbOrTx, chain: string) {
  const [h] = await queryRows<{ seq: number | string; hash: string }>(
    db,
    sql`select seq, hash from audit_chain_heads where chain = ${chain}`,
  );
  return h ? { seq: Number(h.seq), hash: h.hash } : null;
}

/** This chain's head in each of the given checkpoints, by checkpoint id. */
export async function chainHeadsInCheckpoints(db: DbOrTx, chain: string, ids: readonly number[]) {
  if (!ids.length) return new Map<number, { seq: number; hash: string }>();
  const rows = await db
    .select()
    .from(auditCheckpointHeads)
    .where(
      and(
        eq(auditCheckpointHeads.chain, chain),
        inArray(auditCheckpointHeads.checkpointId, [...ids]),
      ),
    );
  return new Map(rows.map((r) => [r.checkpointId, { seq: r.seq, hash: r.hash }]));
}

/** The case type, its version and the field labels of that version. */
export async function getCaseTypeVersion(db: DbOrTx, caseTypeVersionId: string) {
  const [row] = await db
    .select({
      key: caseTypes.key,
      name: caseTypes.name,
      version: caseTypeVersions.version,
      definition: caseTypeVersions.definition,
    })
    .from(caseTypeVersions)
    .innerJoin(caseTypes, eq(caseTypes.id, caseTypeVersions.caseTypeId))
    .where(eq(caseTypeVersions.id, caseTypeVersionId));
  return row ?? null;
}

export async function getPeople(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { id: string; name: string; email: string }>();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The saved rule versions named by (rule id, version), as they were saved (never edited). */
export async function listRuleVersions(
  db: DbOrTx,
  refs: readonly { ruleId: string; version: number }[],
) {
  if (!refs.length) return [];
  return db
    .select()
    .from(routingRuleVersions)
    .where(
      or(
        ...refs.map((r) =>
          and(eq(routingRuleVersions.ruleId, r.ruleId), eq(routingRuleVersions.version, r.version)),
        ),
      ),
    );
}

/** The policies as they are now, and every edit of them in the audit trail (oldest first). */
export async function loadSlaPolicyHistory(db: DbOrTx, policyIds: readonly string[]) {
  if (!policyIds.length) return { current: [], edits: [] as PolicyEdit[] };
  const current = await db
    .select()
    .from(slaPolicies)
    .where(inArray(slaPolicies.id, [...policyIds]));
  const rows = await queryRows<{
    id: number | string;
    entity_id: string;
    occurred_at: Date | string;
    before: PolicySnapshot | null;
    after: PolicySnapshot | null;
  }>(
    db,
    sql`select id, entity_id, occurred_at, before, after from audit_events
         where action = 'sla_policy.updated' and entity_type = 'sla_policy'
           and entity_id in (${sql.join(
             policyIds.map((id) => sql`${id}`),
             sql`, `,
           )})
         order by occurred_at, id`,
  );
  const edits: PolicyEdit[] = rows.map((r) => ({
    eventId: Number(r.id),
    policyId: r.entity_id,
    occurredAt: new Date(r.occurred_at),
    before: r.before,
    after: r.after,
  }));
  return { current, edits };
}
