import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { absences, users } from '../../db/schema';
import {
  claimedTasksOfForUpdate,
  countClaimedTasksOf,
  otherActiveAbsence,
  type AbsenceRow,
} from '../data/absences';
import { recordAudit, type AuditActor } from '../data/audit';
import { day, handOverScope, handOverTask, mayTake, type Person } from './absence-hand-over';

/** The largest hand-over done in one transaction; a larger one is skipped (bulk reassignment). */
export const MAX_HAND_OVER = 5_000;

export type StartHooks = {
  /** Test hook: runs after each task is handed over, inside the transaction. */
  afterHandOver?: (moved: number) => Promise<void>;
  /** Test hook: the hand-over limit (default MAX_HAND_OVER). */
  maxHandOver?: number;
};

async function lockPerson(tx: DbOrTx, id: string): Promise<Person | null> {
  const [p] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      outOfOffice: users.outOfOffice,
      delegateId: users.delegateId,
    })
    .from(users)
    .where(eq(users.id, id))
    .for('update');
  return p ?? null;
}

/**
 * The absence starts: the person is out of office with the delegate (keeping a delegate they
 * set by hand when the absence names none), and with `hand_over` the tasks they hold that the
 * planner may reassign move to the delegate — or back to its group queue where the delegate is
 * not an active member of the task's group or four eyes bar them — all in the caller's
 * transaction, so either everything moved and the absence is active, or nothing changed. A
 * hand-over over the limit is skipped (the absence still starts), for bulk reassignment.
 */
export async function startAbsence(
  tx: DbOrTx,
  actor: AuditActor,
  absence: AbsenceRow,
  now: Date,
  hooks: StartHooks = {},
) {
  const person = await lockPerson(tx, absence.userId);
  if (!person) throw new Error(`Absence ${absence.id}: the person no longer exists`);
  const [delegateRow] = absence.delegateId
    ? await tx
        .select({ id: users.id, name: users.name, active: users.active })
        .from(users)
        .where(eq(users.id, absence.delegateId))
        .for('share')
    : [];
  const delegate = delegateRow?.active ? delegateRow : null;
  // Out of office by hand with a delegate, and the absence names none: their delegate stays.
  const keptDelegate = !absence.delegateId && person.outOfOffice && person.delegateId;
  const delegateId = keptDelegate ? person.delegateId : absence.delegateId;
  await tx
    .update(users)
    .set({ outOfOffice: true, delegateId, updatedAt: now })
    .where(eq(users.id, person.id));

  let handedOver: number | null = null;
  let left = 0;
  let leftWhy = '';
  let skipped = false;
  if (absence.handOver) {
    const limit = hooks.maxHandOver ?? MAX_HAND_OVER;
    const scope = await handOverScope(tx, absence);
    const held = await claimedTasksOfForUpdate(tx, person.id, limit + 1, scope.groupIds);
    handedOver = 0;
    if (held.length > limit) {
      skipped = true;
      leftWhy = `more than ${limit} open tasks to hand over; hand them over with bulk reassignment from the team view`;
    } else {
      for (const task of held) {
        const to = delegate && (await mayTake(tx, task, delegate.id)) ? delegate : null;
        await handOverTask(tx, actor, person, absence, task, to, now);
        handedOver++;
        await hooks.afterHandOver?.(handedOver);
      }
      leftWhy = scope.why;
    }
    left = await countClaimedTasksOf(tx, person.id);
  }

  await tx
    .update(absences)
    .set({ status: 'active', startedAt: now, handedOver, updatedAt: now })
    .where(eq(absences.id, absence.id));
  await recordAudit(tx, actor, {
    action: 'absence.started',
    entityType: 'absence',
    entityId: absence.id,
    summary:
      `${person.name} is out of office until ${day(absence.endsAt)}` +
      (delegate
        ? `; new work goes to ${delegate.name}`
        : keptDelegate
          ? '; new work goes to the delegate they set by hand'
          : '; new work waits in the queues') +
      (handedOver === null
        ? ''
        : skipped
          ? `; hand-over skipped: ${leftWhy}`
          : `; ${handedOver} open task(s) handed over` +
            (left ? `, ${left} left with them (${leftWhy || 'not handed over'})` : '')),
    before: {
      status: absence.status,
      outOfOffice: person.outOfOffice,
      delegateId: person.delegateId,
    },
    after: {
      status: 'active',
      userId: person.id,
      delegateId,
      handedOver,
      ...(handedOver === null ? {} : { left, handOverSkipped: skipped }),
    },
    ...(handedOver !== null && (left || skipped)
      ? { metadata: { leftReason: leftWhy || 'not handed over' } }
      : {}),
    occurredAt: now,
  });
  return { handedOver };
}

/**
 * The absence is over (at its end, or ended early): the person is back — unless another absence
 * of theirs runs on, whose delegate then takes over. The flags are changed only while they are
 * still what this absence set (out of office, its delegate): a flag or delegate changed by hand
 * meanwhile is left as it is.
 */
export async function endAbsence(
  tx: DbOrTx,
  actor: AuditActor,
  absence: AbsenceRow,
  now: Date,
  how: 'at_end' | 'early',
) {
  const person = await lockPerson(tx, absence.userId);
  const other = await otherActiveAbsence(tx, absence.userId, absence.id);
  const ours = Boolean(
    person && person.outOfOffice && (person.delegateId ?? null) === (absence.delegateId ?? null),
  );
  if (person && ours)
    await tx
      .update(users)
      .set({
        outOfOffice: Boolean(other),
        delegateId: other ? other.delegateId : null,
        updatedAt: now,
      })
      .where(eq(users.id, person.id));
  const outOfOffice = ours ? Boolean(other) : (person?.outOfOffice ?? false);
  await tx
    .update(absences)
    .set({ status: 'ended', endedAt: now, updatedAt: now })
    .where(eq(absences.id, absence.id));
  await recordAudit(tx, actor, {
    action: 'absence.ended',
    entityType: 'absence',
    entityId: absence.id,
    summary:
      `${person?.name ?? 'The person'} is back${how === 'early' ? ' (absence ended early)' : ''}` +
      (person && !ours ? '; out of office and delegate left as set by hand' : ''),
    before: { status: absence.status },
    after: {
      status: 'ended',
      userId: absence.userId,
      outOfOffice,
      flagsLeft: Boolean(person && !ours),
    },
    occurredAt: now,
  });
}

/** A planned absence whose whole period passed while no scheduler ran: nothing to start. */
export async function lapseAbsence(tx: DbOrTx, actor: AuditActor, absence: AbsenceRow, now: Date) {
  await tx
    .update(absences)
    .set({ status: 'ended', endedAt: now, updatedAt: now })
    .where(eq(absences.id, absence.id));
  await recordAudit(tx, actor, {
    action: 'absence.ended',
    entityType: 'absence',
    entityId: absence.id,
    summary: 'The absence passed before it could start (no scheduler ran); nothing was changed',
    before: { status: absence.status },
    after: { status: 'ended', userId: absence.userId, lapsed: true },
    occurredAt: now,
  });
}
