import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { calendarHolidays } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getCalendarForUpdate } from '../data/calendars';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { isUuid } from '../validation';
import { guard } from './guard';

export async function removeHoliday(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  holidayId: string,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  if (!isUuid(calendarId) || !isUuid(holidayId))
    throw new DomainError('not_found', 'Holiday was not found.');
  return db.transaction(async (tx) => {
    const c = await getCalendarForUpdate(tx, calendarId);
    if (!c) throw new DomainError('not_found', 'Business calendar was not found.');
    const [row] = await tx
      .delete(calendarHolidays)
      .where(and(eq(calendarHolidays.id, holidayId), eq(calendarHolidays.calendarId, c.id)))
      .returning();
    if (!row) throw new DomainError('not_found', 'Holiday was not found.');
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_removed',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Holiday ${row.day} "${row.name}" removed from "${c.name}"`,
      before: { day: row.day, name: row.name },
      metadata: { holidayId: row.id },
      occurredAt: now,
    });
    return row;
  });
}
