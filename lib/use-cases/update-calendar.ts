import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { businessCalendars } from '../../db/schema';
import { recordAudit } from '../data/audit';
import { getCalendarForUpdate } from '../data/calendars';
import { clockMinutes, makeCalendar, type WorkingHours } from '../domain/business-calendar';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { calendarInput } from '../schemas/sla';
import { canonicalJson, isUuid, parseOrThrow, validationError } from '../validation';
import { guard } from './guard';

/** Sets the time zone and the working hours per weekday (new deadlines use them; existing ones stay). */
export async function updateCalendar(
  db: DbOrTx,
  actor: UserActor,
  calendarId: string,
  input: z.input<typeof calendarInput>,
  now = new Date(),
) {
  await guard(db, actor, 'sla.edit', undefined, { type: 'calendar', id: calendarId });
  const data = parseOrThrow(calendarInput, input);
  const calendarNotFound = () => new DomainError('not_found', 'Business calendar was not found.');
  if (!isUuid(calendarId)) throw calendarNotFound();
  const workingHours: WorkingHours = {};
  for (const [d, ranges] of Object.entries(data.workingHours)) {
    if (ranges?.length)
      workingHours[d as keyof WorkingHours] = [...ranges].sort(
        (a, b) => clockMinutes(a.start) - clockMinutes(b.start),
      );
  }
  try {
    makeCalendar({ timeZone: data.timeZone, workingHours });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw validationError(
      /time zone/i.test(message)
        ? { timeZone: 'is not a known IANA time zone (e.g. America/New_York)' }
        : { workingHours: message },
    );
  }
  return db.transaction(async (tx) => {
    const c = await getCalendarForUpdate(tx, calendarId);
    if (!c) throw calendarNotFound();
    const before = { timeZone: c.timeZone, workingHours: c.workingHours };
    const after = { timeZone: data.timeZone, workingHours };
    // JSONB does not keep key order, so compare a canonical form (keys sorted).
    if (canonicalJson(before) === canonicalJson(after)) return c;
    const [row] = await tx
      .update(businessCalendars)
      .set({ ...after, updatedAt: now })
      .where(eq(businessCalendars.id, c.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'calendar.updated',
      entityType: 'calendar',
      entityId: c.id,
      summary: `Business calendar "${c.name}" updated${c.timeZone !== data.timeZone ? ` (time zone ${c.timeZone} → ${data.timeZone})` : ''}`,
      before,
      after,
      occurredAt: now,
    });
    return row!;
  });
}
