import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getCalendarForUpdate } from '../data/calendars';
import { deleteGeneratedHolidays, deleteHolidayRule, holidayRuleOf } from '../data/holiday-rules';
import { holidaysForYears } from '../domain/holiday-rules';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { holidayRuleYears } from './add-holiday-rule';
import { guard } from './guard';

/**
 * Removes the rule and the holidays it generated after today in the calendar's zone. Today and
 * earlier stay: deadlines already computed over them must not move.
 */
export async function removeHolidayRule(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  ruleId: string,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  if (!isUuid(calendarId) || !isUuid(ruleId))
    throw new DomainError('not_found', 'Holiday rule was not found.');
  return db.transaction(async (tx) => {
    const c = await getCalendarForUpdate(tx, calendarId);
    if (!c) throw new DomainError('not_found', 'Business calendar was not found.');
    const row = await deleteHolidayRule(tx, c.id, ruleId);
    if (!row) throw new DomainError('not_found', 'Holiday rule was not found.');
    const today = DateTime.fromJSDate(now, { zone: c.timeZone }).toISODate()!;
    const { fromYear, toYear } = holidayRuleYears(now);
    const removed = await deleteGeneratedHolidays(
      tx,
      c.id,
      holidaysForYears([holidayRuleOf(row)], fromYear, toYear + 1),
      today,
    );
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_rule_removed',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Holiday rule "${row.name}" removed from "${c.name}" (${removed.length} future holidays removed)`,
      before: { ...holidayRuleOf(row) },
      metadata: { ruleId: row.id, days: removed.map((h) => h.day) },
      occurredAt: now,
    });
    return { rule: row, removedHolidays: removed };
  });
}
