import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { absences, users } from '../../db/schema';
import { overlappingAbsences } from '../data/absences';
import { recordAudit } from '../data/audit';
import { absencePeriod, MAX_ABSENCE_NOTE_LENGTH } from '../domain/absences';
import { textProblem } from '../domain/input-limits';
import type { UserActor } from '../domain/permissions';
import { DomainError } from '../errors';
import { assertDelegate, requireAbsentPerson } from './absence-access';
import { startAbsence } from './absence-transitions';

export type ScheduleAbsenceInput = {
  /** The absent person; the actor themself when omitted. */
  userId?: string;
  /** A date (YYYY-MM-DD, from 00:00 in the person's zone) or an exact instant. */
  startsAt: string;
  /** A date (YYYY-MM-DD, until 24:00 in the person's zone) or an exact instant. */
  endsAt: string;
  delegateId?: string | null;
  /** At the start, move the person's open tasks to the delegate (or their queues) in one step. */
  handOver?: boolean;
  note?: string | null;
};

/**
 * Plans an absence (the person themself, a supervisor of one of their groups, or an admin). It
 * must not overlap another planned or running absence of theirs. One that starts now or earlier
 * starts at once, in the same transaction (hand-over included); a later one is started by the
 * scheduler's `absences` job.
 */
export async function scheduleAbsence(
  db: DbOrTx,
  actor: UserActor,
  input: ScheduleAbsenceInput,
  now = new Date(),
) {
  const person = await requireAbsentPerson(db, actor, input.userId ?? actor.id, 'absence.schedule');
  const period = absencePeriod(input, person.timeZone, now);
  const note = input.note?.trim() || null;
  const fields = period.ok ? {} : { ...period.fields };
  if (note && note.length > MAX_ABSENCE_NOTE_LENGTH)
    Object.assign(fields, { note: `must be at most ${MAX_ABSENCE_NOTE_LENGTH} characters` });
  const noteProblem = note ? textProblem(note) : null;
  if (noteProblem) Object.assign(fields, { note: noteProblem });
  if (!period.ok || Object.keys(fields).length)
    throw new DomainError('validation', 'The absence cannot be planned like this.', fields);
  const delegateId = input.delegateId ?? null;
  if (delegateId) await assertDelegate(db, actor, person, delegateId);

  return db.transaction(async (tx) => {
    // The person's row orders concurrent plans for them: the overlap check sees the other's row.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, person.id)).for('update');
    const [clash] = await overlappingAbsences(tx, person.id, period.period);
    if (clash)
      throw new DomainError(
        'conflict',
        `${person.name} is already away from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()}; change or cancel that absence first.`,
        { startsAt: 'overlaps another absence', endsAt: 'overlaps another absence' },
        { overlapsAbsenceId: clash.id },
      );
    const [row] = await tx
      .insert(absences)
      .values({
        userId: person.id,
        startsAt: period.period.startsAt,
        endsAt: period.period.endsAt,
        delegateId,
        handOver: input.handOver ?? false,
        note,
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'absence.scheduled',
      entityType: 'absence',
      entityId: row!.id,
      summary: `${actor.id === person.id ? `${person.name} planned an absence` : `${actor.name} planned an absence for ${person.name}`} from ${row!.startsAt.toISOString()} to ${row!.endsAt.toISOString()}${row!.handOver ? ', open work handed over at the start' : ''}`,
      after: {
        userId: person.id,
        startsAt: row!.startsAt.toISOString(),
        endsAt: row!.endsAt.toISOString(),
        delegateId,
        handOver: row!.handOver,
      },
      occurredAt: now,
    });
    if (row!.startsAt.getTime() <= now.getTime()) {
      const { handedOver } = await startAbsence(tx, actor, row!, now);
      return { ...row!, status: 'active' as const, startedAt: now, handedOver };
    }
    return row!;
  });
}
