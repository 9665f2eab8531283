import type { OnReassign } from '../../lib/domain/sla';
import { date, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { groups } from './users';

import type { DurationSpec, WorkingHours } from '../../lib/domain/business-calendar';
import type { EscalationLevelSpec, ReminderSpec } from '../../lib/domain/sla';

export const businessCalendars = pgTable('business_calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  workingHours: jsonb('working_hours').$type<WorkingHours>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const calendarHolidays = pgTable(
  'calendar_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique('calendar_holidays_day_uq').on(t.calendarId, t.day)],
);

export const slaPolicies = pgTable('sla_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  calendarId: uuid('calendar_id')
    .notNull()
    .references(() => businessCalendars.id),
  due: jsonb('due').$type<DurationSpec>().notNull(),
  reminder: jsonb('reminder').$type<ReminderSpec | null>(),
  escalations: jsonb('escalations').$type<EscalationLevelSpec[]>().notNull().default([]),
  /** Group that receives work escalated with reassign_to_group when the level names none. */
  fallbackGroupId: uuid('fallback_group_id').references(() => groups.id, { onDelete: 'set null' }),
  /** When a supervisor reassigns escalated work: 'restart' the remaining levels from then, or 'stop'. */
  onReassign: text('on_reassign').$type<OnReassign>().notNull().default('restart'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
