import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CaseDefinition } from '../../lib/domain/case-definition';
import type { RuleAction, RuleCondition } from '../../lib/domain/routing-rule-types';
import type { ApprovalRequirement } from '../../lib/domain/payout-authority';
import { casePriority, caseStatus } from './enums';
import { searchFold } from './search-text';
import { users } from './users';

export const caseTypes = pgTable('case_types', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  /** Version new cases start with. */
  currentVersion: integer('current_version').notNull().default(1),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Immutable once written: running cases point at the version they started with. */
export const caseTypeVersions = pgTable(
  'case_type_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseTypeId: uuid('case_type_id')
      .notNull()
      .references(() => caseTypes.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<CaseDefinition>().notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('case_type_versions_uq').on(t.caseTypeId, t.version)],
);

/**
 * The reference counter of earlier releases (one row-locked row per prefix and year). References
 * now come from a sequence per prefix and year (handoff_case_reference, migration 0012), which
 * starts after the value kept here: the demo seed still writes it, so its cases keep their numbers.
 */
export const referenceCounters = pgTable(
  'reference_counters',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);

/**
 * One number that moves whenever something intake caches changes (case types, rules, SLA
 * policies, calendars, holidays, groups, authority limits, thresholds): statement-level triggers
 * of migration 0012 bump it in the editing transaction. Never written by the application.
 */
export const configVersions = pgTable(
  'config_versions',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
  },
  (t) => [check('config_versions_one_row', sql`${t.id} = 1`)],
);

/**
 * What the inbox search looks in, folded by searchFold, every word after a space: the reference
 * (whole, without its prefix, in parts, and its number without leading zeros), the title (the
 * claimant's name, whole and word by word) and the policy number (whole and in parts). A typed
 * word matches the start of a word, `search_text like '% ' || fold(word) || '%'`, which the
 * trigram index answers (cases_search_trgm_idx).
 */
function caseSearchText(): SQL {
  const words = (x: SQL) => sql`regexp_replace(${x}, '[^[:alnum:]]+', ' ', 'g')`;
  const ref = sql`"reference"`;
  const title = sql`"title"`;
  const policy = sql`coalesce("data" ->> 'policyNumber', '')`;
  const parts = [
    ref,
    sql`regexp_replace(${ref}, '^[^-]*-', '')`,
    words(ref),
    sql`regexp_replace(${ref}, '^.*[^0-9]0*', '')`,
    title,
    words(title),
    policy,
    words(policy),
  ];
  return searchFold(sql`' ' || ${sql.join(parts, sql` || ' ' || `)} || ' '`);
}

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    caseTypeId: uuid('case_type_id')
      .notNull()
      .references(() => caseTypes.id),
    caseTypeVersionId: uuid('case_type_version_id')
      .notNull()
      .references(() => caseTypeVersions.id),
    status: caseStatus('status').notNull().default('open'),
    priority: casePriority('priority').notNull().default('normal'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Denormalised from data for list display and search; kept in step with data by the engine. */
    title: text('title').notNull().default(''),
    /** Kept by PostgreSQL from reference, title and data (caseSearchText); never written. */
    searchText: text('search_text').generatedAlwaysAs(caseSearchText),
    amountCents: bigint('amount_cents', { mode: 'number' }),
    currentStepKey: text('current_step_key'),
    resolution: text('resolution'),
    /** When a waiting case gives up on its external event and opens a follow-up task. */
    waitUntil: timestamp('wait_until', { withTimezone: true }),
    waitingForEvent: text('waiting_for_event'),
    /**
     * An approval the routing rule demanded (add_approval_step). It stays with the case through
     * send-backs, information requests and reassignments until an approval step completes it.
     */
    approvalRequirement: jsonb('approval_requirement').$type<ApprovalRequirement | null>(),
    openedByActor: text('opened_by_actor').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('cases_status_created_idx').on(t.status, t.createdAt),
    index('cases_type_status_idx').on(t.caseTypeId, t.status, t.createdAt),
    index('cases_title_lower_idx').on(sql`lower(${t.title}) text_pattern_ops`),
    index('cases_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    index('cases_wait_until_idx')
      .on(t.waitUntil)
      .where(sql`${t.status} = 'waiting' and ${t.waitUntil} is not null`),
  ],
);

export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseTypeId: uuid('case_type_id')
      .notNull()
      .references(() => caseTypes.id, { onDelete: 'cascade' }),
    /** Evaluation order, lowest first; first match wins. */
    position: integer('position').notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('routing_rules_type_position_idx').on(t.caseTypeId, t.position)],
);

/** Every save of a rule is a new row; decisions record (rule id, version) so history never moves. */
export const routingRuleVersions = pgTable(
  'routing_rule_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => routingRules.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    condition: jsonb('condition').$type<RuleCondition>().notNull(),
    actions: jsonb('actions').$type<RuleAction[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('routing_rule_versions_uq').on(t.ruleId, t.version)],
);
