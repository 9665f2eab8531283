import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { actorType } from './enums';

/**
 * Append-only: a trigger refuses UPDATE and DELETE (migration 0001, recreated on the partitioned
 * table by 0013). Every state change writes its event in the same transaction as the change.
 *
 * Partitioned by UTC month of occurred_at (migration 0013; drizzle cannot declare partitioning, so
 * the SQL is the source of truth for it): partitions audit_partitions.audit_events_YYYY_MM plus a
 * DEFAULT partition, created ahead by lib/use-cases/maintain-audit-partitions.ts. Hence the primary
 * key is (id, occurred_at) — PostgreSQL requires the partition key in every unique index. Ids still
 * come from one sequence, so they stay unique, but no index enforces it on its own: never insert an
 * explicit id. The indexes below are partitioned indexes (one per partition).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: actorType('actor_type').notNull(),
    /** User id, token id, or the system actor's name (e.g. "scheduler"). */
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    /** Dotted verb, e.g. "task.claimed", "case.opened", "rule.saved", "auth.sign_in_failed". */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    caseId: uuid('case_id'),
    taskId: uuid('task_id'),
    summary: text('summary').notNull().default(''),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    // The hash chain (migration 0017). The BEFORE INSERT trigger handoff_audit_chain sets all four
    // on every insert (NOT NULL in the database; optional here so that inserts leave them to it).
    /** "case:<uuid>" for an event of a case, else "global". */
    chain: text('chain'),
    /** Place in the chain, from 1. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    /** The hash of the event before it in its chain (64 zeros for the first). */
    prevHash: text('prev_hash'),
    /** hex(sha256(prev_hash || "\n" || handoff_audit_content(event))). */
    hash: text('hash'),
  },
  (t) => [
    primaryKey({ name: 'audit_events_pkey', columns: [t.id, t.occurredAt] }),
    index('audit_events_case_idx').on(t.caseId, t.id),
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_action_idx').on(t.action, t.occurredAt),
    index('audit_events_chain_idx').on(t.chain, t.chainSeq),
  ],
);

/** The newest event of every chain, locked by each insert into the chain (migration 0017). */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** The head event's prev_hash (so one UPDATE both moves the head and returns the link). */
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  /** The seq the latest checkpoint covers (migration 0018). */
  checkpointedSeq: bigint('checkpointed_seq', { mode: 'number' }).notNull().default(0),
});

/** Signed checkpoints of the chain heads (migration 0018); append-only like the events. */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  keyId: text('key_id').notNull(),
  prevSignature: text('prev_signature').notNull(),
  headsDigest: text('heads_digest').notNull(),
  headCount: integer('head_count').notNull(),
  signature: text('signature').notNull(),
});

/** The chain heads one checkpoint covers. */
export const auditCheckpointHeads = pgTable(
  'audit_checkpoint_heads',
  {
    checkpointId: bigint('checkpoint_id', { mode: 'number' })
      .notNull()
      .references(() => auditCheckpoints.id),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ name: 'audit_checkpoint_heads_pkey', columns: [t.chain, t.checkpointId] }),
    index('audit_checkpoint_heads_checkpoint_idx').on(t.checkpointId),
  ],
);
