'use client';

import { Button, Callout, Field, Input, LiveRegion, Select } from '../../../../_components/ui';
import { EscalationControls, type EscalationState } from './escalation-controls';
import { useSupervisorActions, type SupervisedTask } from './use-supervisor-actions';

/**
 * For a supervisor of the task's group (or an admin): "Reassign…" to a member of that group,
 * and "Release…" of a task someone else holds, with the reason they are sent.
 */
export function SupervisorActions({
  task,
  viewerId,
  escalation,
}: {
  task: SupervisedTask;
  viewerId: string;
  /** The task's escalation, acknowledged or snoozed here (absent: no escalation controls). */
  escalation?: EscalationState;
}) {
  const open = task.status === 'ready' || task.status === 'claimed';
  return (
    <>
      {open && escalation ? <EscalationControls task={escalation} /> : null}
      <MoveActions task={task} viewerId={viewerId} />
    </>
  );
}

/** Reassign… and Release… */
function MoveActions({ task, viewerId }: { task: SupervisedTask; viewerId: string }) {
  const s = useSupervisorActions(task);
  const othersTask =
    task.status === 'claimed' && task.assigneeId !== null && task.assigneeId !== viewerId;
  const open = task.status === 'ready' || task.status === 'claimed';
  if (!open && !s.done) return null;
  const fields = s.problem?.fields ?? {};
  return (
    <div className="mt-2" data-testid="supervisor-actions">
      {open && !s.mode ? (
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"

            onClick={() => s.open('reassign')}
          >
            Reassign…
          </Button>
          {othersTask ? (
            <Button
              variant="secondary"
              size="sm"

              onClick={() => s.open('release')}
            >
              Release…
            </Button>
          ) : null}
        </div>
      ) : null}
      {s.mode ? (
        <form
          aria-label={s.mode === 'reassign' ? 'Reassign this task' : 'Release this task'}
          className="flex flex-wrap items-start gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900/60"
          onSubmit={(e) => {
            e.preventDefault();
            s.submit();
          }}
        >
          {s.mode === 'reassign' ? (
            <Field
              label={`New assignee (members of ${task.groupName ?? 'the task’s group'})`}
              labelClassName="text-xs"
              error={fields.toUserId}
              hint={s.membersError ? 'The members could not be loaded; try again.' : undefined}
            >
              {(control) => (
                <Select
                  {...control}
                  size="sm"
                  block
                  required
                  autoFocus
                  value={s.toUserId}
                  onChange={(e) => s.setToUserId(e.target.value)}
                >
                  <option value="">{s.membersLoading ? 'Loading members…' : 'Choose…'}</option>
                  {s.candidates.map((p) => (
                    <option key={p.id} value={p.id} disabled={p.outOfOffice}>
                      {p.name}
                      {p.outOfOffice ? ' (out of office)' : ''}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          <Field
            label={s.mode === 'reassign' ? 'Reason for the reassignment' : 'Reason for releasing'}
            labelClassName="text-xs"
            className="min-w-64 flex-1"
            error={fields.reason}
            hint={
              task.assigneeName && task.assigneeId !== viewerId
                ? `${task.assigneeName} is told, with this reason.`
                : 'Recorded with the change.'
            }
          >
            {(control) => (
              <Input
                {...control}
                size="sm"
                block
                value={s.reason}
                onChange={(e) => s.setReason(e.target.value)}
                autoFocus={s.mode === 'release'}
              />
            )}
          </Field>
          <div className="flex gap-2 self-end">
            <Button type="submit" size="sm" disabled={s.pending}>
              {s.mode === 'reassign' ? 'Reassign' : 'Release to the queue'}
            </Button>
            <Button variant="secondary" size="sm" onClick={s.close}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      <LiveRegion>
        {s.problem && !Object.keys(fields).length ? (
          <Callout tone="error" className="mt-2" data-testid="supervisor-error">
            {s.problem.message}
          </Callout>
        ) : s.done ? (
          <Callout tone="ok" className="mt-2" data-testid="supervisor-done">
            {s.done}
          </Callout>
        ) : null}
      </LiveRegion>
    </div>
  );
}
