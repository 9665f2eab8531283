import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { calendarHolidays } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getCalendarForUpdate } from '../data/calendars';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { holidayInput } from '../schemas/sla';
import { isUuid, parseOrThrow } from '../validation';
import { guard } from './guard';

export async function addHoliday(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  input: z.input<typeof holidayInput>,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  const data = parseOrThrow(holidayInput, input);
  const calendarNotFound = () => new DomainError('not_found', 'Business calendar was not found.');
  if (!isUuid(calendarId)) throw calendarNotFound();
  return db.transaction(async (tx) => {
    // Locking the calendar serialises additions, so the duplicate check below cannot race.
    const c = await getCalendarForUpdate(tx, calendarId);
    if (!c) throw calendarNotFound();
    const [same] = await tx
      .select()
      .from(calendarHolidays)
      .where(and(eq(calendarHolidays.calendarId, c.id), eq(calendarHolidays.day, data.day)));
    if (same)
      throw new DomainError('conflict', `${data.day} is already a holiday (${same.name}).`, {
        day: `is already a holiday (${same.name})`,
      });
    const [row] = await tx
      .insert(calendarHolidays)
      .values({ calendarId: c.id, day: data.day, name: data.name })
      .returning();
    await recordAudit(tx, actor, {
      action: 'calendar.holiday_added',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Holiday ${row!.day} "${row!.name}" added to "${c.name}"`,
      after: { day: row!.day, name: row!.name },
      metadata: { holidayId: row!.id },
      occurredAt: now,
    });
    return row!;
  });
}
