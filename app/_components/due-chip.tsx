'use client';

import { dueState } from '@/lib/domain/sla';
import { formatSpan } from './format';
import { formatInstant, useViewerTimeZone } from './ui';

const styles = {
  overdue:
    'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900',
  due_soon:
    'bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900',
  on_time:
    'bg-zinc-50 text-zinc-700 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800',
  none: 'bg-zinc-50 text-zinc-500 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-800',
} as const;
const marks = { overdue: '●', due_soon: '◐', on_time: '○', none: '·' } as const;

/** The due state as text and shape, never colour alone; the absolute time on hover. */
export function DueChip(props: {
  now: Date;
  task: {
    dueAt: Date | string | null;
    /** Where "due soon" starts (tasks.due_soon_at): the same definition as the counts and filters. */
    dueSoonAt: Date | string | null;
    /** The SLA deadline when a supervisor extended the due time (tasks.sla_due_at): shown beside it. */
    slaDueAt?: Date | string | null;
  };
}) {
  const timeZone = useViewerTimeZone();
  const d = (v: Date | string | null | undefined) => (v ? new Date(v) : null);
  const task = {
    dueAt: d(props.task.dueAt),
    dueSoonAt: d(props.task.dueSoonAt),
  };
  const state = dueState(props.now, task);
  const due = task.dueAt;
  const label =
    state === 'none' || !due
      ? 'no deadline'
      : state === 'overdue'
        ? `overdue ${formatSpan(props.now.getTime() - due.getTime())}`
        : `due in ${formatSpan(due.getTime() - props.now.getTime())}`;
  const sla = d(props.task.slaDueAt);
  // An extension is never shown without the deadline the SLA promised.
  const slaText = sla && due ? ` · SLA ${formatInstant(sla, timeZone, 'short')}` : '';
  return (
    <span
      className={`tabular inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${styles[state]}`}
      title={
        due
          ? `Due ${formatInstant(due, timeZone, 'full')}${sla ? ` (extended; SLA deadline ${formatInstant(sla, timeZone, 'full')})` : ''}`
          : undefined
      }
      data-due-state={state}
    >
      <span aria-hidden>{marks[state]}</span>
      {label}
      {slaText}
    </span>
  );
}

/** A task's latest prediction (task_predictions): when it will likely be done, how late, the risk. */
export type PredictionView = {
  predictedDoneAt: Date | string;
  /** Working minutes past the due time; positive = late. */
  latenessMinutes: number;
  risk: number;
  atRisk: boolean;
} | null;

/**
 * "At risk" beside the due chip when the prediction says the task will likely breach: text and a
 * shape, never colour alone; the predicted time and the risk on hover and for screen readers.
 * `detail` also shows the prediction when not at risk (the task page).
 */
export function AtRiskChip(props: {
  prediction: PredictionView | undefined;
  detail?: boolean;
  /** Classes of a wrapper (its place in a row); no wrapper without. */
  className?: string;
}) {
  const timeZone = useViewerTimeZone();
  const p = props.prediction;
  if (!p || (!p.atRisk && !props.detail)) return null;
  const done = formatInstant(new Date(p.predictedDoneAt), timeZone, 'short');
  const late = p.latenessMinutes > 0 ? `${formatSpan(p.latenessMinutes * 60_000)} late` : null;
  const title = `Predicted done ${formatInstant(new Date(p.predictedDoneAt), timeZone, 'full')}${
    late ? `, about ${late} (working time)` : ''
  }; breach risk ${Math.round(p.risk * 100)}%`;
  if (!p.atRisk)
    return (
      <span
        className="text-xs text-zinc-500 dark:text-zinc-400"
        title={title}
        data-testid="prediction"
      >
        likely done {done}
      </span>
    );
  const chip = (
    <span
      className="tabular inline-flex items-center gap-1 rounded bg-orange-50 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-orange-900 ring-1 ring-orange-300 ring-inset dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-900"
      title={title}
      aria-label={`At risk: ${title}`}
      data-testid="at-risk-chip"
    >
      <span aria-hidden>▲</span>
      at risk{late ? ` · ${late}` : ''}
      {props.detail ? ` · likely ${done}` : ''}
    </span>
  );
  return props.className ? <span className={props.className}>{chip}</span> : chip;
}
