import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { businessCalendars, calendarHolidays } from '../../db/schema';
import { listHolidayRules } from '../data/holiday-rules';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

/** Business calendars with their holidays, earliest first, and the rules that generate them. */
export async function listCalendars(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar' });
  const [cals, holidays, rules] = await Promise.all([
    db.select().from(businessCalendars).orderBy(asc(businessCalendars.name)),
    db.select().from(calendarHolidays).orderBy(asc(calendarHolidays.day)),
    listHolidayRules(db),
  ]);
  return cals.map((c) => ({
    id: c.id,
    key: c.key,
    name: c.name,
    timeZone: c.timeZone,
    workingHours: c.workingHours,
    updatedAt: c.updatedAt,
    holidays: holidays.filter((h) => h.calendarId === c.id).map(({ calendarId: _c, ...h }) => h),
    holidayRules: rules
      .filter((r) => r.calendarId === c.id)
      .map(({ calendarId: _c, createdAt: _t, ...r }) => r),
  }));
}
