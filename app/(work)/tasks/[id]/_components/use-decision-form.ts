'use client';

import { useMemo, useState } from 'react';
import { readDecision } from './decision-values';
import type { WorkspaceTask } from './task-views';

/** The chosen outcome, the typed values and their errors (from this form or from the server). */
export function useDecisionForm(task: WorkspaceTask) {
  const [outcomeKey, setOutcomeKey] = useState<string>(task.outcomes[0]?.key ?? '');
  // Money fields start from the payout the automated steps suggested.
  const [values, setValues] = useState((): Record<string, string> =>
    task.suggestedPayout !== null ? { payoutAmount: String(task.suggestedPayout) } : {},
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const outcome = useMemo(
    () => task.outcomes.find((o) => o.key === outcomeKey),
    [task.outcomes, outcomeKey],
  );

  /** The data to send, or null (with the errors shown) when a field needs fixing. */
  function validate(): Record<string, unknown> | null {
    if (!outcome) return null;
    const read = readDecision(outcome.fields, values);
    setErrors(read.errors);
    return Object.keys(read.errors).length ? null : read.data;
  }

  return {
    outcomeKey,
    setOutcomeKey,
    outcome,
    values,
    setValue: (name: string, value: string) => setValues((v) => ({ ...v, [name]: value })),
    errors,
    setErrors,
    validate,
  };
}
export type DecisionFormState = ReturnType<typeof useDecisionForm>;
