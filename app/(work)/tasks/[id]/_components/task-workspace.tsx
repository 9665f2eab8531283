'use client';

import { useRef, type FormEvent } from 'react';
import { Button, Callout, LiveRegion } from '../../../../_components/ui';
import { DecisionForm } from './decision-form';
import type { WorkspaceTask } from './task-views';
import { useDecisionForm } from './use-decision-form';
import { useTaskActions } from './use-task-actions';
import { useTaskKeyboard } from './use-task-keyboard';
import { useWorkFocus } from './use-work-focus';

function whyNoForm(task: WorkspaceTask): string {
  if (task.status === 'completed' || task.status === 'cancelled')
    return `This task is ${task.status}.`;
  return task.canClaim
    ? 'Claim the task to decide.'
    : 'Only the person it is assigned to can decide.';
}

/** Claim, release and the decision, on the task screen. The server decides; this only asks and explains. */
export function TaskWorkspace({ task }: { task: WorkspaceTask }) {
  const form = useDecisionForm(task);
  const { notice, action, complete } = useTaskActions(task, form.setErrors);
  const formRef = useRef<HTMLFormElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (complete.isPending || !form.outcome) return;
    const data = form.validate();
    const group = form.payout?.approvingGroup;
    if (data)
      complete.mutate({
        outcome: form.outcome.key,
        data,
        doneText: group
          ? `Sent to ${group} for approval. The case waits for their decision.`
          : undefined,
      });
  }
  useTaskKeyboard({
    formRef,
    onSubmit: submit,
    onClaim: task.canClaim && !action.isPending ? () => action.mutate('claim') : null,
    onPickOutcome: task.canComplete ? (i) => form.pickOutcome(i, formRef.current) : null,
  });
  useWorkFocus({
    formRef,
    panelRef,
    canComplete: task.canComplete,
    canClaim: task.canClaim,
  });

  return (
    <section
      ref={panelRef}
      aria-labelledby="decision-heading"
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="decision-heading" className="text-sm font-semibold">
          Decision
        </h2>
        <div className="flex gap-2">
          {task.canClaim ? (
            <Button
              data-work-claim
              onClick={() => action.mutate('claim')}
              disabled={action.isPending}
            >
              Claim <kbd className="ml-1 font-mono text-xs opacity-80">c</kbd>
            </Button>
          ) : null}
          {task.canRelease ? (
            <Button
              variant="secondary"
              onClick={() => action.mutate('release')}
              disabled={action.isPending}
            >
              Release
            </Button>
          ) : null}
        </div>
      </div>
      <LiveRegion>
        {notice ? (
          <Callout tone={notice.tone} className="mt-3" data-testid="task-notice">
            {notice.text}
          </Callout>
        ) : null}
      </LiveRegion>
      {task.canComplete ? (
        <DecisionForm
          task={task}
          form={form}
          formRef={formRef}
          onSubmit={submit}
          pending={complete.isPending}
        />
      ) : task.fourEyes && task.status !== 'completed' && task.status !== 'cancelled' ? (
        <Callout tone="info" className="mt-3 border" data-testid="four-eyes">
          {task.fourEyes}
        </Callout>
      ) : (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{whyNoForm(task)}</p>
      )}
    </section>
  );
}
