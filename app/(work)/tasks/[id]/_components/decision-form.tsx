import type { FormEvent, KeyboardEvent, RefObject } from 'react';
import { Button } from '../../../../_components/ui';
import { DecisionField } from './decision-field';
import { PayoutControls } from './payout-controls';
import type { WorkspaceTask } from './task-views';
import type { DecisionFormState } from './use-decision-form';
import { TASK_TITLE_ID } from './task-title';

/**
 * Plain Enter on an outcome does not complete (browsers submit a form on it): focus lands on the
 * outcome when the task opens, and the Enter that opened it may still be held down.
 */
function keepEnterOffRadios(e: KeyboardEvent<HTMLFormElement>) {
  const t = e.target as HTMLElement;
  if (
    e.key === 'Enter' &&
    !e.ctrlKey &&
    !e.metaKey &&
    t instanceof HTMLInputElement &&
    t.type === 'radio'
  )
    e.preventDefault();
}

/**
 * Pick an outcome (the suggested one is chosen already; 1–9 pick by position), fill in what it
 * asks for, complete (Ctrl/⌘+Enter from anywhere on the page, see TASK_SHORTCUTS).
 */
export function DecisionForm({
  task,
  form,
  formRef,
  onSubmit,
  pending,
}: {
  task: WorkspaceTask;
  form: DecisionFormState;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (e: FormEvent) => void;
  pending: boolean;
}) {
  const { outcome } = form;
  const approval = Boolean(form.payout?.approvingGroup);
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      className="mt-3 space-y-3"
      noValidate
      aria-label="Decision form"
      onKeyDown={keepEnterOffRadios}
    >
      {/* Read out when focus lands here on arrival: "Decision for CLM-… · Adjuster review". */}
      <fieldset aria-labelledby={`decision-for ${TASK_TITLE_ID}`} aria-describedby="decision-keys">
        <legend id="decision-for" className="sr-only">
          Decision for
        </legend>
        <p id="decision-keys" className="sr-only">
          Keys 1 to {task.outcomes.length} choose the outcome; Control+Enter completes.
        </p>
        <div className="space-y-1">
          {task.outcomes.map((o) => (
            <label key={o.key} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="outcome"
                value={o.key}
                checked={form.outcomeKey === o.key}
                onChange={() => form.setOutcomeKey(o.key)}
              />
              {o.label}
              {o.key === form.suggestedKey ? (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">suggested</span>
              ) : null}
            </label>
          ))}
        </div>
      </fieldset>
      {outcome?.fields.map((f) => (
        <DecisionField
          key={`${outcome.key}-${f.name}`}
          field={f}
          value={form.values[f.name] ?? ''}
          error={form.errors[f.name]}
          onChange={(value) => form.setValue(f.name, value)}
        />
      ))}
      {task.payout ? <PayoutControls facts={task.payout} form={form} /> : null}
      <Button type="submit" disabled={pending} className="px-4">
        {pending
          ? approval
            ? 'Requesting…'
            : 'Completing…'
          : approval
            ? 'Request approval'
            : 'Complete'}{' '}
        <kbd className="ml-1 font-mono text-xs opacity-80">Ctrl ⏎</kbd>
      </Button>
    </form>
  );
}
