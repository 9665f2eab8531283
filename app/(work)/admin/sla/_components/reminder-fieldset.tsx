import type { ReactNode } from 'react';
import { AmountInput, DurationInputs } from './duration-inputs';
import { HiddenLabel, PathErrors, type FieldPaths } from './field-paths';
import type { PolicyDraft, ReminderKind } from './policy-draft';
import { REMINDER_UNITS } from './sla-words';
import type { PolicyDraftEditor } from './use-policy-draft';

/** One choice of the reminder radio group. */
function KindRadio({
  f,
  kind,
  draft,
  editor,
  children,
}: {
  f: FieldPaths;
  kind: ReminderKind;
  draft: PolicyDraft;
  editor: PolicyDraftEditor;
  children: ReactNode;
}) {
  return (
    <label className="flex items-center gap-2">
      <input
        type="radio"
        name={f.id('reminder')}
        checked={draft.reminderKind === kind}
        onChange={() => editor.update({ reminderKind: kind })}
      />{' '}
      {children}
    </label>
  );
}

/** No reminder, a reminder some time before due, or at a share of the allowed time. */
export function ReminderFieldset({
  f,
  draft: d,
  editor,
}: {
  f: FieldPaths;
  draft: PolicyDraft;
  editor: PolicyDraftEditor;
}) {
  const radio = { f, draft: d, editor };
  return (
    <fieldset>
      <legend className="text-sm font-medium">Reminder</legend>
      <div className="mt-1 space-y-1.5 text-sm">
        <KindRadio kind="none" {...radio}>
          No reminder
        </KindRadio>
        <div className="flex flex-wrap items-center gap-2">
          <KindRadio kind="before" {...radio}>
            Before due:
          </KindRadio>
          <DurationInputs
            f={f}
            name="reminder"
            label="Reminder before due"
            path="reminder.before"
            amount={d.reminderAmount}
            unit={d.reminderUnit}
            units={REMINDER_UNITS}
            min={1}
            disabled={d.reminderKind !== 'before'}
            onAmount={(reminderAmount) => editor.update({ reminderAmount })}
            onUnit={(reminderUnit) => editor.update({ reminderUnit })}
          />
          <span className="text-zinc-500 dark:text-zinc-400">before due</span>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <KindRadio kind="percent" {...radio}>
            At
          </KindRadio>
          <HiddenLabel htmlFor={f.id('reminder-percent')}>
            Reminder at percent of the allowed time
          </HiddenLabel>
          <AmountInput
            id={f.id('reminder-percent')}
            min={1}
            max={99}
            disabled={d.reminderKind !== 'percent'}
            value={d.reminderPercent}
            onChange={(e) => editor.update({ reminderPercent: e.target.value })}
            {...f.a11y('reminder.atPercent')}
          />
          <span className="text-zinc-500 dark:text-zinc-400">% of the allowed time</span>
        </div>
      </div>
      <PathErrors
        f={f}
        paths={['reminder', 'reminder.before.amount', 'reminder.before.unit', 'reminder.atPercent']}
      />
    </fieldset>
  );
}
