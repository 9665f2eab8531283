import { useId } from 'react';
import { Button, Field, Input } from '@/app/_components/ui';
import { parseMoneyText } from '@/lib/domain/authority-words';
import { toCents } from '@/lib/domain/payout-authority';
import { ThresholdPreview } from './threshold-preview';
import { RuleTitleHint } from './threshold-rule-titles';
import type { LimitEditor } from './use-thresholds';

/**
 * The amount of one limit, typed inline: Enter previews which open tasks the change would flip,
 * and once the preview matches what is typed, Enter (or the button) saves it as a new version.
 * Escape cancels.
 */
export function ThresholdLimitEditor({
  editor: e,
  label,
  nextVersion,
  currentCents = null,
  onCancel,
}: {
  editor: LimitEditor;
  /** The limit saved now (null: none, or without limit), for the hint about rule titles. */
  currentCents?: number | null;
  /** "Claims adjusters", "Sam Senior (personal limit)". */
  label: string;
  nextVersion: number;
  onCancel: () => void;
}) {
  const unlimitedId = useId();
  const typed = e.unlimited ? { value: null } : parseMoneyText(e.text);
  const typedCents =
    'value' in typed ? (typed.value === null ? null : toCents(typed.value)) : undefined;
  return (
    <form
      aria-label={`Edit the limit of ${label}`}
      className="mt-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={(ev) => {
        ev.preventDefault();
        e.submit();
      }}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') onCancel();
      }}
      noValidate
    >
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label="May approve up to"
          error={e.unlimited ? null : e.amountProblem}
          hint="Whole units, cents allowed (e.g. 50,000)"
        >
          {(control) => (
            <Input
              {...control}
              size="sm"
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              disabled={e.unlimited}
              value={e.text}
              onChange={(ev) => e.setText(ev.target.value)}
              className="tabular mt-1 w-36 text-right"
            />
          )}
        </Field>
        <label htmlFor={unlimitedId} className="flex items-center gap-1.5 pb-6 text-sm">
          <input
            id={unlimitedId}
            type="checkbox"
            checked={e.unlimited}
            onChange={(ev) => e.setUnlimited(ev.target.checked)}
          />
          Without limit (any amount)
        </label>
        <Field label="Note (optional)" className="min-w-48 flex-1" hint="Why, for the history">
          {(control) => (
            <Input
              {...control}
              size="sm"
              block
              maxLength={500}
              value={e.note}
              onChange={(ev) => e.setNote(ev.target.value)}
            />
          )}
        </Field>
      </div>
      <RuleTitleHint fromCents={currentCents} toCents={typedCents} />
      <div className="mt-2 flex items-center gap-2">
        <Button type="submit" size="sm" disabled={e.busy}>
          {e.preview ? `Save as version ${nextVersion}` : 'Preview effect'}
        </Button>
        <Button variant="secondary" size="sm" onClick={onCancel} className="font-normal">
          Cancel
        </Button>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {e.preview
            ? 'Enter saves. Change the amount to preview again.'
            : 'Enter previews the open tasks the change would affect.'}
        </span>
      </div>
      {e.preview ? <ThresholdPreview preview={e.preview} /> : null}
    </form>
  );
}
