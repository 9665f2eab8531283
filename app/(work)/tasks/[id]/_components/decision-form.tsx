import type { FormEvent, RefObject } from 'react';
import { Button } from '../../../../_components/ui';
import { DecisionField } from './decision-field';
import { PayoutControls } from './payout-controls';
import type { WorkspaceTask } from './task-views';
import type { DecisionFormState } from './use-decision-form';

/** Pick an outcome, fill in what it asks for, complete (Ctrl/⌘+Enter from inside the form). */
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
    >
      <fieldset>
        <legend className="sr-only">Outcome</legend>
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
