import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { businessCalendars, calendarHolidays } from '../../db/schema';
import type { UserActor } from '../domain/permissions';
import { guard } from './guard';

/** Business calendars with their holidays, earliest first. */
export async function listCalendars(db: DbOrTx, actor: UserActor) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar' });
  const [cals, holidays] = await Promise.all([
    db.select().from(businessCalendars).orderBy(asc(businessCalendars.name)),
    db.select().from(calendarHolidays).orderBy(asc(calendarHolidays.day)),
  ]);
  return cals.map((c) => ({
    id: c.id,
    key: c.key,
    name: c.name,
    timeZone: c.timeZone,
    workingHours: c.workingHours,
    updatedAt: c.updatedAt,
    holidays: holidays.filter((h) => h.calendarId === c.id).map(({ calendarId: _c, ...h }) => h),
  }));
}
