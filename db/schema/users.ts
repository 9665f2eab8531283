import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { escalationDelivery, userRole } from './enums';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: userRole('role').notNull().default('adjuster'),
    active: boolean('active').notNull().default(true),
    timeZone: text('time_zone').notNull().default('UTC'),
    /**
     * When the password last changed (by its owner or an admin's reset). Sessions signed in
     * before it are no longer accepted: the JWT carries its sign-in time (lib/auth/options.ts).
     */
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    outOfOffice: boolean('out_of_office').notNull().default(false),
    /** While out of office, new work routed to this user goes to the delegate instead. */
    delegateId: uuid('delegate_id').references((): AnyPgColumn => users.id, {
      onDelete: 'set null',
    }),
    /** Round-robin assignment picks the active member assigned longest ago. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    /**
     * The OpenID Connect identity bound to this account at its first single sign-on (matched by
     * e-mail then); later sign-ins match issuer + subject, so a changed e-mail at the provider
     * cannot take over another account.
     */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_identity_uq')
      .on(t.oidcIssuer, t.oidcSubject)
      .where(sql`${t.oidcSubject} is not null`),
  ],
);

export const groups = pgTable('groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  supervisorId: uuid('supervisor_id').references(() => users.id, { onDelete: 'set null' }),
  /** How the supervisor hears of escalations: one notification each, or a digest per period. */
  escalationDelivery: escalationDelivery('escalation_delivery').notNull().default('immediate'),
  /** Digest period in minutes (e.g. 60 = hourly); sent only in working hours when asked. */
  digestIntervalMinutes: integer('digest_interval_minutes').notNull().default(60),
  digestWorkingHoursOnly: boolean('digest_working_hours_only').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const groupMemberships = pgTable(
  'group_memberships',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /**
     * 'manual' (an admin's choice) or 'oidc' (mapped from the identity provider's groups claim
     * at sign-in): single sign-on adds and removes only the memberships it made.
     */
    source: text('source').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index('group_memberships_user_idx').on(t.userId),
  ],
);

/**
 * Every sign-in attempt that reached the password check, for throttling per (account, address)
 * and per address. `ip_address` is the throttling key of the address (an IPv6 address's /64),
 * the full address is in the audit event. A row is written as a failure before the password is
 * checked and turned into a success afterwards, so parallel guesses are counted at once.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ipAddress: text('ip_address'),
    succeeded: boolean('succeeded').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(sql`lower(${t.email})`, t.attemptedAt),
    index('sign_in_attempts_ip_idx').on(t.ipAddress, t.attemptedAt),
  ],
);

/**
 * One row per lock window of the throttle (scope "address" or "account", i.e. an (account,
 * address) pair): the first refused attempt of a window writes one audit event, the others only
 * count here, so a flood of refused attempts cannot grow the append-only audit table.
 */
export const signInThrottleWindows = pgTable(
  'sign_in_throttle_windows',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
    refused: integer('refused').notNull().default(1),
    firstRefusedAt: timestamp('first_refused_at', { withTimezone: true }).notNull(),
    lastRefusedAt: timestamp('last_refused_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key, t.lockedUntil] })],
);
