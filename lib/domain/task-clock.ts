/**
 * A task's SLA clock that stops while the company waits on the claimant, and a deadline a
 * supervisor extends. Pure: the task, the moment and the calendar come in; the column values
 * to write (or a refusal) go out. The use-cases (pause-task, resume-task, extend-task-deadline)
 * write them with their audit event in one transaction.
 *
 * Two deadlines, so an extension cannot hide a breach:
 * - the SLA deadline (`slaDueAt`, or `dueAt` while never extended) moves only by pauses;
 * - the working deadline (`dueAt`) moves by pauses and by extensions.
 *
 * Pausing parks the pending reminder and escalation in `pausedClock` and clears their columns,
 * so the scheduler sweeps (which scan partial indexes on those columns) pass the task by.
 * Resuming counts the working minutes the clock stood (on the SLA calendar) and moves every
 * time that was still ahead when the clock stopped by that much working time: the working
 * time left before each is what it was at the pause. A time already passed at the pause stays:
 * a task paused after its due time stays overdue and its SLA deadline does not move, so a
 * breach that already happened is never erased by waiting afterwards.
 */
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from './business-calendar';
import { escalationTime, type SlaPolicySpec } from './sla';
import { textProblem } from './input-limits';

export type ClockTask = {
  status: string;
  dueAt: Date | null;
  slaDueAt: Date | null;
  dueSoonAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  nextEscalationAt: Date | null;
  ladderStartedAt: Date | null;
  escalationLevel: number;
  pausedAt: Date | null;
  pausedClock: { remindAt: string | null; nextEscalationAt: string | null } | null;
  pausedMinutes: number;
};

export type ClockRefusal = {
  ok: false;
  code: 'invalid_transition' | 'validation';
  message: string;
  field?: string;
};

export const MAX_CLOCK_REASON = 500;
/** An extension further than this is a new task, not a deadline. */
export const MAX_EXTENSION_DAYS = 366;
const DAY = 86_400_000;
const MINUTE = 60_000;

const isOpen = (status: string) => status === 'ready' || status === 'claimed';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const date = (s: string | null | undefined) => (s ? new Date(s) : null);

/** Trimmed reason, or the problem with it (1–500 storable characters). */
export function checkReason(raw: unknown): { ok: true; reason: string } | ClockRefusal {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  const problem =
    typeof raw !== 'string'
      ? 'is required'
      : !reason
        ? 'must say why'
        : reason.length > MAX_CLOCK_REASON
          ? `must be at most ${MAX_CLOCK_REASON} characters`
          : textProblem(reason);
  if (problem)
    return { ok: false, code: 'validation', message: `Reason ${problem}.`, field: 'reason' };
  return { ok: true, reason };
}

/** Case event names a pause may wait for (same shape as the case events API accepts). */
const EVENT_NAME = /^[a-z][a-z0-9_.-]{0,63}$/;

export type PauseChanges = {
  pausedAt: Date;
  pauseReason: string;
  pausedForEvent: string | null;
  pausedClock: { remindAt: string | null; nextEscalationAt: string | null };
  remindAt: null;
  nextEscalationAt: null;
};

/** Stops the clock at `now`: the pending reminder and escalation are parked, not lost. */
export function pauseClock(
  task: ClockTask,
  input: { reason: unknown; resumeOnEvent?: string | null },
  now: Date,
): { ok: true; changes: PauseChanges } | ClockRefusal {
  if (!isOpen(task.status))
    return { ok: false, code: 'invalid_transition', message: `The task is ${task.status}.` };
  if (task.pausedAt)
    return {
      ok: false,
      code: 'invalid_transition',
      message: `The clock is already paused (since ${task.pausedAt.toISOString()}).`,
    };
  const r = checkReason(input.reason);
  if (!r.ok) return r;
  const event = input.resumeOnEvent ?? null;
  if (event !== null && !EVENT_NAME.test(event))
    return {
      ok: false,
      code: 'validation',
      message: 'The event to resume on must be a case event name such as information_received.',
      field: 'resumeOnEvent',
    };
  return {
    ok: true,
    changes: {
      pausedAt: now,
      pauseReason: r.reason,
      pausedForEvent: event,
      pausedClock: { remindAt: iso(task.remindAt), nextEscalationAt: iso(task.nextEscalationAt) },
      remindAt: null,
      nextEscalationAt: null,
    },
  };
}

export type ResumeChanges = {
  pausedAt: null;
  pauseReason: null;
  pausedForEvent: null;
  pausedClock: null;
  pausedMinutes: number;
  dueAt: Date | null;
  slaDueAt: Date | null;
  dueSoonAt: Date | null;
  remindAt: Date | null;
  nextEscalationAt: Date | null;
  ladderStartedAt: Date | null;
};

/**
 * Restarts the clock at `now`. `minutes`: the working minutes it stood (whole minutes, on the
 * SLA calendar; wall-clock minutes for a task without one). Times still ahead at the pause move
 * by that much working time; times already passed stay.
 */
