'use client';

import { useMemo, useState } from 'react';
import { approvesPayout, PAYOUT_FIELD, VARIANCE_REASON_FIELD } from '@/lib/domain/payout-authority';
import { planPayout } from './payout-plan';
import { readDecision } from './decision-values';
import type { WorkspaceTask } from './task-views';

function initialValues(task: WorkspaceTask): Record<string, string> {
  const values: Record<string, string> = {};
  // Money fields start from the payout the automated steps suggested (or the amount requested).
  if (task.suggestedPayout !== null) values[PAYOUT_FIELD] = String(task.suggestedPayout);
  if (task.suggestedReason) values[VARIANCE_REASON_FIELD] = task.suggestedReason;
  return values;
}

/**
 * The outcome suggested by the case: the one that approves the suggested payout (the
 * recommendation, or the amount an approval step asks for); null without a suggested payout.
 * The form starts from it, so Ctrl+Enter alone completes with the suggestion; the server checks
 * that decision as it checks any other.
 */
function suggestedOutcomeKey(task: WorkspaceTask): string | null {
  if (task.suggestedPayout === null) return null;
  return task.outcomes.find((o) => approvesPayout(o))?.key ?? null;
}

/**
 * The chosen outcome, the typed values and their errors (from this form or from the server),
 * and, for an outcome that approves money, what the amount typed will lead to.
 */
export function useDecisionForm(task: WorkspaceTask) {
  const [suggestedKey] = useState(() => suggestedOutcomeKey(task));
  const [outcomeKey, setOutcomeKey] = useState<string>(
    () => suggestedKey ?? task.outcomes[0]?.key ?? '',
  );
  const [values, setValues] = useState(() => initialValues(task));
  const [errors, setFieldErrors] = useState<Record<string, string>>({});
  // Once the server asked for a reason, the field stays, even if this form thought it unneeded.
  const [reasonAsked, setReasonAsked] = useState(false);
  const setErrors = (found: Record<string, string>) => {
    if (found[VARIANCE_REASON_FIELD]) setReasonAsked(true);
    setFieldErrors(found);
  };
  const outcome = useMemo(
    () => task.outcomes.find((o) => o.key === outcomeKey),
    [task.outcomes, outcomeKey],
  );
  const reason = values[VARIANCE_REASON_FIELD] ?? '';
  const payout =
    outcome && task.payout && approvesPayout(outcome)
      ? planPayout(task.payout, values[PAYOUT_FIELD] ?? '', reason)
      : null;
  const showReason = Boolean(payout && (payout.needsReason || reasonAsked));

  /** The data to send, or null (with the errors shown) when a field needs fixing. */
  function validate(): Record<string, unknown> | null {
    if (!outcome) return null;
    const read = readDecision(outcome.fields, values);
    const found = { ...(payout?.problems ?? {}), ...read.errors };
    setErrors(found);
    if (Object.keys(found).length) return null;
    return showReason && reason.trim()
      ? { ...read.data, [VARIANCE_REASON_FIELD]: reason.trim() }
      : read.data;
  }

  return {
    outcomeKey,
    setOutcomeKey,
    /** The outcome suggested (and chosen at first); null when the case suggests none. */
    suggestedKey,
    /** Chooses the outcome at this position (the 1–9 keys) and focuses its radio in `form`. */
    pickOutcome: (index: number, form: HTMLFormElement | null) => {
      const o = task.outcomes[index];
      if (!o) return;
      setOutcomeKey(o.key);
      form
        ?.querySelector<HTMLElement>(`input[name="outcome"][value="${CSS.escape(o.key)}"]`)
        ?.focus();
    },
    outcome,
    values,
    setValue: (name: string, value: string) => {
      setValues((v) => ({ ...v, [name]: value }));
      // A changed value is no longer what the error was about.
      setFieldErrors(({ [name]: _gone, ...rest }) => rest);
    },
    errors,
    setErrors,
    validate,
    payout,
    showReason,
  };
}
export type DecisionFormState = ReturnType<typeof useDecisionForm>;
