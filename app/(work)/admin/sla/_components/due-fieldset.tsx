import { DurationInputs } from './duration-inputs';
import { PathErrors, type FieldPaths } from './field-paths';
import type { PolicyDraft } from './policy-draft';
import { UNITS } from './sla-words';
import type { PolicyDraftEditor } from './use-policy-draft';

/** How long after a task opens it is due. */
export function DueFieldset({
  f,
  draft: d,
  editor,
}: {
  f: FieldPaths;
  draft: PolicyDraft;
  editor: PolicyDraftEditor;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">Due</legend>
      <div className="mt-1 flex items-center gap-2">
        <DurationInputs
          f={f}
          name="due"
          label="Due after"
          path="due"
          amount={d.dueAmount}
          unit={d.dueUnit}
          units={UNITS}
          min={1}
          onAmount={(dueAmount) => editor.update({ dueAmount })}
          onUnit={(dueUnit) => editor.update({ dueUnit })}
        />
        <span className="text-sm text-zinc-500 dark:text-zinc-400">after the task opens</span>
      </div>
      <PathErrors f={f} paths={['due.amount', 'due.unit']} />
    </fieldset>
  );
}
