import {
  bigserial,
  index,
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
  },
  (t) => [
    primaryKey({ name: 'audit_events_pkey', columns: [t.id, t.occurredAt] }),
    index('audit_events_case_idx').on(t.caseId, t.id),
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_action_idx').on(t.action, t.occurredAt),
  ],
);
