import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { businessCalendars } from '../../db/schema';

/** The calendar, row-locked so changes to it and its holidays run one after another; null when missing. */
export async function getCalendarForUpdate(tx: DbOrTx, calendarId: string) {
  const [c] = await tx
    .select()
    .from(businessCalendars)
    .where(eq(businessCalendars.id, calendarId))
    .for('update');
  return c ?? null;
}
