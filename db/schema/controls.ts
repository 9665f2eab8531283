import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { groups, users } from './users';

/**
 * Authority limits (threshold rules on money): the largest amount a completion by a member of
 * the group — or by one person, as an override of their groups — may approve. Versioned like
 * routing rules: every save is a new row of authority_limit_versions, and an approval records
 * the (limit, version) it relied on.
 */
export const authorityLimits = pgTable(
  'authority_limits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('authority_limits_group_uq')
      .on(t.groupId)
      .where(sql`${t.groupId} is not null`),
    uniqueIndex('authority_limits_user_uq')
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
    check('authority_limits_one_subject', sql`(${t.groupId} is null) <> (${t.userId} is null)`),
  ],
);

export const authorityLimitVersions = pgTable(
  'authority_limit_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    limitId: uuid('limit_id')
      .notNull()
      .references(() => authorityLimits.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Whole cents; null means without limit. */
    maxAmountCents: bigint('max_amount_cents', { mode: 'number' }),
    /** An inactive version removes the limit (a person's override falls back to their groups). */
    active: boolean('active').notNull().default(true),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('authority_limit_versions_uq').on(t.limitId, t.version),
    check(
      'authority_limit_versions_amount',
      sql`${t.maxAmountCents} is null or ${t.maxAmountCents} >= 0`,
    ),
  ],
);

/**
 * Named numeric settings of the financial controls (e.g. `payout-variance-share`: how far an
 * approved amount may differ from the recommended payout before a written reason is needed).
 * Every change is an audit event with before and after, and bumps `version`.
 */
export const thresholdSettings = pgTable('threshold_settings', {
  key: text('key').primaryKey(),
  value: doublePrecision('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
