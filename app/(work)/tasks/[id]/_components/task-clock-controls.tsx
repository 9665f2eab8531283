'use client';

import { Button, Callout, DateTime, Field, Input, LiveRegion } from '../../../../_components/ui';
import { useTaskClock, type ClockTask } from './use-task-clock';

type Clock = ReturnType<typeof useTaskClock>;

/**
 * The task's SLA clock: a "Clock paused since … (reason)" badge, "Wait for claimant" / "Resume"
 * for the assignee and the group's supervisors, and "Extend deadline…" for supervisors. An
 * extended deadline is shown with the SLA deadline it replaced.
 */
export function TaskClockControls({
  task,
  canPause,
  canExtend,
}: {
  task: ClockTask;
  canPause: boolean;
  canExtend: boolean;
}) {
  const c = useTaskClock(task);
  const fields = c.problem?.fields ?? {};
  const paused = task.pausedAt !== null;
  return (
    <div className="mt-2 flex flex-col gap-2" data-testid="task-clock">
      <ClockStatus task={task} />
      {!c.mode && (canPause || canExtend) ? (
        <div className="flex flex-wrap gap-2">
          {canPause && !paused ? (
            <Button variant="secondary" size="sm" onClick={() => c.open('pause')}>
              Wait for claimant…
            </Button>
          ) : null}
          {canPause && paused ? (
            <Button variant="secondary" size="sm" onClick={c.resume} disabled={c.pending}>
              Resume clock
            </Button>
          ) : null}
          {canExtend && !paused && task.dueAt ? (
            <Button variant="secondary" size="sm" onClick={() => c.open('extend')}>
              Extend deadline…
            </Button>
          ) : null}
        </div>
      ) : null}
      {c.mode ? <ClockForm c={c} /> : null}
      <LiveRegion>
        {c.problem && !Object.keys(fields).length ? (
          <Callout tone="error" data-testid="clock-error">
            {c.problem.message}
          </Callout>
        ) : c.done ? (
          <Callout tone="ok" data-testid="clock-done">
            {c.done}
          </Callout>
        ) : null}
      </LiveRegion>
    </div>
  );
}

/** The badge of a paused clock and an extended deadline beside its SLA deadline. */
function ClockStatus({ task }: { task: ClockTask }) {
  const paused = task.pausedAt !== null;
  return (
    <>
      {paused || task.slaDueAt ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {paused ? (
            <span
              className="rounded bg-sky-50 px-1.5 py-0.5 text-xs font-medium text-sky-900 ring-1 ring-sky-200 ring-inset dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-900"
              data-testid="clock-paused"
            >
              ⏸ Clock paused since <DateTime value={task.pausedAt} /> ({task.pauseReason})
              {task.pausedForEvent ? ` · resumes when “${task.pausedForEvent}” arrives` : ''}
            </span>
          ) : null}
          {task.slaDueAt && task.dueAt ? (
            <span className="text-zinc-600 dark:text-zinc-400" data-testid="extended-deadline">
              Extended: due <DateTime value={task.dueAt} /> · SLA <DateTime value={task.slaDueAt} />
            </span>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

/** "Wait for claimant" (reason, resume on the information) or "Extend deadline" (date, reason). */
function ClockForm({ c }: { c: Clock }) {
  const fields = c.problem?.fields ?? {};
  return (
    <form
      aria-label={c.mode === 'pause' ? 'Wait for claimant' : 'Extend the deadline'}
      className="flex flex-wrap items-start gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900/60"
      onSubmit={(e) => {
        e.preventDefault();
        c.submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') c.close();
      }}
    >
      {c.mode === 'extend' ? (
        <Field
          label={`New deadline (${c.timeZone})`}
          labelClassName="text-xs"
          error={fields.dueAt}
          hint="Later than the current deadline; the SLA deadline stays on record."
        >
          {(control) => (
            <Input
              {...control}
              type="datetime-local"
              size="sm"
              required
              autoFocus
              value={c.dueLocal}
              onChange={(e) => c.setDueLocal(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Field
        label={c.mode === 'pause' ? 'What are you waiting for?' : 'Reason for the extension'}
        labelClassName="text-xs"
        className="min-w-64 flex-1"
        error={fields.reason}
        hint="Recorded in the audit trail."
      >
        {(control) => (
          <Input
            {...control}
            size="sm"
            block
            required
            maxLength={500}
            autoFocus={c.mode === 'pause'}
            value={c.reason}
            onChange={(e) => c.setReason(e.target.value)}
          />
        )}
      </Field>
      {c.mode === 'pause' ? (
        <label className="flex items-center gap-2 self-end pb-1 text-sm">
          <input
            type="checkbox"
            checked={c.onEvent}
            onChange={(e) => c.setOnEvent(e.target.checked)}
          />
          Resume when the information is received
        </label>
      ) : null}
      <div className="flex gap-2 self-end">
        <Button type="submit" size="sm" disabled={c.pending}>
          {c.mode === 'pause' ? 'Pause clock' : 'Extend deadline'}
        </Button>
        <Button variant="secondary" size="sm" onClick={c.close}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
