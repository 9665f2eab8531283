import { VARIANCE_REASON_FIELD } from '@/lib/domain/payout-authority';
import { Callout, Field, LiveRegion, Textarea } from '../../../../_components/ui';
import { fieldMessage } from './decision-values';
import { ownLimitText } from './payout-plan';
import type { PayoutControls as Facts } from './task-views';
import type { DecisionFormState } from './use-decision-form';

const REASON_LABEL = 'Reason for a different amount';

/**
 * Under the amount of an outcome that approves money: the person's own limit, what the amount
 * typed will lead to (read out politely as it changes), and the written reason when the amount
 * strays from the recommendation.
 */
export function PayoutControls({ facts, form }: { facts: Facts; form: DecisionFormState }) {
  const plan = form.payout;
  if (!plan) return null;
  return (
    <>
      <div className="space-y-2">
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="own-limit">
          {ownLimitText(facts.authority)}
        </p>
        <LiveRegion data-testid="payout-plan">
          {plan.words ? (
            <Callout tone={plan.words.tone} className="border">
              {plan.words.text}
            </Callout>
          ) : null}
        </LiveRegion>
      </div>
      {form.showReason ? (
        <Field
          id={`f-${VARIANCE_REASON_FIELD}`}
          hint={plan.reasonHint}
          error={fieldMessage(REASON_LABEL, form.errors[VARIANCE_REASON_FIELD])}
          label={
            <>
              {REASON_LABEL}
              <span aria-hidden> *</span>
            </>
          }
        >
          {(control) => (
            <Textarea
              {...control}
              block
              rows={3}
              required
              value={form.values[VARIANCE_REASON_FIELD] ?? ''}
              onChange={(e) => form.setValue(VARIANCE_REASON_FIELD, e.target.value)}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}