export function resumeClock(
  task: ClockTask,
  now: Date,
  cal: BusinessCalendar | null,
): { ok: true; minutes: number; changes: ResumeChanges } | ClockRefusal {
  if (!task.pausedAt)
    return { ok: false, code: 'invalid_transition', message: 'The clock is not paused.' };
  if (!isOpen(task.status))
    return { ok: false, code: 'invalid_transition', message: `The task is ${task.status}.` };
  const pausedAt = task.pausedAt;
  const span = Math.max(0, now.getTime() - pausedAt.getTime());
  const minutes = Math.round(
    cal
      ? businessMinutesBetween(pausedAt, new Date(pausedAt.getTime() + span), cal)
      : span / MINUTE,
  );
  const shift = (d: Date | null): Date | null => {
    if (!d || d.getTime() <= pausedAt.getTime() || minutes === 0) return d;
    return cal ? addBusinessMinutes(d, minutes, cal) : new Date(d.getTime() + minutes * MINUTE);
  };
  const parked = task.pausedClock;
  return {
    ok: true,
    minutes,
    changes: {
      pausedAt: null,
      pauseReason: null,
      pausedForEvent: null,
      pausedClock: null,
      pausedMinutes: task.pausedMinutes + minutes,
      dueAt: shift(task.dueAt),
      slaDueAt: shift(task.slaDueAt),
      dueSoonAt: shift(task.dueSoonAt),
      remindAt: shift(date(parked?.remindAt)),
      nextEscalationAt: shift(date(parked?.nextEscalationAt)),
      ladderStartedAt: shift(task.ladderStartedAt),
    },
  };
}

export type ExtendChanges = {
  dueAt: Date;
  slaDueAt: Date;
  dueSoonAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  nextEscalationAt: Date | null;
  ladderStartedAt: Date | null;
};

/**
 * A later working deadline. The SLA deadline is kept (set from the current due time on the
 * first extension). "Due soon" keeps its width in working time before the new deadline; a
 * task that had a reminder is reminded again at the new due-soon point (if still ahead); the
 * escalation ladder is timed from the new deadline for the levels still to come — a level
 * already reached stays reached.
 */
export function extendDeadline(
  task: ClockTask,
  input: { dueAt: unknown; reason: unknown },
  now: Date,
  sla: { spec: SlaPolicySpec; calendar: BusinessCalendar } | null,
): { ok: true; reason: string; changes: ExtendChanges } | ClockRefusal {
  if (!isOpen(task.status))
    return { ok: false, code: 'invalid_transition', message: `The task is ${task.status}.` };
  if (task.pausedAt)
    return {
      ok: false,
      code: 'invalid_transition',
      message: 'The clock is paused; resume it before extending the deadline.',
    };
  if (!task.dueAt)
    return {
      ok: false,
      code: 'invalid_transition',
      message: 'The task has no deadline to extend.',
    };
  const due = input.dueAt instanceof Date ? input.dueAt : null;
  const bad = (message: string): ClockRefusal => ({
    ok: false,
    code: 'validation',
    message: `New deadline ${message}.`,
    field: 'dueAt',
  });
  if (!due || Number.isNaN(due.getTime())) return bad('must be a date and time');
  if (due.getTime() <= task.dueAt.getTime())
    return bad(`must be later than the current deadline (${task.dueAt.toISOString()})`);
  if (due.getTime() <= now.getTime()) return bad('must be in the future');
  if (due.getTime() > now.getTime() + MAX_EXTENSION_DAYS * DAY)
    return bad(`must be at most ${MAX_EXTENSION_DAYS} days ahead`);
  const r = checkReason(input.reason);
  if (!r.ok) return r;

  const cal = sla?.calendar ?? null;
  const oldDue = task.dueAt;
  let dueSoonAt: Date | null = null;
  if (task.dueSoonAt) {
    const width = cal
      ? businessMinutesBetween(task.dueSoonAt, oldDue, cal)
      : (oldDue.getTime() - task.dueSoonAt.getTime()) / MINUTE;
    dueSoonAt = cal
      ? addBusinessMinutes(due, -width, cal)
      : new Date(due.getTime() - width * MINUTE);
    if (dueSoonAt.getTime() > due.getTime()) dueSoonAt = due;
  }
  const hadReminder = Boolean(task.remindAt || task.remindedAt);
  const remindAt =
    hadReminder && dueSoonAt && dueSoonAt.getTime() > now.getTime() ? dueSoonAt : null;
  const ladderRuns = task.escalationLevel === 0 || task.nextEscalationAt !== null;
  const nextEscalationAt =
    sla && ladderRuns
      ? escalationTime(due, sla.spec, task.escalationLevel + 1, sla.calendar)
      : null;
  return {
    ok: true,
    reason: r.reason,
    changes: {
      dueAt: due,
      slaDueAt: task.slaDueAt ?? oldDue,
      dueSoonAt,
      remindAt,
      remindedAt: remindAt ? null : task.remindedAt,
      nextEscalationAt,
      ladderStartedAt: nextEscalationAt ? due : task.ladderStartedAt,
    },
  };
}

/** The deadline the SLA judges: the SLA deadline when an extension moved the working one. */
export function slaDeadlineOf(task: { dueAt: Date | null; slaDueAt: Date | null }): Date | null {
  return task.slaDueAt ?? task.dueAt;
}
