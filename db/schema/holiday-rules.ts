import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { businessCalendars } from './calendar';

export const holidayRuleKind = pgEnum('holiday_rule_kind', [
  'fixed',
  'nth_weekday',
  'last_weekday',
]);

/**
 * The rules a calendar's holidays are generated from (see lib/domain/holiday-rules.ts).
 * Generated days are written to calendar_holidays; the rules are kept so the next years can
 * be generated again and a removed rule can take its future days with it.
 */
export const calendarHolidayRules = pgTable(
  'calendar_holiday_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    kind: holidayRuleKind('kind').notNull(),
    name: text('name').notNull(),
    month: integer('month').notNull(),
    /** fixed only */
    day: integer('day'),
    /** 0 = Sunday … 6 = Saturday; nth_weekday and last_weekday only */
    weekday: integer('weekday'),
    /** nth_weekday only: 1–4 */
    n: integer('n'),
    /** fixed only: Saturday → Friday before, Sunday → Monday after */
    observeOnWeekday: boolean('observe_on_weekday').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('calendar_holiday_rules_calendar_idx').on(t.calendarId),
    check('calendar_holiday_rules_month_ck', sql`${t.month} between 1 and 12`),
    check(
      'calendar_holiday_rules_fixed_ck',
      sql`${t.kind} <> 'fixed' or (${t.day} between 1 and 31 and ${t.weekday} is null and ${t.n} is null)`,
    ),
    check(
      'calendar_holiday_rules_nth_ck',
      sql`${t.kind} <> 'nth_weekday' or (${t.day} is null and ${t.weekday} between 0 and 6 and ${t.n} between 1 and 4 and not ${t.observeOnWeekday})`,
    ),
    check(
      'calendar_holiday_rules_last_ck',
      sql`${t.kind} <> 'last_weekday' or (${t.day} is null and ${t.weekday} between 0 and 6 and ${t.n} is null and not ${t.observeOnWeekday})`,
    ),
  ],
);
