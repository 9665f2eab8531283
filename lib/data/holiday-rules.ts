import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { calendarHolidayRules, calendarHolidays } from '../../db/schema';
import type { DatedHoliday, HolidayRule, Weekday } from '../domain/holiday-rules';

export type HolidayRuleRow = typeof calendarHolidayRules.$inferSelect;

/** The domain rule a row stores; the table's check constraints guarantee the fields its kind needs. */
export function holidayRuleOf(row: HolidayRuleRow): HolidayRule {
  switch (row.kind) {
    case 'fixed':
      return {
        kind: 'fixed',
        name: row.name,
        month: row.month,
        day: row.day!,
        observeOnWeekday: row.observeOnWeekday,
      };
    case 'nth_weekday':
      return {
        kind: 'nth_weekday',
        name: row.name,
        month: row.month,
        weekday: row.weekday as Weekday,
        n: row.n as 1 | 2 | 3 | 4,
      };
    case 'last_weekday':
      return {
        kind: 'last_weekday',
        name: row.name,
        month: row.month,
        weekday: row.weekday as Weekday,
      };
  }
}

/** Rules of every calendar (or of one), through the year. */
export function listHolidayRules(db: DbOrTx, calendarId?: string) {
  return db
    .select()
    .from(calendarHolidayRules)
    .where(calendarId ? eq(calendarHolidayRules.calendarId, calendarId) : undefined)
    .orderBy(
      asc(calendarHolidayRules.month),
      asc(calendarHolidayRules.createdAt),
      asc(calendarHolidayRules.id),
    );
}

export async function insertHolidayRule(tx: DbOrTx, calendarId: string, rule: HolidayRule) {
  const [row] = await tx
    .insert(calendarHolidayRules)
    .values({
      calendarId,
      kind: rule.kind,
      name: rule.name,
      month: rule.month,
      day: rule.kind === 'fixed' ? rule.day : null,
      weekday: rule.kind === 'fixed' ? null : rule.weekday,
      n: rule.kind === 'nth_weekday' ? rule.n : null,
      observeOnWeekday: rule.kind === 'fixed' && rule.observeOnWeekday,
    })
    .returning();
  return row!;
}

export async function deleteHolidayRule(tx: DbOrTx, calendarId: string, ruleId: string) {
  const [row] = await tx
    .delete(calendarHolidayRules)
    .where(
      and(eq(calendarHolidayRules.id, ruleId), eq(calendarHolidayRules.calendarId, calendarId)),
    )
    .returning();
  return row ?? null;
}

/** Adds the days not yet holidays; a day already there (by hand or another rule) keeps its name. */
export async function insertGeneratedHolidays(
  tx: DbOrTx,
  calendarId: string,
  holidays: readonly DatedHoliday[],
) {
  if (!holidays.length) return [];
  return tx
    .insert(calendarHolidays)
    .values(holidays.map(({ day, name }) => ({ calendarId, day, name })))
    .onConflictDoNothing({ target: [calendarHolidays.calendarId, calendarHolidays.day] })
    .returning();
}

/** Removes the given days after `afterDay` when they still carry the generated name. */
export async function deleteGeneratedHolidays(
  tx: DbOrTx,
  calendarId: string,
  holidays: readonly DatedHoliday[],
  afterDay: string,
) {
  const future = holidays.filter((h) => h.day > afterDay);
  if (!future.length) return [];
  return tx
    .delete(calendarHolidays)
    .where(
      and(
        eq(calendarHolidays.calendarId, calendarId),
        gt(calendarHolidays.day, afterDay),
        inArray(
          sql`(${calendarHolidays.day}::text || '|' || ${calendarHolidays.name})`,
          future.map((h) => `${h.day}|${h.name}`),
        ),
      ),
    )
    .returning();
}
