import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../data/audit';
import { getCalendarForUpdate } from '../data/calendars';
import { insertGeneratedHolidays, insertHolidayRule } from '../data/holiday-rules';
import { holidaysForYears } from '../domain/holiday-rules';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { holidayRuleInput } from '../schemas/holiday-rules';
import { isUuid, parseOrThrow } from '../validation';
import { guard } from './guard';

/** Years a rule's holidays are written for: last year (history the seed reaches) to three ahead. */
export function holidayRuleYears(now: Date) {
  const year = now.getUTCFullYear();
  return { fromYear: year - 1, toYear: year + 3 };
}

export async function addHolidayRule(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  input: z.input<typeof holidayRuleInput>,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  const rule = parseOrThrow(holidayRuleInput, input);
  if (!isUuid(calendarId)) throw new DomainError('not_found', 'Business calendar was not found.');
  return db.transaction(async (tx) => {
    const c = await getCalendarForUpdate(tx, calendarId);
    if (!c) throw new DomainError('not_found', 'Business calendar was not found.');
    const row = await insertHolidayRule(tx, c.id, rule);
    const { fromYear, toYear } = holidayRuleYears(now);
    const added = await insertGeneratedHolidays(
      tx,
      c.id,
      holidaysForYears([rule], fromYear, toYear),
    );
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_rule_added',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Holiday rule "${row.name}" added to "${c.name}" (${added.length} holidays ${fromYear}–${toYear})`,
      after: { ...rule },
      metadata: { ruleId: row.id, days: added.map((h) => h.day) },
      occurredAt: now,
    });
    return { rule: row, holidays: added };
  });
}
