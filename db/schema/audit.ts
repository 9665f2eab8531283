import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { actorType } from './enums';

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. Every state
 * change writes its event in the same transaction as the change.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
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
    index('audit_events_case_idx').on(t.caseId, t.id),
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_action_idx').on(t.action, t.occurredAt),
  ],
);
