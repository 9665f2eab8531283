/**
 * The arithmetic of the team's SLA figures, apart from the SQL that counts. Pure.
 *
 * Every task is judged against its SLA deadline (moved only by pauses: time spent waiting on
 * the claimant), and apart against the deadline as extended by a supervisor. The headline is
 * the SLA one, so an extension cannot turn a breach into a "met".
 *
 * Compliance puts open overdue work in the denominator: a task still open past its due time
 * has already missed, and leaving it out would let a team look better by not finishing late
 * work. A task with no due time has no SLA and is in none of the counts.
 */

export type ComplianceCounts = {
  /** Completed in the period at or before the due time. */
  met: number;
  /** Completed in the period after the due time. */
  completedLate: number;
  /** Still open (ready or claimed) with the due time passed, at the end of the period. */
  openOverdue: number;
};

export type Compliance = ComplianceCounts & { total: number; percent: number | null };

/** Met out of met + completed late + open overdue, as a percentage to one decimal (null when none). */
export function compliance(c: ComplianceCounts): Compliance {
  const total = c.met + c.completedLate + c.openOverdue;
  return {
    ...c,
    total,
    percent: total ? Math.round((c.met / total) * 1000) / 10 : null,
  };
}

/** Adds compliance counts (per-step rows into a team total). */
export function sumCompliance(rows: readonly ComplianceCounts[]): Compliance {
  return compliance(
    rows.reduce<ComplianceCounts>(
      (a, r) => ({
        met: a.met + r.met,
        completedLate: a.completedLate + r.completedLate,
        openOverdue: a.openOverdue + r.openOverdue,
      }),
      { met: 0, completedLate: 0, openOverdue: 0 },
    ),
  );
}

/** Seconds as hours to one decimal; null stays null (no rows to take a median of). */
export function hoursOf(seconds: number | string | null | undefined): number | null {
  if (seconds === null || seconds === undefined) return null;
  return Math.round((Number(seconds) / 3600) * 10) / 10;
}

/** How a task with an extended deadline stands: against its SLA deadline and as extended. */
export type DeadlineVerdict = 'met' | 'breached' | 'open' | 'overdue';

/**
 * A task's verdict against one deadline at `now`: completed by the deadline is met, after it
 * breached; open work is overdue once the deadline passed, its clock read at the pause while it
 * waits paused. Completed work is judged at its completion even if it was completed while
 * paused: a pause only stops the clock once a resume has closed it (and moved the deadline), so
 * pausing just before a breach and completing later cannot hide the breach.
 */
export function deadlineVerdict(
  t: { status: string; completedAt: Date | null; pausedAt: Date | null },
  deadline: Date,
  now: Date,
): DeadlineVerdict {
  const clock = t.status === 'completed' ? t.completedAt : t.pausedAt;
  if (t.status === 'completed' && clock)
    return clock.getTime() <= deadline.getTime() ? 'met' : 'breached';
  return (clock ?? now).getTime() >= deadline.getTime() ? 'overdue' : 'open';
}
